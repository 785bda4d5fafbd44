"""Fee repayment (issue 7, phase 6): planned per group from phase 5's calculation, payments recorded and verified.

On tests/findings/test_aggregation.py's fixture (k = 5): all workers owe 6,850.00 USD; Laos (one payer) is a
small cell that outsiders never see.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actionplans.models import OVERALL, RepaymentPlan
from actionplans.repayment import group_options
from actionplans.services.repayment import payment_record, payment_verify, repayment_plan_create
from audit.models import AuditEntry
from tests.conftest import World

pytestmark = pytest.mark.django_db

DUE = date(2027, 6, 30)


@pytest.fixture
def fees(world: World) -> World:
    from tests.findings.test_aggregation import build_fixture

    build_fixture(world)
    return world


def _plan(world: World, persona: str, dimension: str, value: str) -> RepaymentPlan:
    return repayment_plan_create(
        actor=world.user(persona), engagement=world.engagement, dimension=dimension, value=value, due_date=DUE
    )


def test_the_amount_owed_is_the_calculations_figure_in_the_reporting_currency(fees: World) -> None:
    plan = _plan(fees, "lead", OVERALL, "")
    assert (plan.amount_owed, plan.currency, plan.payers, plan.shown_to_outsiders) == (
        Decimal("6850.00"),
        "USD",
        9,
        True,
    )
    entry = AuditEntry.objects.get(verb="actionplan.repayment_planned")
    assert entry.detail["owed"] == "6850.00" and entry.detail["currency"] == "USD"
    with pytest.raises(ValidationError, match="already planned"):
        _plan(fees, "assessor", OVERALL, "")


def test_a_small_group_is_planned_by_the_team_but_hidden_from_outsiders(fees: World, client_for: Any) -> None:
    laos = _plan(fees, "lead", "nationality", "LA")
    assert (laos.amount_owed, laos.payers, laos.shown_to_outsiders) == (Decimal("400.00"), 1, False)
    # The business cannot plan (or learn) a group its fee analysis does not show it.
    assert "nationality:LA" not in {o.key for o in group_options(fees.engagement, sees_small_cells=False)}
    with pytest.raises(ValidationError):
        _plan(fees, "business", "nationality", "KH")  # KH: two payers, suppressed for outsiders
    url = reverse("actionplans:repayment", args=[fees.engagement.pk])
    outsider = client_for("workerrep").get(url).content.decode()
    assert "400.00" not in outsider and "suppressed" in outsider
    team = client_for("assessor").get(url).content.decode()
    assert "USD 400.00" in team


def test_payments_are_recorded_verified_by_someone_else_and_add_up(fees: World, client_for: Any) -> None:
    plan = _plan(fees, "lead", OVERALL, "")
    paid = payment_record(
        actor=fees.user("business"),
        repayment=plan,
        paid_on=date(2026, 2, 1),
        amount=Decimal("2000.00"),
        workers_reached=3,
        reference="TEST-BATCH-1",
        today=date(2026, 2, 2),
    )
    payment_record(
        actor=fees.user("lead"),
        repayment=plan,
        paid_on=date(2026, 2, 1),
        amount=Decimal("850.00"),
        workers_reached=1,
        reference="TEST-BATCH-2",
        today=date(2026, 2, 2),
    )
    with pytest.raises(ValidationError, match="Name the external verifier"):
        payment_verify(actor=fees.user("lead"), payment=paid, how="external")
    with pytest.raises(ValidationError):
        payment_verify(actor=fees.user("business"), payment=paid, how="internal")  # no VERIFY_ACTIONS
    payment_verify(actor=fees.user("lead"), payment=paid, how="external", verifier_name="Test Verifier Ltd")
    paid.refresh_from_db()
    assert (paid.verified_by, paid.verifier_name, paid.is_verified) == (fees.user("lead"), "Test Verifier Ltd", True)
    second = plan.payments.get(reference="TEST-BATCH-2")
    with pytest.raises(ValidationError, match="Someone other"):
        payment_verify(actor=fees.user("lead"), payment=second, how="internal")
    page = client_for("business").get(reverse("actionplans:repayment", args=[fees.engagement.pk])).content.decode()
    # Owed 6,850; paid 2,850; verified 2,000; outstanding 4,000.
    for figure in ("USD 6,850.00", "USD 2,850.00", "USD 2,000.00", "USD 4,000.00", "Test Verifier Ltd"):
        assert figure in page
    assert AuditEntry.objects.filter(verb="actionplan.repayment_paid").count() == 2
    assert AuditEntry.objects.get(verb="actionplan.repayment_verified").detail["how"] == "external"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": Decimal(0)}, "amount"),
        ({"workers_reached": 0}, "workers_reached"),
        ({"paid_on": date(2026, 3, 1)}, "paid_on"),  # after "today"
        ({"reference": " "}, "reference"),
    ],
)
def test_a_bad_payment_is_refused_with_a_reason(fees: World, change: dict[str, Any], field: str) -> None:
    plan = _plan(fees, "lead", OVERALL, "")
    given = {
        "paid_on": date(2026, 2, 1),
        "amount": Decimal("10.00"),
        "workers_reached": 1,
        "reference": "TEST-1",
        **change,
    }
    with pytest.raises(ValidationError) as refused:
        payment_record(actor=fees.user("business"), repayment=plan, today=date(2026, 2, 2), **given)
    assert field in refused.value.message_dict
    assert not plan.payments.exists()


def test_the_page_plans_a_repayment_for_a_chosen_group(fees: World, client_for: Any) -> None:
    url = reverse("actionplans:repayment_new", args=[fees.engagement.pk])
    response = client_for("business").post(url, {"group": "overall:", "due_date": "2027-06-30"})
    assert response.status_code == 302
    assert RepaymentPlan.objects.get().amount_owed == Decimal("6850.00")
    # A group hidden from the business is not a choice.
    response = client_for("business").post(url, {"group": "nationality:LA", "due_date": "2027-06-30"})
    assert response.status_code == 200 and RepaymentPlan.objects.count() == 1
