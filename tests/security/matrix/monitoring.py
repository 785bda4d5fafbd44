"""Rows for phase 7 monitoring (actionplans.monitoring) and the organisation overview.

The dashboard and an action's page are open to whoever watches progress (VIEW_MONITORING: the team, the
business, the worker representatives). The business and the team report progress; only the assessment
team (lead, assessors) verifies, closes, reopens and records external verification. Evidence files may
name workers (payslips, receipts): only those who report or verify progress download them, so the worker
representative gets 403. Interviewers and the organisation's admins hold no phase 7 capability (403).
The organisation overview is for any signed-in person: it lists only their organisations' engagements.
``make_action`` and ``EVIDENCE_PDF`` are shared with tests/actionplans.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.utils import timezone

from actionplans.models import Action, ActionKind, ActionPlan
from actionplans.monitoring import services
from actionplans.monitoring.models import Evidence
from interviews.preparation import uploads
from tests.conftest import World
from tests.security.matrix.common import Row, e_kw, engagement_rule, expect

WATCHERS = ("lead", "assessor", "business", "workerrep")
REPORTERS = ("lead", "assessor", "business")
VERIFIERS = ("lead", "assessor")
OPEN_WHAT = "Matrix monitored action"
CLOSED_WHAT = "Matrix closed action"
EVIDENCE_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def evidence_file(name: str = "test-evidence.pdf", content: bytes = EVIDENCE_PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def checked_evidence(name: str = "test-evidence.pdf") -> uploads.CheckedUpload:
    return uploads.check_upload(evidence_file(name))


def make_action(world: World, what: str = "Test action", *, engagement: Any = None, **fields: Any) -> Action:
    """An action of the engagement's plan, made with the ORM (the plan's own services are another app's)."""
    engagement = engagement or world.engagement
    plan, _created = ActionPlan.objects.get_or_create(engagement=engagement)
    number = (plan.actions.aggregate(n=Max("number"))["n"] or 0) + 1
    values: dict[str, Any] = {
        "kind": ActionKind.REMEDIATION_IMMEDIATE,
        "what": what,
        "target_outcome": "Test target outcome",
        "indicator": "Test indicator",
        "responsible_person": "Test Person",
        "responsible_organisation": "Test Employer",
        "due_date": timezone.localdate() + timedelta(days=20),
        "created_by": world.user("lead"),
    }
    values.update(fields)
    return Action.objects.create(plan=plan, number=number, **values)


def _action(w: World, what: str) -> Action:
    return Action.objects.get(plan__engagement=w.engagement, what=what)


def open_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "action_id": _action(w, OPEN_WHAT).pk}


def closed_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "action_id": _action(w, CLOSED_WHAT).pk}


def evidence_kw(w: World) -> dict[str, Any]:
    action = _action(w, OPEN_WHAT)
    return {**open_kw(w), "evidence_id": Evidence.objects.filter(action=action).first().pk}


ROWS: dict[str, Row] = {
    "monitoring:dashboard": Row({"GET": engagement_rule(*WATCHERS)}, kwargs=e_kw),
    "monitoring:action": Row({"GET": engagement_rule(*WATCHERS)}, kwargs=open_kw),
    "monitoring:progress": Row(
        {"POST": engagement_rule(*REPORTERS)},
        kwargs=open_kw,
        data=lambda w: {"text": "Matrix progress", "status": "progress_made"},
    ),
    "monitoring:close": Row({"POST": engagement_rule(*VERIFIERS)}, kwargs=open_kw, data=lambda w: {"note": "Checked"}),
    "monitoring:reopen": Row(
        {"POST": engagement_rule(*VERIFIERS)}, kwargs=closed_kw, data=lambda w: {"reason": "Matrix reopen"}
    ),
    "monitoring:external_verification": Row(
        {"POST": engagement_rule(*VERIFIERS)},
        kwargs=open_kw,
        data=lambda w: {
            "verifier_organisation": "Test Verifier",
            "verified_on": date(2026, 1, 5).isoformat(),
            "reference": "T-1",
        },
    ),
    "monitoring:financial": Row(
        {"POST": engagement_rule(*VERIFIERS)}, kwargs=open_kw, data=lambda w: {"financial": "on"}
    ),
    "monitoring:evidence": Row({"GET": engagement_rule(*REPORTERS)}, kwargs=evidence_kw),
    # Everyone signed in may open it; it shows only their own organisations' engagements
    # (tests/actionplans/test_dashboards.py checks what it shows).
    "org_monitoring:overview": Row({"GET": expect("ok", other_org="ok")}),
}


def prepare(world: World) -> None:
    """An open action with progress and evidence (the business's), and an action closed by the lead."""
    business, lead = world.user("business"), world.user("lead")
    opened = make_action(world, OPEN_WHAT)
    services.progress_report(
        actor=business, action=opened, text="Matrix progress", status="progress_made", evidence=checked_evidence()
    )
    closed = make_action(world, CLOSED_WHAT)
    services.progress_report(
        actor=business, action=closed, text="Matrix done", status="progress_made", evidence=checked_evidence()
    )
    services.action_verify_and_close(actor=lead, action=closed, note="Matrix verified")
