"""Writing the action plan (guide, phase 6): its actions, and how it was built.

Each change is audited with the plan's fingerprint after it, and an update says whether the action's
substance changed (then the signatures of the earlier version ask to be signed again). Deleting an action
changes the version as well; an action on which progress is reported (phase 7) is closed, not deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from actionplans.models import SUBSTANCE_FIELDS, Action, ActionPlan, ActionStatus
from actionplans.selectors import findings_to_answer
from actionplans.versions import plan_fingerprint
from audit.log import record
from engagements.models import Engagement, Participant
from findings.models import Finding, Side
from findings.selectors.findings import side_of
from tenancy.access import capabilities_for
from tenancy.roles import Capability

FIELDS = (
    "kind",
    "what",
    "target_outcome",
    "indicator",
    "responsible_person",
    "responsible_organisation",
    "responsible_user",
    "due_date",
    "resources",
    "note",
)


def _require(actor: Any, engagement: Engagement, capability: Capability) -> frozenset:
    capabilities = capabilities_for(actor, engagement)
    if capability not in capabilities:
        raise ValidationError(_("You cannot change this engagement's action plan."))
    return capabilities


def plan_for(engagement: Engagement) -> ActionPlan:
    """The engagement's plan, made on first use (one per engagement)."""
    plan, _created = ActionPlan.objects.get_or_create(engagement=engagement)
    return plan


def _clean_findings(engagement: Engagement, findings: Iterable[Finding]) -> list[Finding]:
    chosen = list(findings or [])
    if not chosen:
        raise ValidationError({"findings": _("Say which finding this action answers.")})
    allowed = set(findings_to_answer(engagement).filter(pk__in=[f.pk for f in chosen]).values_list("pk", flat=True))
    if len(allowed) != len({f.pk for f in chosen}):
        raise ValidationError({"findings": _("Choose released findings of this engagement.")})
    return chosen


def _clean_responsible_user(engagement: Engagement, user: Any) -> None:
    if user is not None and not Participant.objects.filter(engagement=engagement, user=user).exists():
        raise ValidationError({"responsible_user": _("Reminders can only go to a participant of this engagement.")})


def _strip(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


def _wake_reminders() -> None:
    """A new or moved due date may be due today: have the next beat tick look at once (not at its rescan)."""
    from reminders.services import reminders_wake

    transaction.on_commit(reminders_wake)


@transaction.atomic
def action_create(*, actor: Any, engagement: Engagement, findings: Iterable[Finding], **fields: Any) -> Action:
    """A new action answering released findings; it changes the plan's version."""
    _require(actor, engagement, Capability.EDIT_ACTION_PLAN)
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown action fields: {sorted(unknown)}")
    plan = ActionPlan.objects.select_for_update().get(pk=plan_for(engagement).pk)
    chosen = _clean_findings(engagement, findings)
    _clean_responsible_user(engagement, fields.get("responsible_user"))
    number = (plan.actions.aggregate(n=Max("number"))["n"] or 0) + 1
    action = Action(plan=plan, number=number, created_by=actor, **_strip(fields))
    action.full_clean()
    action.save()
    action.findings.set(chosen)
    _wake_reminders()
    record(
        actor=actor,
        verb="actionplan.action_created",
        target=action,
        engagement=engagement,
        detail={"number": number, "findings": sorted(str(f.pk) for f in chosen), "fingerprint": plan_fingerprint(plan)},
    )
    return action


@transaction.atomic
def action_update(*, actor: Any, action: Action, findings: Iterable[Finding], **fields: Any) -> Action:
    """Change an action. The audit says which fields changed and whether its substance did."""
    engagement = action.plan.engagement
    _require(actor, engagement, Capability.EDIT_ACTION_PLAN)
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown action fields: {sorted(unknown)}")
    action = Action.objects.select_for_update().get(pk=action.pk)
    before_fingerprint = plan_fingerprint(action.plan)
    before = {name: getattr(action, name) for name in FIELDS}
    before_findings = set(action.findings.values_list("pk", flat=True))
    chosen = _clean_findings(engagement, findings)
    _clean_responsible_user(engagement, fields.get("responsible_user", action.responsible_user))
    for name, value in _strip(fields).items():
        setattr(action, name, value)
    action.full_clean()
    action.save()
    action.findings.set(chosen)
    changed = [name for name in FIELDS if getattr(action, name) != before[name]]
    if {f.pk for f in chosen} != before_findings:
        changed.append("findings")
    if {"due_date", "responsible_user"} & set(changed):
        _wake_reminders()
    after_fingerprint = plan_fingerprint(action.plan)
    record(
        actor=actor,
        verb="actionplan.action_updated",
        target=action,
        engagement=engagement,
        detail={
            "number": action.number,
            "changed": changed,
            "substance_changed": after_fingerprint != before_fingerprint,
            "substance_fields_changed": [n for n in changed if n in (*SUBSTANCE_FIELDS, "findings")],
            "fingerprint": after_fingerprint,
        },
    )
    return action


@transaction.atomic
def action_delete(*, actor: Any, action: Action) -> None:
    """Remove an action that no progress was reported on; the plan's version changes."""
    plan = action.plan
    _require(actor, plan.engagement, Capability.EDIT_ACTION_PLAN)
    if action.status != ActionStatus.OPEN:
        raise ValidationError(_("Progress was reported on this action: close it instead of deleting it."))
    number = action.number
    action.delete()
    record(
        actor=actor,
        verb="actionplan.action_deleted",
        target=plan,
        engagement=plan.engagement,
        detail={"number": number, "fingerprint": plan_fingerprint(plan)},
    )


@transaction.atomic
def plan_update(*, actor: Any, engagement: Engagement, built_jointly: bool, notes: str = "") -> ActionPlan:
    """How the plan was built (which groups must sign) is the assessment team's call, not a signatory's."""
    capabilities = _require(actor, engagement, Capability.EDIT_ACTION_PLAN)
    if side_of(capabilities) != Side.TEAM:
        raise ValidationError(_("Only the assessment team says how the plan was built."))
    plan = ActionPlan.objects.select_for_update().get(pk=plan_for(engagement).pk)
    previous = plan.built_jointly
    plan.built_jointly, plan.notes = built_jointly, (notes or "").strip()
    plan.full_clean()
    plan.save()
    record(
        actor=actor,
        verb="actionplan.plan_updated",
        target=plan,
        engagement=engagement,
        detail={"built_jointly": built_jointly, "was_built_jointly": previous},
    )
    return plan
