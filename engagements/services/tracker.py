"""The phase tracker: the method's eight phases, their steps and key actions as a checklist."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from engagements import reference
from engagements.models import ChecklistItem, Engagement, ItemKind, ItemStatus, Phase


def tracker_seed(*, engagement: Engagement) -> None:
    """Every phase, step and key action of the reference, in order (guide, phases 1-8)."""
    phases = Phase.objects.bulk_create(
        Phase(engagement=engagement, number=p["number"], key=p["key"], name=p["name"], purpose=p.get("purpose", ""))
        for p in reference.phases()
    )
    by_number = {phase.number: phase for phase in phases}
    steps: list[ChecklistItem] = []
    actions: list[ChecklistItem] = []
    for p in reference.phases():
        phase = by_number[p["number"]]
        position = 0
        for step in p["steps"]:
            position += 1
            step_item = ChecklistItem(
                engagement=engagement, phase=phase, kind=ItemKind.STEP, position=position, text=step["title"]
            )
            steps.append(step_item)
            for action in step.get("actions", []):
                position += 1
                actions.append(
                    ChecklistItem(
                        engagement=engagement,
                        phase=phase,
                        step=step_item,
                        kind=ItemKind.ACTION,
                        position=position,
                        text=action,
                    )
                )
    ChecklistItem.objects.bulk_create(steps)
    ChecklistItem.objects.bulk_create(actions)


def _refuse_if_closed(phase: Phase) -> None:
    if phase.is_closed:
        raise ValidationError(_("This phase is closed. Reopen it to change its checklist."))


@transaction.atomic
def checklist_item_set_status(
    *, actor: Any, item: ChecklistItem, status: str, note: str | None = None
) -> ChecklistItem:
    if status not in ItemStatus.values:
        raise ValidationError(_("Unknown status."))
    _refuse_if_closed(item.phase)
    if status == ItemStatus.NOT_APPLICABLE and not (note or item.note).strip():
        raise ValidationError({"note": _("Say why this item does not apply.")})
    previous = item.status
    item.status = status
    if note is not None:
        item.note = note
    if status == ItemStatus.OPEN:
        item.done_by, item.done_at = None, None
    elif previous == ItemStatus.OPEN:
        item.done_by, item.done_at = actor, timezone.now()
    item.save()
    if previous != status:
        record(
            actor=actor,
            verb="checklist.status_set",
            target=item,
            engagement=item.engagement,
            detail={"phase": item.phase.number, "from": previous, "to": status},
        )
    return item


@transaction.atomic
def checklist_item_update(
    *, actor: Any, item: ChecklistItem, owner: Any, due_date: date | None, note: str
) -> ChecklistItem:
    _refuse_if_closed(item.phase)
    item.owner, item.due_date, item.note = owner, due_date, note
    item.full_clean()
    item.save()
    record(
        actor=actor,
        verb="checklist.updated",
        target=item,
        engagement=item.engagement,
        detail={
            "phase": item.phase.number,
            "owner": owner.email if owner else None,
            "due_date": due_date.isoformat() if due_date else None,
        },
    )
    return item


@transaction.atomic
def checklist_item_add(
    *, actor: Any, phase: Phase, text: str, mandatory: bool = True, owner: Any = None, due_date: date | None = None
) -> ChecklistItem:
    _refuse_if_closed(phase)
    last = phase.items.aggregate(last=Max("position"))["last"] or 0
    item = ChecklistItem(
        engagement=phase.engagement,
        phase=phase,
        kind=ItemKind.CUSTOM,
        position=last + 1,
        text=text,
        mandatory=mandatory,
        owner=owner,
        due_date=due_date,
    )
    item.full_clean()
    item.save()
    record(
        actor=actor,
        verb="checklist.item_added",
        target=item,
        engagement=phase.engagement,
        detail={"phase": phase.number, "mandatory": mandatory},
    )
    return item


def open_mandatory_items(phase: Phase) -> int:
    return phase.items.filter(mandatory=True, status=ItemStatus.OPEN).count()


@transaction.atomic
def phase_close(*, actor: Any, phase: Phase) -> Phase:
    """A phase closes only when none of its mandatory items is still open."""
    phase = Phase.objects.select_for_update().get(pk=phase.pk)
    if phase.is_closed:
        raise ValidationError(_("This phase is already closed."))
    remaining = open_mandatory_items(phase)
    if remaining:
        raise ValidationError(
            _("This phase still has %(count)d open mandatory item(s); resolve them before closing it.")
            % {"count": remaining}
        )
    phase.closed_at, phase.closed_by = timezone.now(), actor
    phase.save(update_fields=["closed_at", "closed_by", "updated_at"])
    record(actor=actor, verb="phase.closed", target=phase, engagement=phase.engagement, detail={"phase": phase.number})
    return phase


@transaction.atomic
def phase_reopen(*, actor: Any, phase: Phase) -> Phase:
    phase = Phase.objects.select_for_update().get(pk=phase.pk)
    if not phase.is_closed:
        raise ValidationError(_("This phase is open."))
    phase.closed_at, phase.closed_by = None, None
    phase.save(update_fields=["closed_at", "closed_by", "updated_at"])
    record(
        actor=actor, verb="phase.reopened", target=phase, engagement=phase.engagement, detail={"phase": phase.number}
    )
    return phase
