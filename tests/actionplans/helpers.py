"""Shared by the phase 6 tests: an action plan answering released findings of the world's engagement."""

from __future__ import annotations

from datetime import date
from typing import Any

from actionplans.models import Action
from actionplans.services.actions import action_create
from findings.models import Finding
from tests.conftest import World
from tests.security.matrix.findings import make_finding

DUE = date(2027, 3, 31)


def action_fields(**overrides: Any) -> dict[str, Any]:
    return {
        "kind": "remediation_immediate",
        "what": "Test: return every passport to its owner",
        "target_outcome": "Test: every worker holds their own passport",
        "indicator": "Test: share of workers holding their passport",
        "responsible_person": "Test HR Manager",
        "responsible_organisation": "Test Processor Ltd",
        "due_date": DUE,
        "resources": "Test: lockers",
        "note": "",
        **overrides,
    }


def released(world: World, title: str = "Test released finding") -> Finding:
    return make_finding(world, title, released=True)


def add_action(world: World, findings: list[Finding], persona: str = "lead", **overrides: Any) -> Action:
    return action_create(
        actor=world.user(persona), engagement=world.engagement, findings=findings, **action_fields(**overrides)
    )
