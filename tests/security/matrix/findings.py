"""Rows for the findings app: the preliminary findings meeting (phase 4 step 6) and phase 5.

Meeting: the team sees and records both sessions. The business reviewer sees the management session
only, the worker representative the workers' session only; the other session is a 404 to each, so its
existence never shows. The rows open the workers' session; tests/findings/test_preliminary_meeting.py
checks the management session the other way round.

Findings: the lead and assessors write them; the lead alone releases. The business and the worker
representatives read released findings (a draft is a 404 to them: tests/findings/test_findings.py),
comment on them, and the business alone agrees or disputes. Interviewers and the organisation's
admins hold no phase 5 capability (403). ``make_finding`` is shared with the tests of tests/findings.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from findings.models import Finding, FindingSource, SessionKind
from findings.services.discussion import comment_add
from findings.services.findings import finding_create, finding_release, source_add
from findings.services.meetings import meeting_session_record
from tests.conftest import World
from tests.security.matrix.common import Row, e_kw, engagement_rule

HELD_ON = date(2026, 11, 20)


def workers_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "kind": SessionKind.WORKERS.value}


SESSION_POST = {
    "held_on": "2026-11-20",
    "place": "Community hall",
    "findings_presented": "Fees reported in both corridors.",
    "attendees-TOTAL_FORMS": "1",
    "attendees-INITIAL_FORMS": "0",
    "attendees-0-name": "Test Representative",
    "attendees-0-role": "Test Workers' Committee",
    "critical_findings-TOTAL_FORMS": "0",
    "critical_findings-INITIAL_FORMS": "0",
    "next_steps-TOTAL_FORMS": "0",
    "next_steps-INITIAL_FORMS": "0",
}

RELEASED = "Matrix released finding"
DRAFT = "Matrix draft finding"
TEAM = ("lead", "assessor")
READERS = ("lead", "assessor", "business", "workerrep")

# Everything a finding needs to be released (see findings.services.findings._check_complete).
COMPLETE: dict[str, Any] = {
    "severity": "major",
    "description": "Test description of what was found.",
    "root_cause": "Test root cause.",
    "evidence": "Test evidence.",
    "recommendation": "Test recommendation aimed at the root cause.",
    "recommendation_term": "medium",
}


def make_finding(world: World, title: str = "Test finding", *, released: bool = False, **fields: Any) -> Finding:
    """A finding written by the lead (complete unless told otherwise), released if asked."""
    finding = finding_create(
        actor=world.user("lead"), engagement=world.engagement, title=title, **{**COMPLETE, **fields}
    )
    if released:
        finding_release(actor=world.user("lead"), finding=finding)
    return finding


def _finding(w: World, title: str) -> Finding:
    return Finding.objects.get(engagement=w.engagement, title=title)


def released_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "finding_id": _finding(w, RELEASED).pk}


def draft_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "finding_id": _finding(w, DRAFT).pk}


def source_kw(w: World) -> dict[str, Any]:
    source = FindingSource.objects.get(finding__title=RELEASED, kind="worker_interviews")
    return {**released_kw(w), "source_id": source.pk}


FINDING_POST = {
    "title": RELEASED,
    **COMPLETE,
    "groups-TOTAL_FORMS": "0",
    "groups-INITIAL_FORMS": "0",
}

CLOSING_POST = {
    "held_on": "2026-12-10",
    "place": "Meeting room",
    "key_findings": "Matrix key findings",
    "action_plan_from": "2026-12-10",
    "attendees-TOTAL_FORMS": "1",
    "attendees-INITIAL_FORMS": "0",
    "attendees-0-name": "Test Attendee",
    "attendees-0-role": "Test Organisation",
    "urgent_actions-TOTAL_FORMS": "0",
    "urgent_actions-INITIAL_FORMS": "0",
}

ROWS: dict[str, Row] = {
    "findings:meeting": Row({"GET": engagement_rule("lead", "assessor", "business", "workerrep")}, kwargs=e_kw),
    "findings:session": Row(
        {"GET": {**engagement_rule("lead", "assessor", "workerrep"), "business": 404}}, kwargs=workers_kw
    ),
    "findings:session_edit": Row(
        {
            "GET": {**engagement_rule("lead", "assessor"), "business": 404},
            "POST": {**engagement_rule("lead", "assessor"), "business": 404},
        },
        kwargs=workers_kw,
        data=lambda w: SESSION_POST,
    ),
    # Phase 5.
    "findings:list": Row({"GET": engagement_rule(*READERS)}, kwargs=e_kw),
    "findings:new": Row(
        {"GET": engagement_rule(*TEAM), "POST": engagement_rule(*TEAM)},
        kwargs=e_kw,
        data=lambda w: {**FINDING_POST, "title": "Matrix new finding"},
    ),
    "findings:detail": Row({"GET": engagement_rule(*READERS)}, kwargs=released_kw),
    "findings:edit": Row(
        {"GET": engagement_rule(*TEAM), "POST": engagement_rule(*TEAM)},
        kwargs=released_kw,
        data=lambda w: FINDING_POST,
    ),
    "findings:delete": Row({"POST": engagement_rule(*TEAM)}, kwargs=draft_kw),
    "findings:release": Row({"POST": engagement_rule("lead")}, kwargs=draft_kw),
    "findings:sources": Row(
        {"GET": engagement_rule(*TEAM), "POST": engagement_rule(*TEAM)},
        kwargs=draft_kw,
        data=lambda w: {"kind": "worker_interviews", "worker_interviews-stance": "agrees"},
    ),
    "findings:source_remove": Row({"POST": engagement_rule(*TEAM)}, kwargs=source_kw),
    "findings:comment": Row({"POST": engagement_rule(*READERS)}, kwargs=released_kw, data=lambda w: {"body": "Matrix"}),
    "findings:position": Row(
        {"POST": engagement_rule("business")}, kwargs=released_kw, data=lambda w: {"position": "agrees"}
    ),
    "findings:feedback": Row(
        {"GET": engagement_rule(*READERS), "POST": engagement_rule(*READERS)},
        kwargs=e_kw,
        data=lambda w: {"stakeholder": "Test Stakeholder", "body": "Matrix feedback"},
    ),
    "findings:closing": Row({"GET": engagement_rule(*READERS)}, kwargs=e_kw),
    "findings:closing_edit": Row(
        {"GET": engagement_rule(*TEAM), "POST": engagement_rule(*TEAM)},
        kwargs=e_kw,
        data=lambda w: CLOSING_POST,
    ),
}


def prepare(world: World) -> None:
    """Both sessions recorded; a released finding with a source and a comment, and a draft."""
    released = make_finding(world, RELEASED, released=True)
    source_add(actor=world.user("lead"), finding=released, kind="worker_interviews", stance="agrees")
    comment_add(actor=world.user("workerrep"), finding=released, body="Matrix comment")
    make_finding(world, DRAFT)
    for kind in SessionKind:
        meeting_session_record(
            actor=world.user("lead"),
            engagement=world.engagement,
            kind=kind,
            held_on=HELD_ON,
            place="Meeting room",
            findings_presented="Matrix findings",
            attendees=[{"name": "Test Attendee", "role": "Test Organisation"}],
            critical_findings=[],
            next_steps=[],
        )
