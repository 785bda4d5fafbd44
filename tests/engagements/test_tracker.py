from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from engagements.models import ChecklistItem, ItemKind, ItemStatus, Phase
from engagements.services.tracker import checklist_item_add, checklist_item_set_status, phase_close
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _reference_phases() -> list[dict[str, Any]]:
    with open(settings.REFERENCE_YAML, encoding="utf-8") as handle:
        return yaml.safe_load(handle)["phases"]


def test_tracker_holds_every_step_and_key_action_of_the_reference(world: World) -> None:
    reference = _reference_phases()
    phases = list(Phase.objects.filter(engagement=world.engagement).order_by("number"))
    assert [p.number for p in phases] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [p.name for p in phases] == [p["name"] for p in reference]
    for phase, ref in zip(phases, reference, strict=True):
        steps = list(phase.items.filter(kind=ItemKind.STEP).order_by("position").values_list("text", flat=True))
        assert steps == [s["title"] for s in ref["steps"]]
        for step in ref["steps"]:
            actions = ChecklistItem.objects.filter(phase=phase, kind=ItemKind.ACTION, step__text=step["title"])
            assert list(actions.order_by("position").values_list("text", flat=True)) == step["actions"]
    total = sum(len(s["actions"]) + 1 for p in reference for s in p["steps"])
    assert ChecklistItem.objects.filter(engagement=world.engagement).count() == total


def test_a_phase_with_open_mandatory_items_cannot_be_closed(world: World, client_for: Any) -> None:
    client = client_for("lead")
    response = client.post(reverse("engagements:phase_close", args=[world.engagement.pk, 1]), follow=True)
    assert "open mandatory item" in response.content.decode()
    assert Phase.objects.get(engagement=world.engagement, number=1).closed_at is None


def test_a_phase_closes_once_every_mandatory_item_is_resolved(world: World) -> None:
    lead = world.user("lead")
    phase = Phase.objects.get(engagement=world.engagement, number=1)
    items = list(phase.items.all())
    for item in items[:-1]:
        checklist_item_set_status(actor=lead, item=item, status=ItemStatus.DONE)
    last = items[-1]
    checklist_item_set_status(actor=lead, item=last, status=ItemStatus.NOT_APPLICABLE, note="Single site")
    optional = checklist_item_add(actor=lead, phase=phase, text="Nice to have", mandatory=False)
    phase_close(actor=lead, phase=phase)
    phase.refresh_from_db()
    assert phase.closed_by == lead
    assert ChecklistItem.objects.get(pk=optional.pk).status == ItemStatus.OPEN
    assert AuditEntry.objects.filter(verb="phase.closed", engagement=world.engagement).exists()
    with pytest.raises(ValidationError):
        checklist_item_set_status(actor=lead, item=optional, status=ItemStatus.DONE)


def test_not_applicable_needs_a_reason(world: World) -> None:
    item = ChecklistItem.objects.filter(engagement=world.engagement).first()
    with pytest.raises(ValidationError):
        checklist_item_set_status(actor=world.user("lead"), item=item, status=ItemStatus.NOT_APPLICABLE)
    assert ChecklistItem.objects.get(pk=item.pk).status == ItemStatus.OPEN


def test_ticking_through_htmx_returns_the_row_and_the_new_progress(world: World, client_for: Any) -> None:
    item = ChecklistItem.objects.filter(engagement=world.engagement, phase__number=2).order_by("position").first()
    total = ChecklistItem.objects.filter(phase=item.phase).count()
    response = client_for("assessor").post(
        reverse("engagements:item_status", args=[world.engagement.pk, item.pk]),
        {"status": "done"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="item-{item.pk}"' in body
    assert 'id="phase-progress" hx-swap-oob="true"' in body
    assert f"1 of {total} done" in body
    item.refresh_from_db()
    assert (item.status, item.done_by) == (ItemStatus.DONE, world.user("assessor"))
    assert item.done_at is not None


def test_a_bad_status_is_refused_and_changes_nothing(world: World, client_for: Any) -> None:
    item = ChecklistItem.objects.filter(engagement=world.engagement).first()
    response = client_for("lead").post(
        reverse("engagements:item_status", args=[world.engagement.pk, item.pk]),
        {"status": "finished!"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "valid status" in response.content.decode()
    assert ChecklistItem.objects.get(pk=item.pk).status == ItemStatus.OPEN


def test_engagement_page_shows_progress_and_overdue_items(world: World, client_for: Any) -> None:
    item = ChecklistItem.objects.filter(engagement=world.engagement, phase__number=1).first()
    item.due_date = timezone.localdate() - timedelta(days=2)
    item.save()
    page = client_for("lead").get(reverse("engagements:detail", args=[world.engagement.pk])).content.decode()
    assert "1 overdue" in page
    assert item.text[:40] in page


def test_business_reviewer_sees_phase_progress_but_no_checklist(world: World, client_for: Any) -> None:
    item = ChecklistItem.objects.filter(engagement=world.engagement, phase__number=1).first()
    item.due_date = timezone.localdate() - timedelta(days=2)
    item.save()
    page = client_for("business").get(reverse("engagements:detail", args=[world.engagement.pk])).content.decode()
    assert "0 of 12 done" in page or "of" in page
    assert item.text[:40] not in page
    assert reverse("engagements:phase", args=[world.engagement.pk, 1]) not in page


def test_lead_adds_an_item_with_owner_and_due_date(world: World, client_for: Any) -> None:
    due = (timezone.localdate() + timedelta(days=5)).isoformat()
    client = client_for("lead")
    client.post(
        reverse("engagements:item_add", args=[world.engagement.pk, 3]),
        {"text": "Book interpreters for Khmer", "mandatory": "on", "due_date": due},
    )
    item = ChecklistItem.objects.get(text="Book interpreters for Khmer")
    assert (item.kind, item.phase.number, item.mandatory, item.due_date.isoformat()) == (ItemKind.CUSTOM, 3, True, due)
    response = client.post(
        reverse("engagements:item_edit", args=[world.engagement.pk, item.pk]),
        {"owner": world.user("assessor").pk, "due_date": due, "note": "Two interpreters"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.owner == world.user("assessor")


def test_an_item_owner_must_take_part_in_the_engagement(world: World, client_for: Any) -> None:
    item = ChecklistItem.objects.filter(engagement=world.engagement).first()
    response = client_for("lead").post(
        reverse("engagements:item_edit", args=[world.engagement.pk, item.pk]),
        {"owner": world.user("other_org").pk, "note": ""},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert ChecklistItem.objects.get(pk=item.pk).owner is None
