"""Phase 7 dashboards: the monitoring dashboard of an engagement and the organisation overview.

Issue 7: "actions by status, overdue and upcoming, per responsible party; indicators across the first
assessment and its follow-ups" and "an organisation dashboard across engagements: phase, critical findings
open, actions overdue". Each page's query count does not grow with the number of actions or engagements.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionStatus
from actionplans.monitoring import selectors
from engagements.phase_pages import pages_for
from engagements.services.engagements import engagement_create
from engagements.services.participants import participant_set
from findings.analysis import selectors as analysis
from findings.models import Finding
from interviews.debrief.tallies import Cell, Debrief, Fees, Group
from tenancy.roles import Capability, EngagementRole, capabilities_for_role
from tests.conftest import World
from tests.security.matrix.monitoring import make_action

pytestmark = pytest.mark.django_db

DEBT, WAGES = "debt_bondage", "withholding_of_wages"


def _dashboard_url(engagement: Any) -> str:
    return reverse("monitoring:dashboard", kwargs={"engagement_id": engagement.pk})


def test_dashboard_counts_by_status_overdue_upcoming_and_party(world: World, client_for: Any) -> None:
    today = timezone.localdate()
    late = make_action(world, "Test late action", due_date=today - timedelta(days=1))
    soon = make_action(
        world,
        "Test soon action",
        due_date=today + timedelta(days=10),
        status=ActionStatus.PROGRESS_MADE,
        responsible_person="Test Trainer",
        responsible_organisation="Test Agency",
    )
    make_action(world, "Test done action", due_date=today - timedelta(days=9), status=ActionStatus.CLOSED)
    make_action(world, "Test later action", due_date=today + timedelta(days=31))

    board = selectors.dashboard(world.engagement, today=today)
    assert {value: count for value, _label, count in board.by_status} == {"open": 2, "progress_made": 1, "closed": 1}
    assert board.overdue == [late]  # the closed one, past its date, is not overdue
    assert board.upcoming == [soon]  # 31 days out is not "next 30 days"
    parties = {(p.organisation, p.person): (p.counts, p.overdue) for p in board.parties}
    assert parties == {
        ("Test Agency", "Test Trainer"): ({"open": 0, "progress_made": 1, "closed": 0}, 0),
        ("Test Employer", "Test Person"): ({"open": 2, "progress_made": 0, "closed": 1}, 1),
    }

    page = client_for("workerrep").get(_dashboard_url(world.engagement)).content.decode()
    assert 'data-status="overdue">1<' in page and 'data-status="upcoming">1<' in page
    assert "Test late action" in page and "Test Trainer" in page


def _dashboard_queries(client: Any, engagement: Any) -> int:
    client.get(_dashboard_url(engagement))  # warm the aggregates' cache, as any second visit finds it
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_dashboard_url(engagement)).status_code == 200
    return len(queries)


def test_dashboard_query_count_does_not_grow_with_actions(world: World, client_for: Any) -> None:
    today = timezone.localdate()
    client = client_for("lead")
    for n in range(2):
        make_action(world, f"Test action {n}", due_date=today + timedelta(days=n * 7 - 3))
    with_two = _dashboard_queries(client, world.engagement)
    for n in range(2, 10):
        make_action(world, f"Test action {n}", due_date=today + timedelta(days=n * 7 - 3))
    with_ten = _dashboard_queries(client, world.engagement)
    assert with_two == with_ten


def _group(workers: int, cells: dict[str, Cell]) -> Group:
    return Group(value="", workers=workers, indicators=cells, risks={}, fees=Fees(0, 0, (), ()))


def _aggregates(workers: int, cells: dict[str, Cell]) -> analysis.Aggregates:
    now = timezone.now()
    tally = Debrief(
        as_of=now,
        interviews=workers,
        by_kind=(("worker", workers),),
        not_tallied=0,
        indicator_ids=tuple(cells),
        risk_ids=(),
        overall=_group(workers, cells),
        breakdowns=(),
    )
    return analysis.Aggregates(as_of=now, tally=tally, fees=None)


def test_indicators_across_the_first_assessment_and_its_follow_up(
    world: World, client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = world.engagement
    follow_up = engagement_create(actor=world.user("lead"), organisation=world.org, title="Test follow-up assessment")
    follow_up.follow_up_of = first
    follow_up.save(update_fields=["follow_up_of"])
    for persona, role in (("lead", EngagementRole.LEAD_ASSESSOR), ("business", EngagementRole.BUSINESS_REVIEWER)):
        participant_set(actor=world.user("lead"), engagement=follow_up, user=world.user(persona), role=role)
    figures = {
        first.pk: _aggregates(20, {DEBT: Cell(3, 20), WAGES: Cell(12, 20)}),
        follow_up.pk: _aggregates(12, {DEBT: Cell(1, 12), WAGES: Cell(6, 12)}),
        world.other_engagement.pk: _aggregates(9, {DEBT: Cell(9, 9)}),
    }
    monkeypatch.setattr(analysis, "aggregates", lambda engagement, settings=None: figures[engagement.pk])

    # Seen from either end of the chain, the columns are the same: first assessment, then follow-up.
    lead_view = selectors.indicators_across(world.user("lead"), follow_up)
    assert lead_view.assessments == [first, follow_up]
    rows = {row.id: [c.text for c in row.cells] for row in lead_view.rows}
    assert rows == {DEBT: ["3 of 20 (15%)", "1 of 12 (8%)"], WAGES: ["12 of 20 (60%)", "6 of 12 (50%)"]}

    page = client_for("business").get(_dashboard_url(first)).content.decode()
    assert "Test follow-up assessment" in page
    assert "suppressed of 20" in page and "suppressed of 12" in page  # fewer than k = 5 reported it
    assert "12 of 20 (60%)" in page and "6 of 12 (50%)" in page
    assert "3 of 20" not in page and "1 of 12" not in page
    assert "Engagement B" not in page

    # The worker representative, not a participant of the follow-up, sees the first assessment only.
    workerrep_view = selectors.indicators_across(world.user("workerrep"), first)
    assert workerrep_view.assessments == [first]


def test_monitoring_is_registered_as_phase_7_step_1() -> None:
    pages = pages_for(7, capabilities_for_role(EngagementRole.BUSINESS_REVIEWER))
    page = next(p for p in pages if p.url_name == "monitoring:dashboard")
    assert page.steps == ("Set up a monitoring framework and continuous improvement plan",)
    assert page.capability == Capability.VIEW_MONITORING
    assert not [p for p in pages_for(7, capabilities_for_role(EngagementRole.INTERVIEWER)) if p is page]


# --- the organisation overview ---------------------------------------------------------------------


def _finding(engagement: Any, world: World, number: int, severity: str, status: str = "released") -> Finding:
    return Finding.objects.create(
        engagement=engagement,
        number=number,
        title=f"Test finding {number}",
        severity=severity,
        status=status,
        written_by=world.user("lead"),
    )


def _overview_rows(user: Any) -> dict[str, tuple[int | None, int, int]]:
    return {
        e.title: (e.current_phase_number, e.critical_open, e.actions_overdue)
        for o in selectors.organisation_overview(user)
        for e in o.engagements
    }


def test_organisation_overview_counts_critical_findings_open_and_actions_overdue(world: World, client_for: Any) -> None:
    today = timezone.localdate()
    engagement = world.engagement
    no_action = _finding(engagement, world, 1, "critical")
    open_action = _finding(engagement, world, 2, "critical")
    all_closed = _finding(engagement, world, 3, "critical")
    _finding(engagement, world, 4, "critical", status="draft")  # not released: not counted
    _finding(engagement, world, 5, "major")  # not critical: not counted
    assert no_action
    make_action(world, "Test open", status=ActionStatus.PROGRESS_MADE).findings.set([open_action])
    make_action(world, "Test closed", status=ActionStatus.CLOSED).findings.set([all_closed, open_action])
    make_action(world, "Test overdue", due_date=today - timedelta(days=2))
    make_action(world, "Test closed late", due_date=today - timedelta(days=2), status=ActionStatus.CLOSED)
    second = engagement_create(actor=world.user("org_admin"), organisation=world.org, title="Test second engagement")

    assert _overview_rows(world.user("org_admin")) == {"Engagement A": (1, 2, 1), "Test second engagement": (1, 0, 0)}
    # A plain member sees only the engagements they take part in.
    assert _overview_rows(world.user("lead")) == {"Engagement A": (1, 2, 1)}
    assert second

    page = client_for("other_org").get(reverse("org_monitoring:overview")).content.decode()
    assert "Organisation B" in page and "Engagement B" in page
    assert "Engagement A" not in page and "Organisation A" not in page
    # Invited outsiders are members of no organisation: they see none of it.
    page = client_for("business").get(reverse("org_monitoring:overview")).content.decode()
    assert "Engagement A" not in page and "not a member of any organisation" in page


def test_organisation_overview_query_count_does_not_grow_with_engagements(world: World, client_for: Any) -> None:
    client = client_for("org_admin")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("org_monitoring:overview"))
        assert response.status_code == 200
        return len(captured)

    queries()  # the first request of a session does its own bookkeeping
    one = queries()
    for n in range(3):
        engagement = engagement_create(actor=world.user("org_admin"), organisation=world.org, title=f"Test extra {n}")
        make_action(world, "Test overdue", engagement=engagement, due_date=timezone.localdate() - timedelta(days=1))
    assert queries() == one
    assert (
        'data-count="overdue"><span class="badge text-bg-warning">1</span>'
        in client.get(reverse("org_monitoring:overview")).content.decode()
    )
