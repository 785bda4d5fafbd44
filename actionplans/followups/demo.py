"""The demo's phase 7 follow-ups: two cohorts of newly recruited workers with their interview rounds (one
done), and one grievance case. Entirely fictional; idempotent (made once per engagement)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from actionplans.followups.models import FollowUpCohort, GrievanceCase, GrievanceStatus, RoundKind
from actionplans.followups.services import (
    follow_up_cohort_add,
    follow_up_round_done,
    grievance_record,
    grievance_update,
)
from engagements.models import Engagement


@transaction.atomic
def seed_demo_followups(engagement: Engagement, users: dict[str, Any]) -> None:
    lead = users["lead@demo.example"]
    today = timezone.localdate()
    if not FollowUpCohort.objects.filter(engagement=engagement).exists():
        corridors = list(engagement.corridors.all())
        first = follow_up_cohort_add(
            actor=lead,
            engagement=engagement,
            arrival_date=today - timedelta(days=45),
            workers=24,
            corridor=corridors[0] if corridors else None,
        )
        follow_up_cohort_add(
            actor=lead,
            engagement=engagement,
            arrival_date=today - timedelta(days=10),
            workers=12,
            corridor=corridors[-1] if corridors else None,
        )
        follow_up_round_done(
            actor=users["assessor@demo.example"],
            follow_up_round=first.rounds.get(kind=RoundKind.FIRST_MONTH),
            done_on=today - timedelta(days=20),
            interviewed=9,
        )
    if not GrievanceCase.objects.filter(engagement=engagement).exists():
        case = grievance_record(
            actor=users["assessor@demo.example"],
            engagement=engagement,
            received_on=today - timedelta(days=6),
            channel="follow_up_line",
            category="threats",
            alleges_retaliation=True,
            description=(
                "Fictional demo case. A caller to the follow-up line said a line supervisor told workers on "
                "the night shift that anyone who spoke to the assessors would lose overtime."
            ),
            reporter_name="Demo Caller (fictional)",
            reporter_phone="+00 000 000 0002",
        )
        grievance_update(
            actor=lead,
            case=case,
            status=GrievanceStatus.REFERRED,
            referred_to="Demo Legal Aid Centre (fictional civil-society partner)",
            referred_on=today - timedelta(days=4),
        )
