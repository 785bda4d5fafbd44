"""Choosing, approving, publishing and unpublishing the public version; the external engagement log.

Every write is audited. The audit detail records counts and fingerprints, never the published text.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.models import Action
from audit.log import record
from disclosure.content import current, ordered_sections
from disclosure.models import Approval, Disclosure, EngagementKind, ExternalEngagement, PublishedVersion, Section
from disclosure.selectors import approval_side_of, is_approved
from engagements.models import Engagement
from findings.models import Finding, FindingStatus
from tenancy.access import capabilities_for
from tenancy.roles import Capability


def _enqueue(version: PublishedVersion) -> None:
    from disclosure.tasks import render_public_version

    version_id = str(version.pk)
    # Robust: with the broker down the version is still published (HTML); its PDF waits for a worker.
    transaction.on_commit(lambda: render_public_version.delay(version_id), robust=True)


def _locked(disclosure: Disclosure) -> Disclosure:
    return Disclosure.objects.select_for_update().select_related("engagement__organisation").get(pk=disclosure.pk)


@transaction.atomic
def disclosure_choose(
    *,
    actor: Any,
    engagement: Engagement,
    sections: Iterable[str],
    findings: Iterable[Finding],
    actions: Iterable[Action],
) -> Disclosure:
    """Save what the public version holds. Its fingerprint changes with it, so standing approvals lapse."""
    sections = ordered_sections(sections)
    if any(s not in Section.values for s in sections):
        raise ValidationError({"sections": _("Choose from the sections offered.")})
    if not sections:
        raise ValidationError({"sections": _("Choose at least one section to publish.")})
    findings, actions = list(findings), list(actions)
    if any(f.engagement_id != engagement.pk or f.status != FindingStatus.RELEASED for f in findings):
        raise ValidationError({"findings": _("Only this engagement's released findings can be published.")})
    if any(a.plan.engagement_id != engagement.pk for a in actions):
        raise ValidationError({"actions": _("Only this engagement's actions can be published.")})
    disclosure, _created = Disclosure.objects.select_for_update().get_or_create(engagement=engagement)
    disclosure.sections = sections
    disclosure.chosen_by = actor
    disclosure.chosen_at = timezone.now()
    disclosure.findings.set(findings)
    disclosure.actions.set(actions)
    _content, disclosure.fingerprint = current(disclosure)
    disclosure.full_clean()
    disclosure.save()
    record(
        actor=actor,
        verb="disclosure.chosen",
        target=disclosure,
        engagement=engagement,
        detail={
            "sections": sections,
            "findings": len(findings),
            "actions": len(actions),
            "fingerprint": disclosure.fingerprint,
        },
    )
    return disclosure


@transaction.atomic
def disclosure_approve(*, actor: Any, disclosure: Disclosure, fingerprint: str) -> Approval:
    """Approve, for one's side, the version one was shown (``fingerprint``); refused if it has changed since."""
    disclosure = _locked(disclosure)
    capabilities = capabilities_for(actor, disclosure.engagement)
    side = approval_side_of(capabilities)
    if Capability.APPROVE_DISCLOSURE not in capabilities or side is None:
        raise ValidationError(_("Only the business and the worker representatives approve the public version."))
    _content, now_fingerprint = current(disclosure)
    if fingerprint != now_fingerprint:
        raise ValidationError(_("The public version changed while you were reading it: read it again, then approve."))
    standing = Approval.objects.filter(
        disclosure=disclosure, side=side, fingerprint=fingerprint, withdrawn_at__isnull=True
    ).first()
    if standing is not None:
        return standing
    approval = Approval(
        disclosure=disclosure, side=side, fingerprint=fingerprint, approved_by=actor, approved_at=timezone.now()
    )
    approval.full_clean()
    approval.save()
    record(
        actor=actor,
        verb="disclosure.approved",
        target=disclosure,
        engagement=disclosure.engagement,
        detail={"side": side, "fingerprint": fingerprint},
    )
    return approval


@transaction.atomic
def disclosure_withdraw(*, actor: Any, disclosure: Disclosure) -> int:
    """Withdraw one's side's standing approvals. What is already published stays until the lead unpublishes it."""
    disclosure = _locked(disclosure)
    side = approval_side_of(capabilities_for(actor, disclosure.engagement))
    if side is None:
        raise ValidationError(_("Only the business and the worker representatives approve the public version."))
    withdrawn = Approval.objects.filter(disclosure=disclosure, side=side, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
    if not withdrawn:
        raise ValidationError(_("Your side has no approval to withdraw."))
    record(
        actor=actor,
        verb="disclosure.approval_withdrawn",
        target=disclosure,
        engagement=disclosure.engagement,
        detail={"side": side, "approvals": withdrawn},
    )
    return withdrawn


@transaction.atomic
def version_publish(*, actor: Any, disclosure: Disclosure) -> PublishedVersion:
    """Publish the approved version: a frozen, numbered copy, shown at the public address; its PDF is queued."""
    disclosure = _locked(disclosure)
    content, fingerprint = current(disclosure)
    if not is_approved(disclosure, fingerprint):
        raise ValidationError(
            _("Both the business and the worker representatives must approve this version before it is published.")
        )
    live = list(PublishedVersion.objects.select_for_update().filter(disclosure=disclosure, unpublished_at__isnull=True))
    if any(v.fingerprint == fingerprint for v in live):
        raise ValidationError(_("This version is already published."))
    now = timezone.now()
    for earlier in live:  # one live version at a time: the new one replaces it
        earlier.unpublished_at, earlier.unpublished_by = now, actor
        earlier.save(update_fields=["unpublished_at", "unpublished_by", "updated_at"])
    last = PublishedVersion.objects.filter(disclosure=disclosure).aggregate(n=Max("number"))["n"] or 0
    version = PublishedVersion(
        disclosure=disclosure,
        engagement=disclosure.engagement,
        number=last + 1,
        content=content,
        fingerprint=fingerprint,
        published_by=actor,
        published_at=now,
    )
    version.full_clean()
    version.save()
    record(
        actor=actor,
        verb="disclosure.published",
        target=version,
        engagement=disclosure.engagement,
        detail={"number": version.number, "fingerprint": fingerprint, "replaced": [v.number for v in live]},
    )
    _enqueue(version)
    return version


@transaction.atomic
def version_unpublish(*, actor: Any, disclosure: Disclosure) -> list[int]:
    """Take the public page down: it answers 404 from now on (the versions are kept, for the record)."""
    disclosure = _locked(disclosure)
    live = list(PublishedVersion.objects.select_for_update().filter(disclosure=disclosure, unpublished_at__isnull=True))
    if not live:
        raise ValidationError(_("Nothing is published."))
    now = timezone.now()
    for version in live:
        version.unpublished_at, version.unpublished_by = now, actor
        version.save(update_fields=["unpublished_at", "unpublished_by", "updated_at"])
    numbers = [v.number for v in live]
    record(
        actor=actor,
        verb="disclosure.unpublished",
        target=disclosure,
        engagement=disclosure.engagement,
        detail={"numbers": numbers},
    )
    return numbers


@transaction.atomic
def external_engagement_add(
    *,
    actor: Any,
    engagement: Engagement,
    held_on: date,
    kind: str,
    parties: str,
    summary: str,
    outcome: str = "",
    follow_up: str = "",
) -> ExternalEngagement:
    if kind not in EngagementKind.values:
        raise ValidationError({"kind": _("Choose a kind of engagement.")})
    entry = ExternalEngagement(
        engagement=engagement,
        held_on=held_on,
        kind=kind,
        parties=parties.strip(),
        summary=summary.strip(),
        outcome=outcome.strip(),
        follow_up=follow_up.strip(),
        recorded_by=actor,
    )
    entry.full_clean()
    entry.save()
    record(
        actor=actor,
        verb="disclosure.external_engagement_logged",
        target=entry,
        engagement=engagement,
        detail={"kind": kind, "held_on": held_on.isoformat()},
    )
    return entry
