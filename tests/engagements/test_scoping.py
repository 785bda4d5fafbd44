from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEntry
from engagements.scoping.models import KnownRisk, Scope
from engagements.scoping.services import known_risk_add, working_group_add
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_lead_records_responsibility_budget_and_scope(world: World, client_for: Any) -> None:
    response = client_for("lead").post(
        reverse("scoping:scoping", args=[world.engagement.pk]),
        {
            "responsible": "Human rights due diligence team",
            "budget_amount": "25000",
            "budget_currency": "usd",
            "countries": ["TH", "MM"],
            "sectors": "Seafood processing\nShrimp farming",
            "sites": "Plant 1",
        },
    )
    assert response.status_code == 302
    scope = Scope.objects.get(engagement=world.engagement)
    assert (scope.budget_currency, scope.sectors, {c.code for c in scope.countries}) == (
        "USD",
        ["Seafood processing", "Shrimp farming"],
        {"TH", "MM"},
    )
    assert AuditEntry.objects.filter(verb="scope.updated", engagement=world.engagement).exists()


def test_a_budget_without_currency_is_refused_and_nothing_changes(world: World, client_for: Any) -> None:
    response = client_for("lead").post(
        reverse("scoping:scoping", args=[world.engagement.pk]), {"budget_amount": "1000"}
    )
    assert response.status_code == 200
    assert "currency" in response.content.decode()
    assert not Scope.objects.filter(engagement=world.engagement, budget_amount=1000).exists()


def test_the_page_warns_until_a_worker_representative_joins_the_working_group(world: World, client_for: Any) -> None:
    url = reverse("scoping:scoping", args=[world.engagement.pk])
    client = client_for("assessor")
    assert "No union or worker representative" in client.get(url).content.decode()
    working_group_add(
        actor=world.user("lead"),
        engagement=world.engagement,
        name="Union delegate",
        organisation="Union",
        represents_workers=True,
    )
    assert "No union or worker representative" not in client.get(url).content.decode()


def test_interviewers_read_but_cannot_change_scope(world: World, client_for: Any) -> None:
    known_risk_add(
        actor=world.user("lead"),
        engagement=world.engagement,
        description="Debt bondage via loans",
        stage="recruitment",
        most_exposed_gender="women",
    )
    client = client_for("interviewer")
    page = client.get(reverse("scoping:scoping", args=[world.engagement.pk])).content.decode()
    assert "Debt bondage via loans" in page and "Save scope" not in page
    risk = KnownRisk.objects.get()
    assert client.post(reverse("scoping:risk_remove", args=[world.engagement.pk, risk.pk])).status_code == 403
    assert KnownRisk.objects.filter(pk=risk.pk).exists()


def test_the_scoping_page_queries_do_not_grow_with_risks(world: World, client_for: Any) -> None:
    client = client_for("lead")
    url = reverse("scoping:scoping", args=[world.engagement.pk])
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    known_risk_add(actor=world.user("lead"), engagement=world.engagement, description="Risk 0", stage="transit")
    one = count()
    for i in range(1, 30):
        known_risk_add(actor=world.user("lead"), engagement=world.engagement, description=f"Risk {i}", stage="return")
        working_group_add(actor=world.user("lead"), engagement=world.engagement, name=f"Member {i}", organisation="X")
    assert count() == one


def test_the_tracker_links_phase_one_steps_to_the_scoping_page(world: World, client_for: Any) -> None:
    page = client_for("lead").get(reverse("engagements:phase", args=[world.engagement.pk, 1])).content.decode()
    assert page.count(reverse("scoping:scoping", args=[world.engagement.pk])) >= 3  # the phase's card + both steps
