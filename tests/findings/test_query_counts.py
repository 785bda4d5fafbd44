"""Phase 4 and 5 pages cost the same number of queries whatever the number of rows they list.

Each test fills a page with a few rows, counts the queries of one request, adds more rows, and asserts
that the page, now listing every row (the last one is on it), costs no more. A page that loads something
per row (an N+1) fails. The analysis overview and the debrief are also held flat against the number of
workers interviewed in tests/findings/test_fees.py and tests/interviews/test_debrief.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from findings.analysis.services import exchange_rate_record
from findings.models import Finding, SessionKind
from findings.reports.models import ReportRendering
from findings.services.closing import closing_meeting_record, feedback_give
from findings.services.discussion import comment_add, position_set
from findings.services.findings import source_add
from findings.services.meetings import meeting_session_record
from interviews.sampling.services import sample
from interviews.sitevisits import checklist
from interviews.sitevisits.services.observations import observation_save
from tests.conftest import World
from tests.findings.test_closing_meeting import _rendering as shared_rendering
from tests.findings.test_findings import _review
from tests.security.matrix.findings import make_finding
from tests.vault_helpers import interview

pytestmark = pytest.mark.django_db

FEW, MANY = 2, 10
HELD_ON = date(2026, 11, 20)


def _get(client: Any, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries), response.content.decode()


def assert_flat(
    client: Any,
    url: str,
    fill: Callable[[int], Any],
    marker: Callable[[int], str],
    django_assert_max_num_queries: Any,
) -> None:
    """``fill(n)`` leaves the page with n rows; ``marker(n)`` is text only the n-th row shows."""
    fill(FEW)
    client.get(url)  # the session's first touch (its user, its grants) is not the page's cost
    cache.clear()  # pages that cache a computation start from nothing in both counts
    few, html = _get(client, url)
    assert marker(FEW) in html
    fill(MANY)
    cache.clear()
    with django_assert_max_num_queries(few):
        html = client.get(url).content.decode()
    assert marker(MANY) in html


def numbered(make: Callable[[int], Any], model_count: Callable[[], int]) -> Callable[[int], None]:
    """A fill function that adds rows numbered from the ones already there up to n."""

    def fill(n: int) -> None:
        for i in range(model_count() + 1, n + 1):
            make(i)

    return fill


# --- Findings --------------------------------------------------------------------------------------------------


def _site(world: World, name: str = "Test Site") -> Any:
    return sample.site_create(actor=world.user("lead"), engagement=world.engagement, name=name, workers_on_site=None)


def _full_finding(world: World, n: int, manager: Any) -> Finding:
    """A released finding with two kinds of source, a comment from each outside side and the business's
    position, as a busy findings list has them."""
    finding = make_finding(world, f"Test finding {n:02d}", released=True)
    lead = world.user("lead")
    source_add(actor=lead, finding=finding, kind="worker_interviews", stance="agrees")
    source_add(actor=lead, finding=finding, kind="management_interview", stance="agrees", reference=manager)
    comment_add(actor=world.user("workerrep"), finding=finding, body=f"Test comment {n}")
    comment_add(actor=world.user("business"), finding=finding, body=f"Test reply {n}", private=True)
    position_set(actor=world.user("business"), finding=finding, position="disputes", reasons=f"Test reasons {n}")
    return finding


@pytest.mark.parametrize("persona", ["lead", "business", "workerrep"])
def test_the_findings_list(world: World, client_for: Any, django_assert_max_num_queries: Any, persona: str) -> None:
    manager = interview(world.user("assessor"), world.engagement, kind="management")
    fill = numbered(
        lambda n: _full_finding(world, n, manager), lambda: Finding.objects.filter(engagement=world.engagement).count()
    )
    url = reverse("findings:list", args=[world.engagement.pk])
    assert_flat(client_for(persona), url, fill, lambda n: f"Test finding {n:02d}", django_assert_max_num_queries)


def test_a_finding_with_its_sources_positions_and_comments(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    """The team's page of one finding: every kind of source (each pointing at something), the history of
    the business's positions, and the discussion."""
    finding = make_finding(world, "Test finding", released=True)
    lead, business, site = world.user("lead"), world.user("business"), _site(world)
    items = list(checklist.items_by_id())

    def add(n: int) -> None:
        manager = interview(world.user("assessor"), world.engagement, kind="management", site=f"Test site {n}")
        source_add(actor=lead, finding=finding, kind="management_interview", stance="agrees", reference=manager)
        review = _review(world, f"Test document {n}")
        source_add(actor=lead, finding=finding, kind="document_review", stance="contradicts", reference=review)
        observation = observation_save(actor=lead, site=site, item_id=items[n], status="issue", note="")
        source_add(actor=lead, finding=finding, kind="site_observation", stance="agrees", reference=observation)
        position_set(actor=business, finding=finding, position="disputes", reasons=f"Test reasons {n}")
        root = comment_add(actor=world.user("workerrep"), finding=finding, body=f"Test comment {n}")
        comment_add(actor=business, finding=finding, body=f"Test reply {n}", parent=root)

    fill = numbered(add, lambda: finding.positions.count())
    url = reverse("findings:detail", args=[world.engagement.pk, finding.pk])
    assert_flat(client_for("lead"), url, fill, lambda n: f"Test document {n}", django_assert_max_num_queries)


# --- The preliminary findings meeting (phase 4) and the closing meeting (phase 5) -------------------------------


def _session(world: World, n: int) -> None:
    meeting_session_record(
        actor=world.user("lead"),
        engagement=world.engagement,
        kind=SessionKind.WORKERS,
        held_on=HELD_ON,
        place="Test community centre",
        findings_presented="Test findings presented",
        attendees=[{"name": f"Test Attendee {i}", "role": "Test Union"} for i in range(1, n + 1)],
        critical_findings=[
            {"what": f"Test critical {i}", "who_acts": "Test HR", "due_on": HELD_ON} for i in range(1, n + 1)
        ],
        next_steps=[{"what": f"Test step {i}", "who": "Test team", "due_on": HELD_ON} for i in range(1, n + 1)],
    )
    meeting_session_record(
        actor=world.user("lead"),
        engagement=world.engagement,
        kind=SessionKind.MANAGEMENT,
        held_on=HELD_ON,
        place="Test meeting room",
        findings_presented="Test findings presented",
        attendees=[{"name": f"Test Manager {i}", "role": "Test Employer"} for i in range(1, n + 1)],
        critical_findings=[],
        next_steps=[],
    )


@pytest.mark.parametrize(
    ("name", "kind", "marker"),
    [
        ("findings:meeting", None, "{n} critical findings needing"),
        ("findings:session", SessionKind.WORKERS, "Test step {n}"),
        ("findings:session_edit", SessionKind.WORKERS, 'value="Test critical {n}"'),
    ],
)
def test_the_preliminary_findings_meeting(
    world: World, client_for: Any, django_assert_max_num_queries: Any, name: str, kind: Any, marker: str
) -> None:
    url = reverse(name, args=[world.engagement.pk] + ([kind.value] if kind else []))
    assert_flat(
        client_for("lead"),
        url,
        lambda n: _session(world, n),
        lambda n: marker.format(n=n),
        django_assert_max_num_queries,
    )


def _closing(world: World, n: int) -> None:
    closing_meeting_record(
        actor=world.user("lead"),
        engagement=world.engagement,
        held_on=HELD_ON,
        place="Test meeting room",
        key_findings="Test key findings",
        attendees=[{"name": f"Test Attendee {i}", "role": "Test Union"} for i in range(1, n + 1)],
        urgent_actions=[
            {"what": f"Test urgent action {i}", "who_acts": "Test HR", "due_on": HELD_ON + timedelta(days=i)}
            for i in range(1, n + 1)
        ],
    )


@pytest.mark.parametrize(
    ("name", "persona", "marker"),
    [
        ("findings:closing", "lead", "Test urgent action {n}"),
        ("findings:closing", "business", "Test Attendee {n}"),
        ("findings:closing_edit", "lead", 'value="Test urgent action {n}"'),
    ],
)
def test_the_closing_meeting(
    world: World, client_for: Any, django_assert_max_num_queries: Any, name: str, persona: str, marker: str
) -> None:
    url = reverse(name, args=[world.engagement.pk])
    assert_flat(
        client_for(persona),
        url,
        lambda n: _closing(world, n),
        lambda n: marker.format(n=n),
        django_assert_max_num_queries,
    )


def _rendering(world: World, number: int) -> ReportRendering:
    """A finished version shared for feedback (tests/findings/test_closing_meeting.py's), with its pages."""
    rendering = shared_rendering(world, number, shared=True)
    rendering.pages, rendering.size = 12, 200_000
    rendering.save(update_fields=["pages", "size"])
    return rendering


@pytest.mark.parametrize("persona", ["lead", "business"])
def test_the_feedback_on_the_report(
    world: World, client_for: Any, django_assert_max_num_queries: Any, persona: str
) -> None:
    from findings.models import ReportFeedback

    def add(n: int) -> None:
        rendering = _rendering(world, n)
        for side in ("business", "workerrep"):
            feedback_give(
                actor=world.user(side),
                engagement=world.engagement,
                stakeholder=f"Test stakeholder {n:02d}",
                body=f"Test feedback {n}",
                rendering=rendering,
            )

    fill = numbered(add, lambda: ReportFeedback.objects.filter(engagement=world.engagement).count() // 2)
    url = reverse("findings:feedback", args=[world.engagement.pk])
    assert_flat(client_for(persona), url, fill, lambda n: f"Test stakeholder {n:02d}", django_assert_max_num_queries)


# --- Reports and the analysis ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["lead", "business"])
def test_the_reports_list(world: World, client_for: Any, django_assert_max_num_queries: Any, persona: str) -> None:
    fill = numbered(
        lambda n: _rendering(world, n), lambda: ReportRendering.objects.filter(engagement=world.engagement).count()
    )
    url = reverse("reports:renderings", args=[world.engagement.pk])
    assert_flat(client_for(persona), url, fill, lambda n: f"version {n}<", django_assert_max_num_queries)


def test_the_exchange_rates(world: World, client_for: Any, django_assert_max_num_queries: Any) -> None:
    from findings.analysis.models import ExchangeRate

    currencies = ["MMK", "KHR", "LAK", "VND", "IDR", "PHP", "INR", "NPR", "BDT", "LKR"]

    def add(n: int) -> None:
        exchange_rate_record(
            actor=world.user("lead"),
            engagement=world.engagement,
            currency=currencies[n - 1],
            rate=Decimal("0.001") * n,
            rate_date=HELD_ON - timedelta(days=400),
            source=f"Test bank bulletin {n}",
        )

    fill = numbered(add, lambda: ExchangeRate.objects.filter(engagement=world.engagement).count())
    url = reverse("analysis:rates", args=[world.engagement.pk])
    assert_flat(client_for("lead"), url, fill, lambda n: f"Test bank bulletin {n}", django_assert_max_num_queries)


def _workers_at_sites(world: World) -> Callable[[int], None]:
    """A fill function: n sites (each with its own recruiter), two workers interviewed at each, so that every
    table grows a row per site and per recruiter."""
    from tests.findings.test_aggregation import _respondent, _store, _version, answers, mmk

    version = _version(world)
    sites: list[str] = []

    def fill(n: int) -> None:
        for i in range(len(sites) + 1, n + 1):
            sites.append(f"Test Site {i:02d}")
            for gender, paid in (("woman", "yes"), ("man", "no")):
                respondent = _respondent(
                    world, site=sites[-1], nationality="MM", gender=gender, recruiter=f"Test Recruiter {i:02d}"
                )
                fees = {"recruitment": mmk(1_000_000 + i)} if paid == "yes" else {}
                _store(world, respondent, version, answers("employer", "no", "no", paid, **fees))

    return fill


@pytest.mark.parametrize("persona", ["lead", "business"])
def test_the_analysis_tables_and_fees_by_site(
    world: World, client_for: Any, django_assert_max_num_queries: Any, persona: str
) -> None:
    url = reverse("analysis:overview", args=[world.engagement.pk])
    assert_flat(
        client_for(persona),
        url,
        _workers_at_sites(world),
        lambda n: f"Test Site {n:02d}",
        django_assert_max_num_queries,
    )


def test_the_debrief_by_site(world: World, client_for: Any, django_assert_max_num_queries: Any) -> None:
    url = reverse("debrief:debrief", args=[world.engagement.pk])
    assert_flat(
        client_for("lead"), url, _workers_at_sites(world), lambda n: f"Test Site {n:02d}", django_assert_max_num_queries
    )
