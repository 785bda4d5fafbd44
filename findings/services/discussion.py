"""Comments on released findings, and the business's agreement or dispute (issue 6, item 6).

Who speaks for whom is read from the capability matrix at the moment of writing
(``findings.selectors.side_of``), never taken from the request. The audit keeps ids and facts;
the words stay in the comment.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record
from findings.models import BusinessPosition, Finding, FindingComment, Position, Side
from findings.selectors.findings import current_position, side_of, speaks_for_business, visible_comments_q
from tenancy.access import capabilities_for
from tenancy.roles import Capability

MAX_TEXT = 4000


def _require_released(finding: Finding) -> None:
    if not finding.is_released:
        raise ValidationError(_("This finding is not released yet: it cannot be discussed."))


def _text(value: str, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: message})
    if len(text) > MAX_TEXT:
        raise ValidationError({field: _("At most %(n)s characters.") % {"n": MAX_TEXT}})
    return text


@transaction.atomic
def comment_add(
    *, actor: Any, finding: Finding, body: str, parent: FindingComment | None = None, private: bool = False
) -> FindingComment:
    """A comment on a released finding, or a reply in a thread (which keeps the thread's readers)."""
    capabilities = capabilities_for(actor, finding.engagement)
    side = side_of(capabilities)
    if Capability.COMMENT_ON_FINDINGS not in capabilities or side is None:
        raise ValidationError(_("You cannot comment on findings in this engagement."))
    _require_released(finding)
    text = _text(body, "body", _("Write a comment."))
    if parent is not None:
        visible = FindingComment.objects.filter(finding=finding, pk=parent.pk).filter(visible_comments_q(capabilities))
        if not visible.exists():
            raise ValidationError(_("The comment you reply to is not in this finding's discussion."))
        parent = parent.parent or parent  # threads are one level deep
        private_to = parent.private_to
    elif private:
        if side == Side.TEAM:
            raise ValidationError(
                _("The team's comments are read by everyone; reply in a thread to answer in confidence.")
            )
        private_to = side
    else:
        private_to = ""
    comment = FindingComment.objects.create(
        engagement=finding.engagement,
        finding=finding,
        parent=parent,
        author=actor,
        side=side,
        private_to=private_to,
        body=text,
    )
    record(
        actor=actor,
        verb="finding.commented",
        target=comment,
        engagement=finding.engagement,
        detail={
            "finding": str(finding.pk),
            "number": finding.number,
            "side": side,
            "reply_to": str(parent.pk) if parent else None,
            "private_to": private_to,
        },
    )
    return comment


@transaction.atomic
def position_set(*, actor: Any, finding: Finding, position: str, reasons: str = "") -> BusinessPosition:
    """The business agrees with or disputes a released finding; a dispute gives its reasons."""
    if not speaks_for_business(capabilities_for(actor, finding.engagement)):
        raise ValidationError(_("Only the business's reviewers agree with or dispute a finding."))
    _require_released(finding)
    if position not in Position.values:
        raise ValidationError({"position": _("Agree or dispute.")})
    reasons = (reasons or "").strip()
    if position == Position.DISPUTES:
        reasons = _text(reasons, "reasons", _("Give the business's reasons for disputing the finding."))
    elif len(reasons) > MAX_TEXT:
        raise ValidationError({"reasons": _("At most %(n)s characters.") % {"n": MAX_TEXT}})
    previous = current_position(finding)
    given = BusinessPosition.objects.create(
        engagement=finding.engagement, finding=finding, position=position, reasons=reasons, given_by=actor
    )
    record(
        actor=actor,
        verb="finding.business_position",
        target=finding,
        engagement=finding.engagement,
        detail={
            "number": finding.number,
            "position": position,
            "previous": previous.position if previous else None,
            "with_reasons": bool(reasons),
        },
    )
    return given
