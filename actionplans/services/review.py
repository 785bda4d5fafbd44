"""Feedback on the draft action plan, per action (guide, phase 6 step 3)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from actionplans.models import Action, ActionFeedback
from audit.log import record
from findings.selectors.findings import side_of
from tenancy.access import capabilities_for
from tenancy.roles import Capability

MAX_TEXT = 4000


@transaction.atomic
def feedback_add(*, actor: Any, action: Action, body: str, parent: ActionFeedback | None = None) -> ActionFeedback:
    """Feedback on an action, or an answer in its thread (threads are one level deep)."""
    engagement = action.plan.engagement
    capabilities = capabilities_for(actor, engagement)
    side = side_of(capabilities)
    if Capability.REVIEW_ACTION_PLAN not in capabilities or side is None:
        raise ValidationError(_("You cannot review this action plan."))
    text = (body or "").strip()
    if not text:
        raise ValidationError({"body": _("Write your feedback.")})
    if len(text) > MAX_TEXT:
        raise ValidationError({"body": _("At most %(n)s characters.") % {"n": MAX_TEXT}})
    if parent is not None:
        if parent.action_id != action.pk:
            raise ValidationError(_("The feedback you answer is not about this action."))
        parent = parent.parent or parent
    feedback = ActionFeedback(action=action, parent=parent, author=actor, side=side, body=text)
    feedback.full_clean()
    feedback.save()
    record(
        actor=actor,
        verb="actionplan.feedback_given",
        target=feedback,
        engagement=engagement,
        detail={"action": action.number, "side": side, "reply_to": str(parent.pk) if parent else None},
    )
    return feedback
