"""The demo's findings work: the preliminary findings meeting (phase 4), five findings with their sources,
two of them released and discussed, feedback on the report and the closing meeting (phase 5). Fictional.

Idempotent: each part is made once (the meeting sessions by kind, the findings when the engagement has
none, the closing meeting when it is not recorded).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from engagements.models import Engagement
from findings.models import ClosingMeeting, Finding, MeetingSession, SessionKind
from findings.services.closing import closing_meeting_record, feedback_give
from findings.services.discussion import comment_add, position_set
from findings.services.findings import finding_create, finding_release, source_add
from findings.services.meetings import meeting_session_record
from interviews.preparation.models import DocumentCategory
from interviews.sitevisits.models import DocumentReview, SiteObservation
from vault.models import Respondent, RespondentKind
from vault.services import respondent_create


@transaction.atomic
def seed_demo_findings(engagement: Engagement, users: dict[str, Any]) -> None:
    _meeting(engagement, users)
    if not Finding.objects.filter(engagement=engagement).exists():
        _findings(engagement, users)
    if not ClosingMeeting.objects.filter(engagement=engagement).exists():
        _closing(engagement, users)


# --- Phase 4: the preliminary findings meeting -----------------------------------------------------


def _meeting(engagement: Engagement, users: dict[str, Any]) -> None:
    lead = users["lead@demo.example"]
    today = timezone.localdate()
    closing = {"what": "Closing meeting on site", "who": "Lead assessor", "due_on": today + timedelta(days=45)}
    report = {
        "what": "Final report shared with the working group",
        "who": "Assessment team",
        "due_on": today + timedelta(days=30),
    }
    passports = {
        "what": "Return every passport held by the employer to its owner, and stop holding them",
        "who_acts": "HR manager, shrimp processor",
        "due_on": today + timedelta(days=7),
    }
    sessions = {
        SessionKind.WORKERS: {
            "held_on": today - timedelta(days=1),
            "place": "Community centre near Processing plant 1 (off site)",
            "findings_presented": (
                "Recruitment fees reported by workers from both corridors, paid to recruiters and subagents.\n"
                "Passports kept by the employer.\n"
                "Deductions from pay for accommodation not explained on payslips."
            ),
            "notes": "Representatives asked that fee repayment reach workers who have already left. "
            "They suggested the workers' committee hold the follow-up number cards.",
            "attendees": [
                {"name": "Demo Worker Representative", "role": "Migrant workers' committee, Processing plant 1"},
                {"name": "Demo Union Officer", "role": "Fictional Seafood Workers' Union"},
                {"name": "Demo Lead Assessor", "role": "Assessment team"},
            ],
            "critical_findings": [passports],
            "next_steps": [report, closing],
        },
        SessionKind.MANAGEMENT: {
            "held_on": today,
            "place": "Meeting room, Processing plant 1",
            "findings_presented": (
                "Good practice: written contracts in workers' languages.\n"
                "Recruitment fees reported by workers from both corridors.\n"
                "Passports kept by the employer.\n"
                "Deductions for accommodation not explained on payslips."
            ),
            "notes": "Management agreed to return the passports this week and to review deductions with payroll.",
            "attendees": [
                {"name": "Demo Plant Director", "role": "Director, shrimp processor"},
                {"name": "Demo HR Manager", "role": "HR manager, shrimp processor"},
                {"name": "Demo Lead Assessor", "role": "Assessment team"},
            ],
            "critical_findings": [passports],
            "next_steps": [report, closing],
        },
    }
    for kind, fields in sessions.items():
        if not MeetingSession.objects.filter(engagement=engagement, kind=kind).exists():
            meeting_session_record(actor=lead, engagement=engagement, kind=kind, **fields)


# --- Phase 5: findings --------------------------------------------------------------------------------

PASSPORTS = {
    "title": "Passports kept by the employer",
    "severity": "critical",
    "description": "The employer keeps the passports of migrant workers from both corridors in the HR office. "
    "Workers who asked for theirs were told to fill in a request and wait; several said they had "
    "never seen their passport since arrival.",
    "root_cause": "Management fears that workers recruited at high cost will leave before the end of their "
    "contracts, and holds their documents to keep them. The passport policy speaks of 'safekeeping', "
    "but no consent is asked and no secure storage is offered in the dormitories.",
    "indicators": ["retention_of_identity_documents", "restriction_of_movement"],
    "risks": ["b_em_document_retention", "b_em_coercion", "c_freedom_of_movement"],
    "affected_groups": "Women and men from Myanmar and Cambodia, at both processing plants",
    "evidence": "Worker interviews; the passport policy seen in the document review (no consent form on file); "
    "the HR manager confirmed that passports are kept in a locked cabinet.",
    "recommendation": "Target outcome: workers hold their own documents, can store them safely and feel free "
    "to stay or leave. (1) Return every passport to its owner this week and brief workers on safe "
    "passport handling; (2) provide lockable storage in each dormitory room; (3) review how the "
    "accommodation can be made safer; (4) address the fear of workers leaving through fair conditions, "
    "not through control of their documents.",
    "recommendation_term": "immediate",
}
FEES = {
    "title": "Recruitment fees paid by workers in both corridors",
    "severity": "major",
    "description": "Most workers interviewed paid recruitment fees and related costs to recruiters and "
    "subagents in Myanmar and Cambodia, although the employer's policy says the employer pays.",
    "root_cause": "The employer's agreements with recruiters do not cover their subagents, and the service fee "
    "paid to the Yangon recruiter is too low to cover the real cost of recruitment, which is passed on "
    "to workers.",
    "indicators": ["debt_bondage", "deception"],
    "risks": ["b_rd_worker_paid_fees", "b_rd_unlicensed_recruiters", "c_fee_transparency"],
    "affected_groups": "Workers recruited in 2025 through both recruiters",
    "evidence": "Worker interviews (amounts and categories in the fee analysis); the fee disclosure covers the "
    "Yangon recruiter only; management said in interview that no worker pays.",
    "recommendation": "Target outcome: no worker pays for their job. Repay every worker the fees and related "
    "costs they paid, as calculated in the fee analysis; extend recruiter agreements to their subagents "
    "with an employer-pays clause and a budget that covers the real cost; verify with new recruits.",
    "recommendation_term": "medium",
}
DEDUCTIONS = {
    "title": "Accommodation and uniform deductions not explained on payslips",
    "severity": "minor",
    "description": "Payslips show accommodation and uniform deductions every month, without a breakdown.",
    "root_cause": "Payroll uses a template that lumps deductions together; no one checks them against the law.",
    "indicators": ["withholding_of_wages"],
    "risks": ["b_em_deductions_savings", "c_wage_deductions"],
    "evidence": "Payslips seen in the document review; worker interviews.",
    "recommendation": "Show each deduction on the payslip with its legal basis; stop deductions the law "
    "does not allow and repay them.",
    "recommendation_term": "medium",
}
CURFEW = {
    "title": "Dormitory curfew and shared beds",
    "severity": "observation",
    "description": "The dormitory gate is locked at night and some workers share beds.",
    "root_cause": "Not established: seen on the site tour only.",
    "risks": ["b_em_bad_housing", "b_em_no_movement"],
    "evidence": "Site observation of the living areas.",
    "recommendation": "Check with workers and management whether the curfew and the shared beds affect "
    "workers' freedom and rest; follow up at the next visit.",
    "recommendation_term": "medium",
}
CONTRACTS = {
    "title": "Written contracts in workers' languages",
    "severity": "good_practice",
    "description": "Every worker interviewed had a written contract in Burmese or Khmer, signed before departure.",
    "evidence": "Worker interviews; contracts seen in the document review.",
}


def _figures(engagement: Engagement, item: str, dimension: str = "") -> dict[str, Any]:
    """The finding's numbers as the analysis of the demo's interviews gives them (the team states them)."""
    from findings.analysis.labels import group_label
    from findings.analysis.selectors import aggregates

    tally = aggregates(engagement).tally
    overall = {**tally.overall.indicators, **tally.overall.risks}.get(item)
    if overall is None or not overall.asked:
        return {}
    figures: dict[str, Any] = {"workers_affected": overall.reported, "workers_asked": overall.asked}
    breakdown = next((b for b in tally.breakdowns if b.dimension == dimension), None)
    if breakdown is not None:
        rows = []
        for group in breakdown.groups:
            cell = {**group.indicators, **group.risks}.get(item)
            if group.value and cell is not None and cell.reported:
                rows.append({"group": group_label(dimension, group.value), "count": cell.reported})
        figures.update(breakdown_dimension=dimension, breakdown=rows)
    return figures


def _management_respondent(engagement: Engagement, users: dict[str, Any]) -> Respondent:
    found = Respondent.objects.filter(engagement=engagement, kind=RespondentKind.MANAGEMENT).first()
    if found:
        return found
    return respondent_create(
        actor=users["assessor@demo.example"],
        engagement=engagement,
        consent={
            "kind": "verbal",
            "witnessed_by": "Demo Assessor",
            "given_on": timezone.localdate(),
            "language": "Thai",
        },
        demographics={"kind": RespondentKind.MANAGEMENT, "site": "Processing plant 1"},
    )


def _review(engagement: Engagement, category: str) -> DocumentReview | None:
    return DocumentReview.objects.filter(engagement=engagement, request__category=category).first()


def _observation(engagement: Engagement, item: str) -> SiteObservation | None:
    return SiteObservation.objects.filter(engagement=engagement, item=item).exclude(status="").first()


def _link(lead: Any, finding: Finding, kind: str, stance: str, reference: Any = None, note: str = "") -> None:
    if kind != "worker_interviews" and reference is None:
        return  # the demo's field work did not record it
    source_add(actor=lead, finding=finding, kind=kind, stance=stance, reference=reference, note=note)


def _findings(engagement: Engagement, users: dict[str, Any]) -> None:
    lead, assessor = users["lead@demo.example"], users["assessor@demo.example"]
    business, workerrep = users["business@demo.example"], users["workerrep@demo.example"]
    manager = _management_respondent(engagement, users)
    numbers = {
        "passports": _figures(engagement, "retention_of_identity_documents", "nationality"),
        "fees": _figures(engagement, "b_rd_worker_paid_fees", "gender"),
        "deductions": _figures(engagement, "b_em_deductions_savings", "site"),
    }
    passports = finding_create(actor=lead, engagement=engagement, **PASSPORTS, **numbers["passports"])
    _link(lead, passports, "worker_interviews", "agrees")
    _link(lead, passports, "management_interview", "agrees", manager, "The HR manager confirmed it.")
    _link(lead, passports, "document_review", "agrees", _review(engagement, DocumentCategory.WORKER_PROTECTION))
    fees = finding_create(actor=assessor, engagement=engagement, **FEES, **numbers["fees"])
    _link(assessor, fees, "worker_interviews", "agrees")
    _link(assessor, fees, "management_interview", "contradicts", manager, "Says the employer pays all costs.")
    _link(assessor, fees, "document_review", "agrees", _review(engagement, DocumentCategory.FEE_DISCLOSURE))
    deductions = finding_create(actor=assessor, engagement=engagement, **DEDUCTIONS, **numbers["deductions"])
    _link(assessor, deductions, "worker_interviews", "agrees")
    _link(assessor, deductions, "document_review", "agrees", _review(engagement, DocumentCategory.OTHER))
    curfew = finding_create(actor=assessor, engagement=engagement, **CURFEW)
    _link(assessor, curfew, "site_observation", "agrees", _observation(engagement, "la_curfew"))
    _link(assessor, curfew, "worker_interviews", "silent")
    contracts = finding_create(actor=lead, engagement=engagement, **CONTRACTS)
    _link(lead, contracts, "worker_interviews", "agrees")
    _link(lead, contracts, "document_review", "agrees", _review(engagement, DocumentCategory.HUMAN_RIGHTS))

    for finding in (passports, fees):
        finding_release(actor=lead, finding=finding)
    comment_add(
        actor=workerrep,
        finding=passports,
        body="Workers at plant 2 say the same. Please make sure passports are returned to workers on night shift too.",
    )
    position_set(actor=business, finding=passports, position="agrees", reasons="Passports are being returned.")
    comment_add(
        actor=business,
        finding=fees,
        body="Our recruiters confirm in writing that they charge no fee. We ask the team to share how the "
        "amounts were established.",
    )
    position_set(
        actor=business,
        finding=fees,
        position="disputes",
        reasons="Our agreements with both recruiters forbid charging workers; any fee was charged by subagents "
        "we do not contract with.",
    )


# --- Phase 5: feedback on the report and the closing meeting -------------------------------------------


def _closing(engagement: Engagement, users: dict[str, Any]) -> None:
    lead = users["lead@demo.example"]
    today = timezone.localdate()
    feedback_give(
        actor=users["workerrep@demo.example"],
        engagement=engagement,
        stakeholder="Fictional Seafood Workers' Union",
        body="The report should say that fees were also paid by workers who have since left, and how they "
        "will be reached for repayment.",
    )
    feedback_give(
        actor=users["business@demo.example"],
        engagement=engagement,
        stakeholder="Shrimp processor (demo)",
        body="We ask that the fee finding name the subagents rather than our contracted recruiters.",
    )
    closing_meeting_record(
        actor=lead,
        engagement=engagement,
        held_on=today,
        place="Meeting room, Processing plant 1",
        key_findings="Passports kept by the employer (critical).\nRecruitment fees paid by workers in both "
        "corridors (major).\nDeductions not explained on payslips (minor).\nGood practice: contracts in "
        "workers' languages.",
        feedback="The union asked that repayment reach workers who have left. Management disputes the fee "
        "finding for its contracted recruiters and will share its recruiter agreements.",
        action_plan_agreed=True,
        action_plan_from=today,
        notes="",
        attendees=[
            {"name": "Demo Plant Director", "role": "Director, shrimp processor"},
            {"name": "Demo HR Manager", "role": "HR manager, shrimp processor"},
            {"name": "Demo Union Officer", "role": "Fictional Seafood Workers' Union"},
            {"name": "Demo Worker Representative", "role": "Migrant workers' committee, Processing plant 1"},
            {"name": "Demo Lead Assessor", "role": "Assessment team"},
        ],
        urgent_actions=[
            {
                "what": "Return every passport to its owner, night shift included",
                "who_acts": "HR manager, shrimp processor",
                "due_on": today + timedelta(days=7),
            },
            {
                "what": "Share the agreements with both recruiters and their subagents",
                "who_acts": "Plant director",
                "due_on": today + timedelta(days=10),
            },
        ],
    )
