"""Pages cost the same number of queries whatever the number of engagements or checklist items."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from engagements.models import ChecklistItem, Phase
from engagements.services.engagements import engagement_create
from engagements.services.participants import participant_set
from engagements.services.tracker import checklist_item_add
from tenancy.roles import EngagementRole
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _add_engagements(world: World, n: int) -> None:
    lead = world.user("lead")
    for i in range(n):
        engagement = engagement_create(actor=world.user("org_admin"), organisation=world.org, title=f"Extra {i}")
        participant_set(
            actor=world.user("org_admin"), engagement=engagement, user=lead, role=EngagementRole.LEAD_ASSESSOR
        )
    ChecklistItem.objects.filter(engagement__organisation=world.org).update(
        due_date=timezone.localdate() - timedelta(days=1)
    )


def test_dashboard_queries_do_not_grow_with_engagements(world: World, client_for: Any) -> None:
    client = client_for("lead")
    url = reverse("engagements:dashboard")
    client.get(url)  # warm the session
    one = _count(client, url)
    _add_engagements(world, 49)
    fifty = _count(client, url)
    assert one == fifty
    assert "Extra 48" in client.get(url).content.decode()


def test_engagement_and_phase_pages_do_not_grow_with_checklist_items(world: World, client_for: Any) -> None:
    client = client_for("lead")
    detail = reverse("engagements:detail", args=[world.engagement.pk])
    phase_url = reverse("engagements:phase", args=[world.engagement.pk, 2])
    client.get(detail)
    ChecklistItem.objects.filter(engagement=world.engagement).update(
        owner=world.user("assessor"), due_date=timezone.localdate() - timedelta(days=1)
    )
    before = (_count(client, detail), _count(client, phase_url))
    phase = Phase.objects.get(engagement=world.engagement, number=2)
    for i in range(50):
        checklist_item_add(
            actor=world.user("lead"),
            phase=phase,
            text=f"Extra item {i}",
            owner=world.user("interviewer"),
            due_date=timezone.localdate() - timedelta(days=3),
        )
    after = (_count(client, detail), _count(client, phase_url))
    assert before == after
