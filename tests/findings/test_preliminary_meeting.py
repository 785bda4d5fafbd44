"""The preliminary findings meeting (phase 4 step 6): two sessions held apart, each seen by its own side.

The team sees both. The business reviewer sees the management session only, the worker
representative the workers' session only; the other session is a 404 to each, recorded or not.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from engagements import phase_pages
from findings.models import MeetingAttendee, MeetingCriticalFinding, MeetingNextStep, MeetingSession, SessionKind
from findings.selectors import visible_session_kinds
from findings.services.meetings import meeting_session_record
from tenancy.roles import EngagementRole, capabilities_for_role
from tests.conftest import World

HELD_ON = date(2026, 11, 20)
WORKERS_SENTINEL = "SENTINEL-WORKERS-SESSION-4e1b"
MANAGEMENT_SENTINEL = "SENTINEL-MANAGEMENT-SESSION-a07c"
WORKERS_LABEL = "Worker representatives&#x27; session"
MANAGEMENT_LABEL = "Management session"


def record(world: World, kind: SessionKind, sentinel: str, **overrides: Any) -> MeetingSession:
    fields = {
        "held_on": HELD_ON,
        "place": f"Place {sentinel}",
        "findings_presented": f"Findings {sentinel}",
        "notes": f"Notes {sentinel}",
        "attendees": [{"name": f"Attendee {sentinel}", "role": "Test Organisation"}],
        "critical_findings": [{"what": f"Critical {sentinel}", "who_acts": "Test HR", "due_on": HELD_ON}],
        "next_steps": [{"what": f"Step {sentinel}", "who": "", "due_on": HELD_ON + timedelta(days=30)}],
        **overrides,
    }
    return meeting_session_record(actor=world.user("lead"), engagement=world.engagement, kind=kind, **fields)


def both(world: World) -> None:
    record(world, SessionKind.WORKERS, WORKERS_SENTINEL)
    record(world, SessionKind.MANAGEMENT, MANAGEMENT_SENTINEL)


def url(world: World, name: str, kind: SessionKind | None = None) -> str:
    args = [world.engagement.pk] + ([kind.value] if kind else [])
    return reverse(f"findings:{name}", args=args)


# --- Who sees which session --------------------------------------------------------------------------------------


def test_the_business_sees_only_the_management_session(world: World, client_for: Any) -> None:
    both(world)
    client = client_for("business")
    overview = client.get(url(world, "meeting")).content.decode()
    assert MANAGEMENT_LABEL in overview and "worker representatives" not in overview.lower()
    assert url(world, "session", SessionKind.WORKERS) not in overview
    session = client.get(url(world, "session", SessionKind.MANAGEMENT)).content.decode()
    assert MANAGEMENT_SENTINEL in session and WORKERS_SENTINEL not in session
    assert client.get(url(world, "session", SessionKind.WORKERS)).status_code == 404
    assert client.get(url(world, "session_edit", SessionKind.WORKERS)).status_code == 404


def test_the_worker_representative_sees_only_the_workers_session(world: World, client_for: Any) -> None:
    both(world)
    client = client_for("workerrep")
    overview = client.get(url(world, "meeting")).content.decode()
    assert WORKERS_LABEL in overview and MANAGEMENT_LABEL not in overview
    assert url(world, "session", SessionKind.MANAGEMENT) not in overview
    session = client.get(url(world, "session", SessionKind.WORKERS)).content.decode()
    assert WORKERS_SENTINEL in session and MANAGEMENT_SENTINEL not in session
    assert client.get(url(world, "session", SessionKind.MANAGEMENT)).status_code == 404
    assert client.get(url(world, "session_edit", SessionKind.MANAGEMENT)).status_code == 404


def test_the_other_sessions_url_is_a_404_whether_or_not_it_was_recorded(world: World, client_for: Any) -> None:
    """The answer must not tell an outside party that the other side's session exists."""
    before = client_for("business").get(url(world, "session", SessionKind.WORKERS)).status_code
    record(world, SessionKind.WORKERS, WORKERS_SENTINEL)
    after = client_for("business").get(url(world, "session", SessionKind.WORKERS)).status_code
    assert before == after == 404


def test_the_team_sees_and_records_both_sessions(world: World, client_for: Any) -> None:
    both(world)
    for persona in ("lead", "assessor"):
        overview = client_for(persona).get(url(world, "meeting")).content.decode()
        assert WORKERS_LABEL in overview and MANAGEMENT_LABEL in overview
        for kind, sentinel in ((SessionKind.WORKERS, WORKERS_SENTINEL), (SessionKind.MANAGEMENT, MANAGEMENT_SENTINEL)):
            assert sentinel in client_for(persona).get(url(world, "session", kind)).content.decode()
            assert client_for(persona).get(url(world, "session_edit", kind)).status_code == 200


@pytest.mark.parametrize("persona", ["interviewer", "org_admin"])
def test_people_in_neither_session_are_refused(world: World, client_for: Any, persona: str) -> None:
    both(world)
    assert client_for(persona).get(url(world, "meeting")).status_code == 403
    for kind in SessionKind:
        assert client_for(persona).get(url(world, "session", kind)).status_code == 403


def test_an_outside_party_cannot_record_its_own_session(world: World, client_for: Any) -> None:
    record(world, SessionKind.MANAGEMENT, MANAGEMENT_SENTINEL)
    response = client_for("business").post(url(world, "session_edit", SessionKind.MANAGEMENT), _post(notes="Changed"))
    assert response.status_code == 403
    assert MeetingSession.objects.get(kind=SessionKind.MANAGEMENT).notes == f"Notes {MANAGEMENT_SENTINEL}"


def test_an_unknown_session_kind_is_a_404(world: World, client_for: Any) -> None:
    assert (
        client_for("lead").get(reverse("findings:session", args=[world.engagement.pk, "everyone"])).status_code == 404
    )


def test_each_role_sees_the_sessions_the_capability_matrix_gives_it() -> None:
    class Probe:
        def __init__(self, role: EngagementRole) -> None:
            self.capabilities = capabilities_for_role(role)

    expected = {
        EngagementRole.LEAD_ASSESSOR: [SessionKind.WORKERS, SessionKind.MANAGEMENT],
        EngagementRole.ASSESSOR: [SessionKind.WORKERS, SessionKind.MANAGEMENT],
        EngagementRole.INTERVIEWER: [],
        EngagementRole.BUSINESS_REVIEWER: [SessionKind.MANAGEMENT],
        EngagementRole.WORKER_REPRESENTATIVE: [SessionKind.WORKERS],
    }
    assert {role: visible_session_kinds(Probe(role)) for role in EngagementRole} == expected


def test_the_phase_4_link_shows_to_exactly_those_who_can_open_the_page(world: World, client_for: Any) -> None:
    registered = [p for p in phase_pages.all_pages() if p.url_name == "findings:meeting"]
    assert [p.steps for p in registered] == [("Present preliminary findings on site",)]
    link = url(world, "meeting")
    detail = reverse("engagements:detail", args=[world.engagement.pk])
    for persona in ("lead", "assessor", "interviewer", "business", "workerrep", "org_admin"):
        shown = link in client_for(persona).get(detail).content.decode()
        opens = client_for(persona).get(link).status_code == 200
        assert shown == opens, persona
        assert opens == (persona in {"lead", "assessor", "business", "workerrep"}), persona


# --- Recording ---------------------------------------------------------------------------------------------------


def _post(**overrides: Any) -> dict[str, Any]:
    data = {
        "held_on": "2026-11-20",
        "place": "Community hall",
        "findings_presented": "Fees reported in both corridors.",
        "notes": "Test notes",
        "attendees-TOTAL_FORMS": "3",
        "attendees-INITIAL_FORMS": "0",
        "attendees-0-name": "Test Representative",
        "attendees-0-role": "Test Workers' Committee",
        "attendees-1-name": "Test Officer",
        "attendees-1-role": "Test Union",
        "critical_findings-TOTAL_FORMS": "2",
        "critical_findings-INITIAL_FORMS": "0",
        "critical_findings-0-what": "Return passports",
        "critical_findings-0-who_acts": "Test HR manager",
        "critical_findings-0-due_on": "2026-11-27",
        "next_steps-TOTAL_FORMS": "1",
        "next_steps-INITIAL_FORMS": "0",
        "next_steps-0-what": "Closing meeting",
        "next_steps-0-due_on": "2026-12-20",
    }
    data.update(overrides)
    return data


def test_the_lead_records_a_session_and_a_blank_row_is_dropped(world: World, client_for: Any) -> None:
    response = client_for("lead").post(url(world, "session_edit", SessionKind.WORKERS), _post())
    assert response.status_code == 302
    session = MeetingSession.objects.get(engagement=world.engagement, kind=SessionKind.WORKERS)
    assert (session.held_on, session.place) == (HELD_ON, "Community hall")
    assert [(a.name, a.role) for a in session.attendees.all()] == [
        ("Test Representative", "Test Workers' Committee"),
        ("Test Officer", "Test Union"),
    ]
    assert [(c.what, c.who_acts, c.due_on) for c in session.critical_findings.all()] == [
        ("Return passports", "Test HR manager", date(2026, 11, 27))
    ]
    assert [(n.what, n.due_on) for n in session.next_steps.all()] == [("Closing meeting", date(2026, 12, 20))]
    assert AuditEntry.objects.get(verb="meeting_session.recorded").detail == {
        "kind": "workers",
        "created": True,
        "attendees": 2,
        "critical_findings": 1,
        "next_steps": 1,
    }


def test_editing_a_session_replaces_its_lists(world: World, client_for: Any) -> None:
    record(world, SessionKind.WORKERS, WORKERS_SENTINEL)
    client = client_for("lead")
    form = client.get(url(world, "session_edit", SessionKind.WORKERS))
    assert f"Attendee {WORKERS_SENTINEL}" in form.content.decode()
    response = client.post(
        url(world, "session_edit", SessionKind.WORKERS),
        _post(
            **{
                "attendees-TOTAL_FORMS": "1",
                "attendees-1-name": "",
                "attendees-1-role": "",
                "critical_findings-0-what": "",
                "critical_findings-0-who_acts": "",
                "critical_findings-0-due_on": "",
            }
        ),
    )
    assert response.status_code == 302
    assert MeetingSession.objects.filter(engagement=world.engagement).count() == 1
    assert list(MeetingAttendee.objects.values_list("name", flat=True)) == ["Test Representative"]
    assert not MeetingCriticalFinding.objects.exists()
    assert AuditEntry.objects.filter(verb="meeting_session.recorded").latest("at").detail["created"] is False


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"critical_findings-0-due_on": ""}, "Fill this in, or empty the whole row"),
        ({"attendees-0-role": "", "attendees-1-role": ""}, "Fill this in, or empty the whole row"),
        ({"next_steps-0-due_on": "2026-11-01"}, "A next step&#x27;s date cannot be before the session&#x27;s date."),
        (
            {"critical_findings-0-due_on": "2026-11-19"},
            "A critical finding&#x27;s deadline cannot be before the session&#x27;s date.",
        ),
        (
            {"attendees-0-name": "", "attendees-0-role": "", "attendees-1-name": "", "attendees-1-role": ""},
            "List at least one attendee",
        ),
        ({"held_on": "not a date"}, "Enter a valid date."),
        ({"findings_presented": ""}, "This field is required."),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_is_saved(
    world: World, client_for: Any, overrides: dict[str, str], message: str
) -> None:
    response = client_for("lead").post(url(world, "session_edit", SessionKind.MANAGEMENT), _post(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MeetingSession.objects.exists()
    assert not (MeetingAttendee.objects.exists() or MeetingCriticalFinding.objects.exists())
    assert not MeetingNextStep.objects.exists()
    assert not AuditEntry.objects.filter(verb="meeting_session.recorded").exists()


def test_the_form_warns_not_to_list_interviewed_workers(world: World, client_for: Any) -> None:
    page = client_for("lead").get(url(world, "session_edit", SessionKind.WORKERS)).content.decode()
    assert "Never list the workers who were interviewed" in page


def test_pages_cost_the_same_queries_whatever_the_size_of_the_lists(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    many = {
        "attendees": [{"name": f"Test Attendee {n}", "role": "Test Org"} for n in range(25)],
        "critical_findings": [{"what": f"Critical {n}", "who_acts": "Test", "due_on": HELD_ON} for n in range(10)],
        "next_steps": [{"what": f"Step {n}", "who": "", "due_on": HELD_ON} for n in range(10)],
    }
    record(world, SessionKind.WORKERS, WORKERS_SENTINEL, **many)
    record(world, SessionKind.MANAGEMENT, MANAGEMENT_SENTINEL, **many)
    client = client_for("lead")
    client.get(url(world, "meeting"))
    with django_assert_max_num_queries(10):
        assert client.get(url(world, "meeting")).status_code == 200
    with django_assert_max_num_queries(10):
        assert "Test Attendee 24" in client.get(url(world, "session", SessionKind.WORKERS)).content.decode()
    with django_assert_max_num_queries(10):
        assert "Test Attendee 24" in client.get(url(world, "session_edit", SessionKind.WORKERS)).content.decode()


def test_the_demo_seeder_is_idempotent(world: World) -> None:
    from findings.demo import seed_demo_findings

    users = {f"{p}@demo.example": world.user(p) for p in ("lead", "assessor", "interviewer", "business", "workerrep")}
    seed_demo_findings(world.engagement, users)
    seed_demo_findings(world.engagement, users)
    kinds = sorted(MeetingSession.objects.filter(engagement=world.engagement).values_list("kind", flat=True))
    assert kinds == ["management", "workers"]
    assert MeetingCriticalFinding.objects.filter(engagement=world.engagement).count() == 2
