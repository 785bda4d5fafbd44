"""Rows for phase 7 follow-ups (actionplans.followups): follow-up interviews, the follow-up assessment and the
grievance and retaliation log.

* Follow-up interviews: whoever watches monitoring sees them (the team, the business, the worker
  representatives); the lead and assessors plan them and mark rounds done.
* The follow-up assessment: only the lead starts one. Its verdicts page lives in the follow-up engagement
  (prepared here with the same personas in the same roles): monitoring watchers read it, the team sets verdicts.
* The grievance log is the assessment team's alone (lead and assessors); the reporter's identity is the
  vault's, unlocked by the lead only. The business, worker representatives, interviewers and the
  organisation's admins get 403; another organisation 404.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from actionplans.followups.models import FindingVerification, FollowUpRound, GrievanceCase, RoundKind
from actionplans.followups.services import follow_up_assessment_start, follow_up_cohort_add, grievance_record
from engagements.models import Engagement
from engagements.services.participants import participant_set
from tests.conftest import World
from tests.security.matrix.common import Row, e_kw, engagement_rule
from tests.security.matrix.findings import make_finding

WATCHERS = ("lead", "assessor", "business", "workerrep")
TEAM = ("lead", "assessor")
FOLLOW_UP_TITLE = "Matrix follow-up assessment"


def _today() -> Any:
    return timezone.localdate()


def _follow_up(w: World) -> Engagement:
    return Engagement.objects.get(follow_up_of=w.engagement, title=FOLLOW_UP_TITLE)


def round_kw(w: World) -> dict[str, Any]:
    found = FollowUpRound.objects.get(cohort__engagement=w.engagement, kind=RoundKind.FIRST_MONTH)
    return {**e_kw(w), "round_id": found.pk}


def follow_up_kw(w: World) -> dict[str, Any]:
    return {"engagement_id": _follow_up(w).pk}


def verification_kw(w: World) -> dict[str, Any]:
    follow_up = _follow_up(w)
    verification = FindingVerification.objects.filter(engagement=follow_up).first()
    return {"engagement_id": follow_up.pk, "verification_id": verification.pk}


def case_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "case_id": GrievanceCase.objects.get(engagement=w.engagement).pk}


def _cohort(w: World) -> dict[str, Any]:
    return {"arrival_date": (_today() - timedelta(days=3)).isoformat(), "workers": "8"}


def _round(w: World) -> dict[str, Any]:
    return {"done_on": (_today() - timedelta(days=2)).isoformat(), "interviewed": "3"}


def _start(w: World) -> dict[str, Any]:
    return {
        "title": "Matrix second follow-up",
        "start_date": _today().isoformat(),
        "reason": "Matrix: a date outside the window, on purpose.",
    }


def _case(w: World) -> dict[str, Any]:
    return {
        "received_on": _today().isoformat(),
        "channel": "worker_representatives",
        "category": "wages",
        "description": "Matrix case",
    }


ROWS: dict[str, Row] = {
    "followups:follow_ups": Row({"GET": engagement_rule(*WATCHERS)}, kwargs=e_kw),
    "followups:cohort_new": Row(
        {"GET": engagement_rule(*TEAM), "POST": engagement_rule(*TEAM)}, kwargs=e_kw, data=_cohort
    ),
    "followups:round_done": Row(
        {"GET": engagement_rule(*TEAM), "POST": engagement_rule(*TEAM)}, kwargs=round_kw, data=_round
    ),
    "followups:assessment_start": Row(
        {"GET": engagement_rule("lead"), "POST": engagement_rule("lead")}, kwargs=e_kw, data=_start
    ),
    "followups:verification": Row({"GET": engagement_rule(*WATCHERS)}, kwargs=follow_up_kw),
    "followups:verification_set": Row(
        {"POST": engagement_rule(*TEAM)}, kwargs=verification_kw, data=lambda w: {"status": "resolved"}
    ),
    "followups:grievances": Row({"GET": engagement_rule(*TEAM)}, kwargs=e_kw),
    "followups:grievance_new": Row(
        {"GET": engagement_rule(*TEAM), "POST": engagement_rule(*TEAM)}, kwargs=e_kw, data=_case
    ),
    "followups:grievance": Row(
        {"GET": engagement_rule(*TEAM), "POST": engagement_rule(*TEAM)},
        kwargs=case_kw,
        data=lambda w: {"status": "investigating"},
    ),
    "followups:grievance_reporter": Row(
        {"GET": engagement_rule("lead"), "POST": engagement_rule("lead")},
        kwargs=case_kw,
        data=lambda w: {"reason": "Matrix: calling the reporter back"},
    ),
}


def prepare(world: World) -> None:
    """A cohort, a grievance case with a reporter, and a follow-up assessment with the world's personas."""
    lead, today = world.user("lead"), _today()
    follow_up_cohort_add(actor=lead, engagement=world.engagement, arrival_date=today - timedelta(days=10), workers=8)
    grievance_record(
        actor=lead,
        engagement=world.engagement,
        received_on=today,
        channel="follow_up_line",
        category="threats",
        alleges_retaliation=True,
        description="Matrix grievance",
        reporter_phone="+00 000 000 0009",
    )
    make_finding(world, "Matrix finding to follow up", released=True)
    follow_up = follow_up_assessment_start(
        actor=lead,
        engagement=world.engagement,
        title=FOLLOW_UP_TITLE,
        start_date=today,
        reason="Matrix: a date outside the window, on purpose.",
    )
    for persona, role in (
        ("assessor", "assessor"),
        ("interviewer", "interviewer"),
        ("business", "business_reviewer"),
        ("workerrep", "worker_representative"),
    ):
        participant_set(actor=lead, engagement=follow_up, user=world.user(persona), role=role)
