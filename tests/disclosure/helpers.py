"""Test data for phase 8: released findings, an action plan, and a public version approved by both sides."""

from __future__ import annotations

from datetime import date
from typing import Any

from actionplans.models import Action, ActionKind, ActionPlan
from disclosure.content import current
from disclosure.models import Disclosure, PublishedVersion, Section
from disclosure.services import disclosure_approve, disclosure_choose, version_publish
from findings.models import Finding
from tests.conftest import World
from tests.security.matrix.findings import make_finding


def make_action(world: World, findings: list[Finding], **fields: Any) -> Action:
    plan, _created = ActionPlan.objects.get_or_create(engagement=world.engagement)
    values = {
        "kind": ActionKind.REMEDIATION_IMMEDIATE,
        "what": "Test action: repay every recruitment fee",
        "target_outcome": "Test outcome: no worker out of pocket",
        "indicator": "Share of workers repaid",
        "responsible_person": "Test Responsible Person",
        "responsible_organisation": "Test Processor Ltd",
        "due_date": date(2027, 3, 1),
        "created_by": world.user("lead"),
        **fields,
    }
    action = Action.objects.create(plan=plan, number=plan.actions.count() + 1, **values)
    action.findings.set(findings)
    return action


def choose(world: World, *, findings: list[Finding], actions: list[Action], sections: Any = None) -> Disclosure:
    return disclosure_choose(
        actor=world.user("lead"),
        engagement=world.engagement,
        sections=sections or Section.values,
        findings=findings,
        actions=actions,
    )


def approve_both(world: World, disclosure: Disclosure) -> str:
    _content, fingerprint = current(disclosure)
    for persona in ("business", "workerrep"):
        disclosure_approve(actor=world.user(persona), disclosure=disclosure, fingerprint=fingerprint)
    return fingerprint


def published(world: World) -> PublishedVersion:
    """A released finding with an action, chosen, approved by both sides and published (PDF rendered eagerly)."""
    finding = make_finding(world, "Test published finding", released=True)
    action = make_action(world, [finding])
    disclosure = choose(world, findings=[finding], actions=[action])
    approve_both(world, disclosure)
    return version_publish(actor=world.user("lead"), disclosure=disclosure)
