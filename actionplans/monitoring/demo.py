"""The demo's monitoring (phase 7): progress on a few actions, one closed with evidence and verification
(an externally verified fee repayment), one overdue. Fictional.

Runs after the action plan's demo (``actionplans`` seeds the actions); if the plan has fewer than three
actions, it adds its own for the released findings. Idempotent: nothing is done once progress is on file.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from actionplans.models import Action, ActionKind, ActionPlan
from actionplans.monitoring import services
from actionplans.monitoring.models import ProgressUpdate
from engagements.models import Engagement
from findings.models import Finding
from interviews.preparation import uploads

# A one-page PDF: enough for the content check, obviously not a real receipt.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

DEMO_ACTIONS = [
    {
        "kind": ActionKind.REMEDIATION_IMMEDIATE,
        "what": "Repay the recruitment fees workers paid to the Yangon recruiter and its subagents (demo)",
        "target_outcome": "Every worker who paid a fee is repaid in full",
        "indicator": "Share of affected workers repaid, confirmed by the verifier",
        "responsible_person": "Demo HR Manager",
        "responsible_organisation": "Shrimp processor (demo)",
        "due_in": 20,
    },
    {
        "kind": ActionKind.REMEDIATION_IMMEDIATE,
        "what": "Return every passport held by the employer to its owner (demo)",
        "target_outcome": "No identity document is held by the employer",
        "indicator": "Passports held by the employer (target: none)",
        "responsible_person": "Demo HR Manager",
        "responsible_organisation": "Shrimp processor (demo)",
        "due_in": 10,
    },
    {
        "kind": ActionKind.IMPROVEMENT_MEDIUM,
        "what": "Train supervisors on harassment and respectful supervision (demo)",
        "target_outcome": "All line supervisors trained",
        "indicator": "Supervisors trained, of all supervisors",
        "responsible_person": "Demo Training Lead",
        "responsible_organisation": "Destination employment agency (demo)",
        "due_in": 60,
    },
]


def _evidence(name: str) -> uploads.CheckedUpload:
    return uploads.check_upload(SimpleUploadedFile(name, DEMO_PDF, content_type="application/pdf"))


def _actions(engagement: Engagement, users: dict[str, Any]) -> list[Action]:
    plan, _created = ActionPlan.objects.get_or_create(engagement=engagement)
    actions = list(plan.actions.order_by("number"))
    if len(actions) >= 3:
        return actions
    today = timezone.localdate()
    findings = list(Finding.objects.filter(engagement=engagement, status="released").order_by("number"))
    number = plan.actions.aggregate(n=Max("number"))["n"] or 0
    for spec in DEMO_ACTIONS[len(actions) :]:
        number += 1
        fields = {k: v for k, v in spec.items() if k != "due_in"}
        action = Action.objects.create(
            plan=plan,
            number=number,
            due_date=today + timedelta(days=spec["due_in"]),
            created_by=users["lead@demo.example"],
            **fields,
        )
        if findings:
            action.findings.set(findings[:1])
        actions.append(action)
    return actions


def _pick(actions: list[Action]) -> tuple[Action, Action, Action]:
    """The fee repayment (closed), the passports (in progress) and one other action (overdue)."""

    def first(word: str, taken: list[Action]) -> Action:
        found = [a for a in actions if word in a.what.lower() and a not in taken]
        return found[0] if found else next(a for a in actions if a not in taken)

    repaid = first("repay", [])
    passports = first("passport", [repaid])
    late = next(a for a in reversed(actions) if a not in (repaid, passports) and not a.is_closed)
    return repaid, passports, late


@transaction.atomic
def seed_demo_monitoring(engagement: Engagement, users: dict[str, Any]) -> None:
    if ProgressUpdate.objects.filter(engagement=engagement).exists():
        return
    lead, business = users["lead@demo.example"], users["business@demo.example"]
    today = timezone.localdate()
    repaid, passports, late = _pick(_actions(engagement, users))

    # Closed: fee repayment, reported with evidence, verified externally and by the lead.
    services.progress_report(
        actor=business,
        action=repaid,
        text="All 38 workers who paid fees were repaid by bank transfer; receipts attached (demo).",
        status="progress_made",
        evidence=_evidence("repayment-receipts-demo.pdf"),
    )
    services.financial_remediation_set(actor=lead, action=repaid, financial=True)
    services.external_verification_record(
        actor=lead,
        action=repaid,
        verifier_organisation="Demo Verification Partners",
        verified_on=today - timedelta(days=2),
        reference="DVP-2026-014 (demo)",
        note="Sampled 12 workers' bank statements; all matched the receipts (demo).",
    )
    services.action_verify_and_close(
        actor=lead, action=repaid, note="Receipts checked against the verifier's sample; workers confirmed (demo)."
    )

    # Progress made, not closed yet.
    services.progress_report(
        actor=business,
        action=passports,
        text="Passports returned to 40 of 52 workers; lockers with personal keys installed (demo).",
        status="progress_made",
        evidence=_evidence("locker-installation-demo.pdf"),
    )

    # Overdue: the demo stands past its due date, with no progress reported. (The plan's demo already asks
    # for signatures again, so moving a date here invalidates no signature the demo shows as valid.)
    Action.objects.filter(pk=late.pk).update(due_date=today - timedelta(days=5))
