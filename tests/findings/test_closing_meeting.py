"""Feedback on the shared report and the formal closing meeting (phase 5 steps 1.5 and 2).

The closing meeting fixes the date from which the action plan's two-week deadline runs
(``findings.selectors.action_plan_due``, which phase 6 reads).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from findings.models import ClosingAttendee, ClosingMeeting, ReportFeedback, UrgentAction
from findings.selectors import action_plan_due
from tests.conftest import World

HELD_ON = date(2026, 12, 10)
WORKERS_FEEDBACK = "SENTINEL-WORKERS-FEEDBACK-3f9a"
BUSINESS_FEEDBACK = "SENTINEL-BUSINESS-FEEDBACK-b81c"


def url(world: World, name: str) -> str:
    return reverse(f"findings:{name}", args=[world.engagement.pk])


def closing_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "held_on": "2026-12-10",
        "place": "Meeting room, plant 1",
        "key_findings": "Passports kept (critical). Fees paid by workers (major).",
        "feedback": "The union asked that repayment reach workers who have left.",
        "action_plan_agreed": "on",
        "action_plan_from": "2026-12-11",
        "attendees-TOTAL_FORMS": "3",
        "attendees-INITIAL_FORMS": "0",
        "attendees-0-name": "Test Director",
        "attendees-0-role": "Director, Test Employer",
        "attendees-1-name": "Test Union Officer",
        "attendees-1-role": "Test Union",
        "urgent_actions-TOTAL_FORMS": "2",
        "urgent_actions-INITIAL_FORMS": "0",
        "urgent_actions-0-what": "Return every passport",
        "urgent_actions-0-who_acts": "Test HR manager",
        "urgent_actions-0-due_on": "2026-12-17",
    }
    data.update(overrides)
    return data


def test_the_lead_records_the_closing_meeting_and_the_action_plan_falls_due_two_weeks_on(
    world: World, client_for: Any
) -> None:
    assert action_plan_due(world.engagement) is None
    response = client_for("lead").post(url(world, "closing_edit"), closing_post())
    assert response.status_code == 302
    meeting = ClosingMeeting.objects.get(engagement=world.engagement)
    assert (meeting.held_on, meeting.action_plan_from, meeting.action_plan_agreed) == (
        HELD_ON,
        date(2026, 12, 11),
        True,
    )
    assert [(a.name, a.role) for a in meeting.attendees.all()] == [
        ("Test Director", "Director, Test Employer"),
        ("Test Union Officer", "Test Union"),
    ]
    assert [(u.what, u.due_on) for u in meeting.urgent_actions.all()] == [("Return every passport", date(2026, 12, 17))]
    assert action_plan_due(world.engagement) == date(2026, 12, 25)
    assert AuditEntry.objects.get(verb="closing_meeting.recorded").detail == {
        "created": True,
        "attendees": 2,
        "urgent_actions": 1,
        "action_plan_due": "2026-12-25",
    }
    for persona in ("business", "workerrep"):
        html = client_for(persona).get(url(world, "closing")).content.decode()
        assert "Return every passport" in html and "Friday 25 December 2026" in html


def test_the_deadline_runs_from_the_meeting_when_no_other_date_is_given(world: World, client_for: Any) -> None:
    client_for("assessor").post(url(world, "closing_edit"), closing_post(action_plan_from=""))
    assert action_plan_due(world.engagement) == HELD_ON + timedelta(days=14)


def test_recording_again_replaces_the_lists(world: World, client_for: Any) -> None:
    client = client_for("lead")
    client.post(url(world, "closing_edit"), closing_post())
    client.post(
        url(world, "closing_edit"),
        closing_post(**{"attendees-1-name": "", "attendees-1-role": "", "urgent_actions-0-what": "Repay fees"}),
    )
    assert ClosingMeeting.objects.count() == 1
    assert list(ClosingAttendee.objects.values_list("name", flat=True)) == ["Test Director"]
    assert list(UrgentAction.objects.values_list("what", flat=True)) == ["Repay fees"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"action_plan_from": "2026-12-01"}, "The action-plan deadline cannot run from before the closing meeting."),
        ({"urgent_actions-0-due_on": "2026-12-01"}, "An urgent action&#x27;s deadline cannot be before the meeting."),
        ({"urgent_actions-0-who_acts": ""}, "Fill this in, or empty the whole row"),
        (
            {"attendees-0-name": "", "attendees-0-role": "", "attendees-1-name": "", "attendees-1-role": ""},
            "List at least one attendee",
        ),
        ({"key_findings": ""}, "This field is required."),
        ({"held_on": "someday"}, "Enter a valid date."),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_is_saved(
    world: World, client_for: Any, overrides: dict[str, str], message: str
) -> None:
    response = client_for("lead").post(url(world, "closing_edit"), closing_post(**overrides))
    assert response.status_code == 200 and message in response.content.decode()
    assert not ClosingMeeting.objects.exists() and not ClosingAttendee.objects.exists()
    assert action_plan_due(world.engagement) is None
    assert not AuditEntry.objects.filter(verb="closing_meeting.recorded").exists()


@pytest.mark.parametrize("persona", ["business", "workerrep", "interviewer"])
def test_only_the_team_records_the_closing_meeting(world: World, client_for: Any, persona: str) -> None:
    assert client_for(persona).post(url(world, "closing_edit"), closing_post()).status_code == 403
    assert not ClosingMeeting.objects.exists()


def test_the_interviewer_does_not_see_the_closing_meeting(world: World, client_for: Any) -> None:
    assert client_for("interviewer").get(url(world, "closing")).status_code == 403


# --- Feedback on the report ------------------------------------------------------------------------------------------


def test_each_outside_party_reads_its_own_feedback_and_the_team_reads_all(world: World, client_for: Any) -> None:
    client_for("workerrep").post(url(world, "feedback"), {"stakeholder": "Test Union", "body": WORKERS_FEEDBACK})
    client_for("business").post(url(world, "feedback"), {"stakeholder": "Test Employer", "body": BUSINESS_FEEDBACK})
    assert set(ReportFeedback.objects.values_list("side", flat=True)) == {"workers", "business"}
    workers = client_for("workerrep").get(url(world, "feedback")).content.decode()
    business = client_for("business").get(url(world, "feedback")).content.decode()
    team = client_for("lead").get(url(world, "feedback")).content.decode()
    assert WORKERS_FEEDBACK in workers and BUSINESS_FEEDBACK not in workers
    assert BUSINESS_FEEDBACK in business and WORKERS_FEEDBACK not in business
    assert WORKERS_FEEDBACK in team and BUSINESS_FEEDBACK in team
    assert team.index("Test Employer") < team.index("Test Union")  # grouped per stakeholder
    entries = AuditEntry.objects.filter(verb="report.feedback_given")
    assert entries.count() == 2 and all("SENTINEL" not in str(e.detail) for e in entries)


def test_empty_feedback_is_refused(world: World, client_for: Any) -> None:
    response = client_for("workerrep").post(url(world, "feedback"), {"stakeholder": "Test Union", "body": ""})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not ReportFeedback.objects.exists()


def test_the_interviewer_gives_no_feedback(world: World, client_for: Any) -> None:
    response = client_for("interviewer").post(url(world, "feedback"), {"stakeholder": "X", "body": "Y"})
    assert response.status_code == 403 and not ReportFeedback.objects.exists()


def _rendering(world: World, number: int, *, shared: bool) -> Any:
    from django.utils import timezone

    from findings.reports.models import ReportRendering

    return ReportRendering.objects.create(
        engagement=world.engagement,
        kind="full",
        audience="stakeholders",
        languages=["en"],
        number=number,
        requested_by=world.user("lead"),
        status="done",
        progress=100,
        shared_at=timezone.now() if shared else None,
        shared_by=world.user("lead") if shared else None,
    )


def test_feedback_is_given_on_a_version_shared_for_feedback(world: World, client_for: Any) -> None:
    shared = _rendering(world, 1, shared=True)
    unshared = _rendering(world, 2, shared=False)
    client = client_for("business")
    page = client.get(url(world, "feedback")).content.decode()
    assert "Assessment report v1" in page and "Assessment report v2" not in page
    refused = client.post(
        url(world, "feedback"), {"rendering": str(unshared.pk), "stakeholder": "Test Employer", "body": "Hidden"}
    )
    assert "Select a valid choice." in refused.content.decode()
    assert not ReportFeedback.objects.exists()
    client.post(url(world, "feedback"), {"rendering": str(shared.pk), "stakeholder": "Test Employer", "body": "OK"})
    assert ReportFeedback.objects.get().rendering == shared
    assert "on Assessment report v1" in client_for("lead").get(url(world, "feedback")).content.decode()
