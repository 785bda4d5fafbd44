"""Rows for the action plan (phase 6): the plan, its actions and review, sign-off and fee repayment.

Readers of the plan: the lead, assessors, the business and the worker representatives. Writers of actions:
the team and the business (its sustainability team owns the plan). Only the team says how the plan was built
(which groups must sign): the business gets 403 there. Signing: the lead, the business and the worker
representatives, each for their own group (tests/actionplans/test_signoff.py); an assessor does not sign.
Repayment: read by every reader, planned and paid by the team and the business, verified by the team.
Interviewers and the organisation's admins hold no phase 6 capability (403).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from actionplans.models import Action, RepaymentPayment, RepaymentPlan
from actionplans.services.actions import action_create
from actionplans.services.review import feedback_add
from findings.models import Finding
from tests.conftest import World
from tests.security.matrix.common import Row, e_kw, engagement_rule
from tests.security.matrix.findings import make_finding

FINDING = "Matrix action plan finding"
READERS = ("lead", "assessor", "business", "workerrep")
WRITERS = ("lead", "assessor", "business")
TEAM = ("lead", "assessor")

ACTION_POST_BASE = {
    "kind": "remediation_immediate",
    "what": "Matrix action",
    "target_outcome": "Matrix target",
    "indicator": "Matrix indicator",
    "responsible_person": "Test Person",
    "responsible_organisation": "Test Organisation",
    "due_date": "2027-01-31",
}


def _action(w: World) -> Action:
    return Action.objects.get(plan__engagement=w.engagement, what="Matrix action")


def action_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "action_id": _action(w).pk}


def repayment_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "repayment_id": RepaymentPlan.objects.get(engagement=w.engagement).pk}


def payment_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "payment_id": RepaymentPayment.objects.get(repayment__engagement=w.engagement).pk}


def action_post(w: World) -> dict[str, Any]:
    finding = Finding.objects.get(engagement=w.engagement, title=FINDING)
    return {**ACTION_POST_BASE, "findings": [str(finding.pk)]}


ROWS: dict[str, Row] = {
    "actionplans:plan": Row({"GET": engagement_rule(*READERS)}, kwargs=e_kw),
    "actionplans:settings": Row({"POST": engagement_rule(*TEAM)}, kwargs=e_kw, data=lambda w: {"built_jointly": "on"}),
    "actionplans:action_new": Row(
        {"GET": engagement_rule(*WRITERS), "POST": engagement_rule(*WRITERS)}, kwargs=e_kw, data=action_post
    ),
    "actionplans:action": Row({"GET": engagement_rule(*READERS)}, kwargs=action_kw),
    "actionplans:action_edit": Row(
        {"GET": engagement_rule(*WRITERS), "POST": engagement_rule(*WRITERS)}, kwargs=action_kw, data=action_post
    ),
    "actionplans:action_delete": Row({"POST": engagement_rule(*WRITERS)}, kwargs=action_kw),
    "actionplans:feedback": Row(
        {"POST": engagement_rule(*READERS)}, kwargs=action_kw, data=lambda w: {"body": "Matrix feedback"}
    ),
    "actionplans:signoff": Row(
        {"GET": engagement_rule(*READERS), "POST": engagement_rule("lead", "business", "workerrep")},
        kwargs=e_kw,
        data=lambda w: {"fingerprint": "0" * 64, "signer_role": "Test Signer", "confirm": "on"},
    ),
    "actionplans:repayment": Row({"GET": engagement_rule(*READERS)}, kwargs=e_kw),
    "actionplans:repayment_new": Row(
        {"POST": engagement_rule(*WRITERS)}, kwargs=e_kw, data=lambda w: {"group": "overall:", "due_date": "2027-06-30"}
    ),
    "actionplans:payment_new": Row(
        {"POST": engagement_rule(*WRITERS)},
        kwargs=repayment_kw,
        data=lambda w: {"paid_on": "2026-01-15", "amount": "100.00", "workers_reached": "3", "reference": "TEST-1"},
    ),
    "actionplans:payment_verify": Row(
        {"POST": engagement_rule(*TEAM)}, kwargs=payment_kw, data=lambda w: {"how": "internal"}
    ),
}


def prepare(world: World) -> None:
    """A released finding answered by one action with feedback; a planned repayment with one payment."""
    finding = make_finding(world, FINDING, released=True)
    action = action_create(
        actor=world.user("lead"),
        engagement=world.engagement,
        findings=[finding],
        **{**ACTION_POST_BASE, "due_date": date(2027, 1, 31)},
    )
    feedback_add(actor=world.user("workerrep"), action=action, body="Matrix feedback")
    # Planned directly: the fee analysis needs interviews (tests/actionplans/test_repayment.py plans it properly).
    plan = RepaymentPlan.objects.create(
        engagement=world.engagement,
        dimension="overall",
        value="",
        label="All workers",
        payers=6,
        amount_owed=Decimal("1200.00"),
        currency="USD",
        shown_to_outsiders=True,
        due_date=date(2027, 6, 30),
        created_by=world.user("lead"),
    )
    RepaymentPayment.objects.create(
        repayment=plan,
        paid_on=date(2026, 1, 10),
        amount=Decimal("200.00"),
        workers_reached=2,
        reference="TEST-0",
        recorded_by=world.user("business"),
    )
