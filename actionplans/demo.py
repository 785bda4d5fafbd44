"""The demo's action plan (phase 6): six actions answering the released findings, one finding left unanswered,
feedback from the worker representative with the lead's answer, and the business's signature on an earlier
version, so the sign-off page shows "asks to be signed again". Fictional.

Idempotent: nothing is added once the demo engagement's plan has actions.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actionplans.models import OVERALL, Action
from actionplans.services.actions import action_create, action_update
from actionplans.services.repayment import repayment_plan_create
from actionplans.services.review import feedback_add
from actionplans.services.signoff import plan_sign
from actionplans.versions import plan_fingerprint
from engagements.models import Engagement
from findings.models import Finding, FindingStatus
from findings.services.findings import finding_release

# The demo's findings (findings/demo.py), by the start of their titles.
PASSPORTS, FEES, DEDUCTIONS, CONTRACTS = "Passports kept", "Recruitment fees", "Accommodation and uniform", "Written"


def _finding(engagement: Engagement, starts: str) -> Finding | None:
    return Finding.objects.filter(engagement=engagement, title__startswith=starts).first()


@transaction.atomic
def seed_demo_action_plan(engagement: Engagement, users: dict[str, Any]) -> None:
    if Action.objects.filter(plan__engagement=engagement).exists():
        return
    lead, business = users["lead@demo.example"], users["business@demo.example"]
    workerrep = users["workerrep@demo.example"]
    found = {key: _finding(engagement, key) for key in (PASSPORTS, FEES, DEDUCTIONS, CONTRACTS)}
    if not (found[PASSPORTS] and found[FEES]):
        return  # the findings demo did not run
    # Phase 5 ends with every finding released; the deductions stay unanswered in the plan.
    for key in (DEDUCTIONS, CONTRACTS):
        finding = found[key]
        if finding and finding.status != FindingStatus.RELEASED:
            try:
                finding_release(actor=lead, finding=finding)
            except ValidationError:
                found[key] = None
    today = timezone.localdate()
    hr = ("Demo HR Manager", "Shrimp processor (demo)")
    specs = [
        (
            [PASSPORTS],
            "remediation_immediate",
            "Return every passport held by the employer to its owner, night shift included, and stop holding them.",
            "Every worker holds their own passport and knows they may keep it.",
            "Share of workers holding their own passport (target: 100%, checked at the follow-up interviews)",
            hr,
            7,
            "",
        ),
        (
            [PASSPORTS],
            "improvement_short",
            "Fit a lockable locker for each worker in every dormitory room.",
            "Workers can store their documents safely without handing them over.",
            "Lockers installed per dormitory room",
            ("Demo Facilities Lead", "Shrimp processor (demo)"),
            45,
            "Budget approved by the plant director.",
        ),
        (
            [FEES],
            "remediation_medium",
            "Repay every worker the recruitment fees and related costs they paid, including workers who have left.",
            "No worker bears any recruitment fee or related cost (Employer Pays Principle).",
            "Amount repaid against the amount owed per group, verified by an external verifier",
            ("Demo Plant Director", "Shrimp processor (demo)"),
            90,
            "",
        ),
        (
            [FEES],
            "improvement_long",
            "Select recruiters on risk, contract only those who charge workers nothing, and audit their subagents.",
            "Recruitment through both corridors is free for workers.",
            "Share of new workers who report paying nothing at the first-month interview",
            ("Demo HR Manager", "Shrimp processor (demo)"),
            180,
            "",
        ),
        (
            [PASSPORTS, FEES],
            "improvement_medium",
            "Train supervisors and HR on workers' rights to their documents and on fair recruitment.",
            "Supervisors know and apply the passport and fee policies.",
            "Supervisors trained; passport and fee complaints received through the grievance line",
            ("Demo Union Officer", "Fictional Seafood Workers' Union"),
            60,
            "",
        ),
    ]
    if found[CONTRACTS]:
        specs.append(
            (
                [CONTRACTS],
                "improvement_long",
                "Keep issuing contracts in workers' languages and extend the practice to the recruiters' contracts.",
                "Every worker understands their contract before departure.",
                "Contracts in the worker's language, checked in the document review of the follow-up",
                hr,
                120,
                "",
            )
        )
    actions = []
    for keys, kind, what, target, indicator, (person, organisation), days, resources in specs:
        actions.append(
            action_create(
                actor=lead,
                engagement=engagement,
                findings=[found[k] for k in keys],
                kind=kind,
                what=what,
                target_outcome=target,
                indicator=indicator,
                responsible_person=person,
                responsible_organisation=organisation,
                responsible_user=business,
                due_date=today + timedelta(days=days),
                resources=resources,
                note="",
            )
        )
    repay = actions[2]
    thread = feedback_add(
        actor=workerrep,
        action=repay,
        body="Workers who have gone home must be reached too: the committee can help find them through the "
        "recruiters' lists. Ninety days is too long for the workers still here.",
    )
    feedback_add(
        actor=lead,
        action=repay,
        parent=thread,
        body="Agreed: the workers still on site are repaid first, within sixty days; the others through the "
        "recruiters' lists by the end of the plan.",
    )
    plan = repay.plan
    plan_sign(actor=business, plan=plan, fingerprint=plan_fingerprint(plan), signer_role="Demo Plant Director")
    # The lead brings the repayment forward after the feedback: the business's signature asks to be given again.
    fields = {
        name: getattr(repay, name)
        for name in (
            "kind",
            "what",
            "target_outcome",
            "indicator",
            "responsible_person",
            "responsible_organisation",
            "responsible_user",
            "resources",
            "note",
        )
    }
    action_update(
        actor=lead, action=repay, findings=list(repay.findings.all()), **fields, due_date=today + timedelta(days=60)
    )
    # Skipped when the demo's fee analysis shows no repayment owed.
    with contextlib.suppress(ValidationError):
        repayment_plan_create(
            actor=lead,
            engagement=engagement,
            dimension=OVERALL,
            value="",
            due_date=today + timedelta(days=60),
            action=repay,
        )
