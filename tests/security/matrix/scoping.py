"""Rows for phase 1 (scoping)."""

from __future__ import annotations

from typing import Any

from engagements.scoping.models import KnownRisk, WorkingGroupMember
from engagements.scoping.services import known_risk_add, working_group_add
from tests.conftest import World
from tests.security.matrix.common import Row, e_kw, engagement_rule

VIEWERS = ("org_admin", "lead", "assessor", "interviewer")
EDITORS = ("lead", "assessor")


def member_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "member_id": WorkingGroupMember.objects.get(engagement=w.engagement).pk}


def risk_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "risk_id": KnownRisk.objects.get(engagement=w.engagement).pk}


ROWS: dict[str, Row] = {
    "scoping:scoping": Row(
        {"GET": engagement_rule(*VIEWERS), "POST": engagement_rule(*EDITORS)},
        kwargs=e_kw,
        data=lambda w: {"responsible": "Sustainability team", "budget_amount": "25000", "budget_currency": "usd"},
    ),
    "scoping:member_add": Row(
        {"POST": engagement_rule(*EDITORS)},
        kwargs=e_kw,
        data=lambda w: {"name": "Union delegate", "organisation": "Local union", "represents_workers": "on"},
    ),
    "scoping:member_remove": Row({"POST": engagement_rule(*EDITORS)}, kwargs=member_kw),
    "scoping:risk_add": Row(
        {"POST": engagement_rule(*EDITORS)},
        kwargs=e_kw,
        data=lambda w: {
            "description": "Fees charged by subagents",
            "stage": "recruitment",
            "most_exposed_gender": "women",
            "most_exposed_age": "young",
        },
    ),
    "scoping:risk_remove": Row({"POST": engagement_rule(*EDITORS)}, kwargs=risk_kw),
}


def prepare(world: World) -> None:
    lead = world.user("lead")
    working_group_add(actor=lead, engagement=world.engagement, name="HR manager", organisation="Supplier")
    known_risk_add(actor=lead, engagement=world.engagement, description="Passport retention", stage="employment")
