"""Phase 7 follow-ups: interviews of newly recruited workers (with their reminders source) and the follow-up
assessment, which carries over the first assessment's findings and shows, per finding, resolved or not."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actionplans.followups.models import FindingVerification, FollowUpRound, RoundKind, VerificationStatus
from actionplans.followups.selectors import follow_up_rounds_due
from actionplans.followups.services import (
    finding_verification_set,
    follow_up_assessment_start,
    follow_up_cohort_add,
    follow_up_round_done,
)
from actionplans.models import Action, ActionKind, ActionPlan, ActionStatus
from audit.models import AuditEntry
from engagements.models import Engagement, Participant
from engagements.services.engagements import corridor_add, engagement_create
from engagements.services.participants import participant_set
from findings.models import ClosingMeeting
from reminders.sources import sources
from tenancy.roles import EngagementRole
from tests.conftest import World
from tests.security.matrix.findings import make_finding

pytestmark = pytest.mark.django_db

CLOSING = date(2026, 1, 15)


# --- Follow-up interviews ------------------------------------------------------------------------------


def test_a_cohort_gives_two_rounds_in_the_windows_of_the_method(world: World) -> None:
    cohort = follow_up_cohort_add(
        actor=world.user("lead"), engagement=world.engagement, arrival_date=date(2026, 3, 10), workers=30
    )
    rounds = {r.kind: r for r in cohort.rounds.all()}
    assert (rounds[RoundKind.FIRST_MONTH].window_start, rounds[RoundKind.FIRST_MONTH].window_end) == (
        date(2026, 3, 10),
        date(2026, 4, 10),
    )
    later = rounds[RoundKind.THREE_TO_SIX_MONTHS]
    assert (later.window_start, later.window_end, later.due_date) == (
        date(2026, 6, 10),
        date(2026, 9, 10),
        date(2026, 9, 10),
    )
    assert AuditEntry.objects.filter(verb="follow_up.cohort_added", detail__workers=30).exists()


def test_a_corridor_of_another_engagement_is_refused(world: World) -> None:
    theirs = corridor_add(
        actor=world.user("other_org"), engagement=world.other_engagement, origin="KH", destination="TH"
    )
    with pytest.raises(ValidationError):
        follow_up_cohort_add(
            actor=world.user("lead"),
            engagement=world.engagement,
            arrival_date=date(2026, 3, 10),
            workers=5,
            corridor=theirs,
        )


def test_a_round_is_marked_done_with_date_and_count_and_audited(world: World) -> None:
    cohort = follow_up_cohort_add(
        actor=world.user("lead"), engagement=world.engagement, arrival_date=date(2026, 3, 10), workers=30
    )
    first = cohort.rounds.get(kind=RoundKind.FIRST_MONTH)
    today = date(2026, 4, 20)
    with pytest.raises(ValidationError, match="future"):
        follow_up_round_done(
            actor=world.user("assessor"), follow_up_round=first, done_on=date(2026, 4, 21), interviewed=8, today=today
        )
    with pytest.raises(ValidationError, match="More workers"):
        follow_up_round_done(
            actor=world.user("assessor"), follow_up_round=first, done_on=date(2026, 4, 1), interviewed=31, today=today
        )
    with pytest.raises(ValidationError, match="before the workers arrived"):
        follow_up_round_done(
            actor=world.user("assessor"), follow_up_round=first, done_on=date(2026, 3, 1), interviewed=8, today=today
        )
    follow_up_round_done(
        actor=world.user("assessor"), follow_up_round=first, done_on=date(2026, 4, 1), interviewed=8, today=today
    )
    first.refresh_from_db()
    assert (first.done_on, first.interviewed, first.done_by) == (date(2026, 4, 1), 8, world.user("assessor"))
    entry = AuditEntry.objects.get(verb="follow_up.round_done")
    assert entry.detail == {"kind": "first_month", "done_on": "2026-04-01", "interviewed": 8}


def test_the_reminders_source_yields_open_rounds_for_the_lead_assessors_in_a_fixed_number_of_queries(
    world: World, django_assert_num_queries: Any
) -> None:
    assert sources()["follow_up_interviews_due"] is follow_up_rounds_due
    cohort = follow_up_cohort_add(
        actor=world.user("lead"), engagement=world.engagement, arrival_date=date(2026, 3, 10), workers=30
    )
    follow_up_cohort_add(
        actor=world.user("other_org"), engagement=world.other_engagement, arrival_date=date(2026, 5, 1), workers=4
    )
    first = cohort.rounds.get(kind=RoundKind.FIRST_MONTH)
    follow_up_round_done(
        actor=world.user("lead"), follow_up_round=first, done_on=date(2026, 4, 1), interviewed=8, today=date(2026, 4, 2)
    )
    with django_assert_num_queries(2):
        items = list(follow_up_rounds_due(date(2026, 4, 2)))
    by_key = {item.key: item for item in items}
    later = cohort.rounds.get(kind=RoundKind.THREE_TO_SIX_MONTHS)
    # The done round is no longer yielded: its reminders stop.
    assert f"followup-round:{first.pk}" not in by_key
    mine = by_key[f"followup-round:{later.pk}"]
    assert mine.event == "follow_up_interviews_due"
    assert mine.due_date == date(2026, 9, 10)
    assert mine.recipient_ids == (world.user("lead").pk,)
    assert mine.engagement_id == world.engagement.pk
    assert mine.url == reverse("followups:follow_ups", kwargs={"engagement_id": world.engagement.pk})
    theirs = [i for i in items if i.engagement_id == world.other_engagement.pk]
    assert len(theirs) == 2 and all(i.recipient_ids == (world.user("other_org").pk,) for i in theirs)
    # Three more cohorts in a third engagement: still two queries.
    third = engagement_create(actor=world.user("lead"), organisation=world.org, title="Test third")
    for n in range(3):
        follow_up_cohort_add(actor=world.user("lead"), engagement=third, arrival_date=date(2026, 6, 1 + n), workers=3)
    with django_assert_num_queries(2):
        assert len(list(follow_up_rounds_due(date(2026, 4, 2)))) == 1 + 2 + 6


def test_only_the_team_plans_follow_up_interviews(world: World, client_for: Any) -> None:
    url = reverse("followups:cohort_new", kwargs={"engagement_id": world.engagement.pk})
    post = {"arrival_date": "2026-03-10", "workers": "12", "corridor": str(world.engagement.corridors.get().pk)}
    assert client_for("business").post(url, post).status_code == 403
    response = client_for("assessor").post(url, post)
    assert response.status_code == 302
    page = client_for("business").get(reverse("followups:follow_ups", kwargs={"engagement_id": world.engagement.pk}))
    assert page.status_code == 200
    assert "12 workers arrived 10 Mar 2026" in page.content.decode()
    assert "Overdue since 10 Apr 2026" in page.content.decode()  # the first month's window has closed
    assert "Mark done" not in page.content.decode()


# --- The follow-up assessment --------------------------------------------------------------------------


def _first_assessment(world: World) -> dict[str, Any]:
    """Released findings (one fixed by its action, one not), a draft, a closing meeting and the plan."""
    fees = make_finding(world, "Test fees charged", released=True)
    passports = make_finding(
        world, "Test passports held", released=True, severity="critical", recommendation_term="immediate"
    )
    draft = make_finding(world, "Test draft only")
    ClosingMeeting.objects.create(
        engagement=world.engagement,
        held_on=CLOSING,
        place="Test hall",
        key_findings="Test key findings.",
        action_plan_from=CLOSING,
        recorded_by=world.user("lead"),
    )
    plan = ActionPlan.objects.create(engagement=world.engagement)
    common = {
        "plan": plan,
        "kind": ActionKind.REMEDIATION_IMMEDIATE,
        "target_outcome": "Test outcome",
        "indicator": "Test indicator",
        "responsible_person": "Test Manager",
        "responsible_organisation": "Test Employer",
        "due_date": date(2026, 3, 1),
        "created_by": world.user("lead"),
    }
    returned = Action.objects.create(number=1, what="Test return every passport", status=ActionStatus.CLOSED, **common)
    returned.findings.add(passports)
    repay = Action.objects.create(number=2, what="Test repay the fees", status=ActionStatus.PROGRESS_MADE, **common)
    repay.findings.add(fees)
    return {"fees": fees, "passports": passports, "draft": draft}


def test_starting_a_follow_up_creates_a_linked_engagement_that_carries_over_the_released_findings(
    world: World,
) -> None:
    found = _first_assessment(world)
    follow_up = follow_up_assessment_start(
        actor=world.user("lead"),
        engagement=world.engagement,
        title="Test follow-up",
        start_date=CLOSING + timedelta(days=240),
    )
    assert follow_up.follow_up_of == world.engagement
    assert follow_up.organisation == world.org
    assert [str(c) for c in follow_up.corridors.all()] == [str(c) for c in world.engagement.corridors.all()]
    assert Participant.objects.get(engagement=follow_up, user=world.user("lead")).role == EngagementRole.LEAD_ASSESSOR
    carried = FindingVerification.objects.filter(engagement=follow_up)
    assert {v.finding for v in carried} == {found["fees"], found["passports"]}
    assert all(v.status == VerificationStatus.NOT_VERIFIED for v in carried)
    entry = AuditEntry.objects.get(verb="follow_up.assessment_started")
    assert entry.detail["findings_carried_over"] == 2 and entry.detail["outside_window"] is False


def test_a_start_outside_6_to_12_months_needs_a_reason_which_is_kept(world: World) -> None:
    _first_assessment(world)
    early = CLOSING + timedelta(days=60)
    with pytest.raises(ValidationError, match="6–12 months"):
        follow_up_assessment_start(actor=world.user("lead"), engagement=world.engagement, title="T", start_date=early)
    assert not Engagement.objects.filter(follow_up_of=world.engagement).exists()
    reason = "Test: the business asked for an early check after a retaliation report."
    follow_up_assessment_start(
        actor=world.user("lead"), engagement=world.engagement, title="T", start_date=early, reason=reason
    )
    entry = AuditEntry.objects.get(verb="follow_up.assessment_started")
    assert entry.detail["outside_window"] is True and entry.detail["reason"] == reason


def test_a_follow_up_assessment_carries_over_the_findings_and_shows_per_finding_resolved_or_not(
    world: World, client_for: Any
) -> None:
    """Acceptance (issue 7): the lead starts the follow-up through the page and sets the verdicts; the page shows,
    per finding, resolved or not, with the first plan's actions and their status."""
    found = _first_assessment(world)
    client = client_for("lead")
    start = reverse("followups:assessment_start", kwargs={"engagement_id": world.engagement.pk})
    page = client.get(start)
    assert "15 Jul 2026" in page.content.decode() and "15 Jan 2027" in page.content.decode()  # the window
    response = client.post(start, {"title": "Test follow-up", "start_date": "2026-09-01"})
    follow_up = Engagement.objects.get(follow_up_of=world.engagement)
    page_url = reverse("followups:verification", kwargs={"engagement_id": follow_up.pk})
    assert response.status_code == 302 and response["Location"] == page_url

    rows = {v.finding_id: v for v in FindingVerification.objects.filter(engagement=follow_up)}
    passports, fees = rows[found["passports"].pk], rows[found["fees"].pk]
    set_url = "followups:verification_set"
    kw = {"engagement_id": follow_up.pk}
    client.post(reverse(set_url, kwargs={**kw, "verification_id": passports.pk}), {"status": "resolved"})
    # Not resolved needs to say what remains: refused without a note, nothing saved.
    client.post(reverse(set_url, kwargs={**kw, "verification_id": fees.pk}), {"status": "not_resolved"})
    fees.refresh_from_db()
    assert fees.status == VerificationStatus.NOT_VERIFIED
    client.post(
        reverse(set_url, kwargs={**kw, "verification_id": fees.pk}),
        {"status": "not_resolved", "note": "Test: the sub-agent still charges the fee."},
    )

    html = client.get(page_url).content.decode()
    passports_card, fees_card = _card(html, passports), _card(html, fees)
    assert 'data-verdict="resolved"' in passports_card and "Test passports held" in passports_card
    assert "Test return every passport" in passports_card and "Closed" in passports_card
    assert 'data-verdict="not_resolved"' in fees_card and "Test fees charged" in fees_card
    assert "Test repay the fees" in fees_card and "Progress made" in fees_card
    assert "the sub-agent still charges the fee" in fees_card
    assert "Test draft only" not in html
    assert "Resolved: 1" in html and "Not resolved: 1" in html

    # The first engagement's page links to its follow-up, and the follow-up's to the first.
    first_page = client.get(reverse("engagements:detail", kwargs={"engagement_id": world.engagement.pk}))
    assert reverse("engagements:detail", kwargs={"engagement_id": follow_up.pk}) in first_page.content.decode()
    second_page = client.get(reverse("engagements:detail", kwargs={"engagement_id": follow_up.pk}))
    assert page_url in second_page.content.decode()


def _card(html: str, verification: FindingVerification) -> str:
    start = html.index(f'id="finding-{verification.pk}"')
    return html[start : html.index("</article>", start)]


def test_verdicts_are_set_by_the_follow_ups_team_only(world: World, client_for: Any) -> None:
    _first_assessment(world)
    follow_up = follow_up_assessment_start(
        actor=world.user("lead"), engagement=world.engagement, title="T", start_date=CLOSING + timedelta(days=240)
    )
    participant_set(
        actor=world.user("lead"), engagement=follow_up, user=world.user("business"), role="business_reviewer"
    )
    verification = FindingVerification.objects.filter(engagement=follow_up).first()
    url = reverse(
        "followups:verification_set", kwargs={"engagement_id": follow_up.pk, "verification_id": verification.pk}
    )
    # The business reads the verdicts but does not set them; the first's assessor is not on the follow-up's team.
    page = client_for("business").get(reverse("followups:verification", kwargs={"engagement_id": follow_up.pk}))
    assert page.status_code == 200 and "Save verdict" not in page.content.decode()
    assert client_for("business").post(url, {"status": "resolved"}).status_code == 403
    assert client_for("assessor").post(url, {"status": "resolved"}).status_code == 403
    assert client_for("other_org").post(url, {"status": "resolved"}).status_code == 404
    verification.refresh_from_db()
    assert verification.status == VerificationStatus.NOT_VERIFIED


def test_a_verdict_records_who_and_when_and_going_back_clears_them(world: World) -> None:
    _first_assessment(world)
    follow_up = follow_up_assessment_start(
        actor=world.user("lead"), engagement=world.engagement, title="T", start_date=CLOSING + timedelta(days=240)
    )
    verification = FindingVerification.objects.filter(engagement=follow_up).first()
    finding_verification_set(actor=world.user("lead"), verification=verification, status="partly_resolved", note="x")
    verification.refresh_from_db()
    assert verification.verified_by == world.user("lead") and verification.verified_at is not None
    finding_verification_set(actor=world.user("lead"), verification=verification, status="not_verified")
    verification.refresh_from_db()
    assert verification.verified_by is None and verification.verified_at is None
    assert AuditEntry.objects.filter(verb="follow_up.finding_verified", engagement=follow_up).count() == 2


def test_only_the_lead_starts_a_follow_up_and_not_from_a_follow_up(world: World, client_for: Any) -> None:
    _first_assessment(world)
    url = reverse("followups:assessment_start", kwargs={"engagement_id": world.engagement.pk})
    for persona in ("assessor", "business", "workerrep", "org_admin"):
        assert client_for(persona).post(url, {"title": "T", "start_date": "2026-09-01"}).status_code == 403
    assert not Engagement.objects.filter(follow_up_of=world.engagement).exists()
    follow_up = follow_up_assessment_start(
        actor=world.user("lead"), engagement=world.engagement, title="T", start_date=CLOSING + timedelta(days=240)
    )
    with pytest.raises(ValidationError):
        follow_up_assessment_start(actor=world.user("lead"), engagement=follow_up, title="T2", start_date=date.today())
    assert FollowUpRound.objects.count() == 0
