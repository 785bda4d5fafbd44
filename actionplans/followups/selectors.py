"""Reading phase 7 follow-ups: cohorts and rounds, follow-up assessments and their verdicts, grievance cases.

Every list is a fixed number of queries, whatever its length.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse

from actionplans.followups.models import (
    FindingVerification,
    FollowUpCohort,
    FollowUpRound,
    GrievanceCase,
    VerificationStatus,
)
from actionplans.followups.rules import Window, follow_up_window
from actionplans.followups.sealing import grievance_cipher, open_texts
from actionplans.models import Action
from engagements.models import Engagement, Participant
from findings.models import ClosingMeeting
from reminders.sources import DueItem
from tenancy.access import engagements_for_user, get_engagement_for_user
from tenancy.roles import Capability, EngagementRole

# --- Follow-up interviews ------------------------------------------------------------------------------


def cohorts(engagement: Engagement) -> list[FollowUpCohort]:
    """The engagement's cohorts, newest arrival first, each with its rounds (two queries)."""
    return list(
        FollowUpCohort.objects.filter(engagement=engagement)
        .select_related("corridor")
        .prefetch_related(Prefetch("rounds", queryset=FollowUpRound.objects.select_related("done_by")))
    )


def get_round_for_user(user: Any, engagement_id: Any, round_id: Any, capability: Capability) -> tuple[Engagement, Any]:
    engagement = get_engagement_for_user(user, engagement_id, capability)
    found = FollowUpRound.objects.select_related("cohort").filter(cohort__engagement=engagement, pk=round_id).first()
    if found is None:
        raise Http404
    return engagement, found


def _lead_assessors(engagement_ids: set[Any]) -> dict[Any, tuple[int, ...]]:
    leads: dict[Any, list[int]] = {}
    rows = Participant.objects.filter(engagement_id__in=engagement_ids, role=EngagementRole.LEAD_ASSESSOR)
    for engagement_id, user_id in rows.order_by("user_id").values_list("engagement_id", "user_id"):
        leads.setdefault(engagement_id, []).append(user_id)
    return {key: tuple(value) for key, value in leads.items()}


def follow_up_rounds_due(today: date) -> Iterator[DueItem]:
    """The reminders source "follow_up_interviews_due": every round not done, due when its window closes, for the
    engagement's lead assessors. Two queries for all engagements."""
    del today  # every open round is yielded; the reminder rules decide how long before or after to send
    rounds = list(
        FollowUpRound.objects.filter(done_on__isnull=True)
        .select_related("cohort__engagement")
        .order_by("window_end", "pk")
    )
    leads = _lead_assessors({r.cohort.engagement_id for r in rounds})
    for r in rounds:
        engagement = r.cohort.engagement
        yield DueItem(
            event="follow_up_interviews_due",
            key=f"followup-round:{r.pk}",
            engagement_id=engagement.pk,
            due_date=r.window_end,
            recipient_ids=leads.get(engagement.pk, ()),
            title=f"Follow-up interviews ({r.get_kind_display()}) of {engagement.title}",
            url=reverse("followups:follow_ups", kwargs={"engagement_id": engagement.pk}),
        )


# --- The follow-up assessment --------------------------------------------------------------------------


def suggested_window(engagement: Engagement) -> Window | None:
    """6-12 months after the first assessment's closing meeting (or its end date)."""
    held_on = ClosingMeeting.objects.filter(engagement=engagement).values_list("held_on", flat=True).first()
    return follow_up_window(closing_meeting_on=held_on, first_ended_on=engagement.end_date)


def follow_ups_visible_to(user: Any, engagement: Engagement) -> QuerySet[Engagement]:
    """The follow-up assessments of ``engagement`` that the user may open (one query)."""
    return engagements_for_user(user).filter(follow_up_of=engagement).order_by("start_date", "created_at")


def first_assessment_visible_to(user: Any, engagement: Engagement) -> Engagement | None:
    if engagement.follow_up_of_id is None:
        return None
    return engagements_for_user(user).filter(pk=engagement.follow_up_of_id).first()


@dataclass(frozen=True)
class VerificationRow:
    verification: FindingVerification
    actions: list[Action]


def verification_rows(follow_up: Engagement) -> list[VerificationRow]:
    """Per carried-over finding: its verdict, and the actions of the first assessment's plan that answer it with
    their status (three queries)."""
    verifications = (
        FindingVerification.objects.filter(engagement=follow_up)
        .select_related("finding", "verified_by")
        .prefetch_related(Prefetch("finding__actions", queryset=Action.objects.order_by("number")))
    )
    return [VerificationRow(verification=v, actions=list(v.finding.actions.all())) for v in verifications]


def verification_summary(rows: list[VerificationRow]) -> list[tuple[str, str, int]]:
    """(status, label, how many), in the order of the verdicts."""
    counts = Counter(row.verification.status for row in rows)
    return [(status.value, status.label, counts.get(status.value, 0)) for status in VerificationStatus]


def get_verification_for_user(
    user: Any, engagement_id: Any, verification_id: Any, capability: Capability
) -> tuple[Engagement, FindingVerification]:
    engagement = get_engagement_for_user(user, engagement_id, capability)
    found = FindingVerification.objects.filter(engagement=engagement, pk=verification_id).first()
    if found is None:
        raise Http404
    return engagement, found


# --- The grievance and retaliation log -----------------------------------------------------------------


def grievance_cases(engagement: Engagement) -> QuerySet[GrievanceCase]:
    """The log as listed: no text, no reporter (those are on a case's own page)."""
    return GrievanceCase.objects.filter(engagement=engagement).defer("ciphertext")


def grievance_counts(cases: list[GrievanceCase]) -> dict[str, int]:
    return {
        "open": sum(1 for c in cases if c.is_open),
        "retaliation": sum(1 for c in cases if c.alleges_retaliation),
        "referred": sum(1 for c in cases if c.referred_to),
    }


def get_grievance_for_user(user: Any, engagement_id: Any, case_id: Any, capability: Capability) -> tuple[Any, Any]:
    engagement = get_engagement_for_user(user, engagement_id, capability)
    case = GrievanceCase.objects.select_related("recorded_by").filter(engagement=engagement, pk=case_id).first()
    if case is None:
        raise Http404
    case.engagement = engagement
    return engagement, case


def grievance_texts(case: GrievanceCase) -> dict[str, str]:
    """The case's description and outcome, decrypted (one key unwrap)."""
    return open_texts(case, grievance_cipher(case.engagement_id))
