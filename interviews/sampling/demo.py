"""The demo's sample and assessment plan: one processing plant, its list of the day, a draw, a schedule.

Entirely fictional. The attendance list is built with name and employee-number columns, as real
lists have, to show that the import drops them.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from engagements.models import Engagement
from interviews.sampling.models import Activity, AssessmentSite, PeriodKind
from interviews.sampling.services import plan, sample

SITE = "Processing plant 1"
DEMO_SEED = 20261103

# (nationality, recruiter, share of the workforce)
ORIGINS = [
    ("Myanmar", "Recruiter in Yangon", 0.6),
    ("Cambodia", "Recruiter in Phnom Penh", 0.3),
    ("Thailand", "Direct hire", 0.1),
]
DEPARTMENTS = ["Peeling", "Grading", "Packing", "Cold store"]
HEADER = ["No.", "Name", "Employee no.", "Nationality", "Gender", "Recruiter", "Department", "Shift", "Contract type"]
HEADER.append("Supervisor")


def _attendance_csv(workers: int, supervisors: int) -> bytes:
    rng = random.Random(2026)  # noqa: S311 - fictional data, reproducible
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for n in range(1, workers + supervisors + 1):
        nationality, recruiter, _share = rng.choices(ORIGINS, weights=[o[2] for o in ORIGINS])[0]
        writer.writerow(
            [
                n,
                f"Example Worker {n:03d}",
                f"DEMO-{n:04d}",
                nationality,
                rng.choice(["Woman", "Woman", "Man"]),
                recruiter,
                rng.choice(DEPARTMENTS),
                rng.choice(["Day", "Day", "Night"]),
                "Agency" if recruiter != "Direct hire" and rng.random() < 0.3 else "Direct",
                "yes" if n % ((workers + supervisors) // supervisors) == 0 else "no",
            ]
        )
    return out.getvalue().encode()


@transaction.atomic
def seed_demo_sampling(engagement: Engagement, users: dict[str, Any]) -> None:
    """Fill the demo's sample and plan once; running it again changes nothing."""
    if AssessmentSite.objects.filter(engagement=engagement, name=SITE).exists():
        return
    lead = users["lead@demo.example"]
    business = users["business@demo.example"]
    today = timezone.localdate()
    sample.sampling_settings_set(
        actor=lead,
        engagement=engagement,
        oversample_percent=20,
        min_per_stratum=1,
        strata=["nationality", "gender", "recruiter", "shift"],
        supervisors_per_site=2,
    )
    site = sample.site_create(actor=lead, engagement=engagement, name=SITE, workers_on_site=412)
    for kind, start, end, note in [
        (PeriodKind.PEAK, time(6, 30), time(9, 0), "Morning catch arrives: all hands on peeling"),
        (PeriodKind.BREAK, time(10, 30), time(10, 45), ""),
        (PeriodKind.MEAL, time(12, 0), time(13, 0), "Canteen"),
        (PeriodKind.BREAK, time(15, 0), time(15, 15), ""),
        (PeriodKind.SHIFT_CHANGE, time(18, 0), time(18, 30), "Day shift hands over to night shift"),
    ]:
        plan.period_add(actor=business, site=site, kind=kind, day=None, start_time=start, end_time=end, note=note)
    agenda = [
        (Activity.OPENING, 0, time(7, 30), time(8, 0), "Meeting room, administration building"),
        (Activity.SITE_TOUR, 0, time(8, 0), time(9, 0), "Production floor, dormitories, canteen"),
        (Activity.WORKERS, 0, time(9, 0), time(17, 30), "Training rooms A and B (chosen by workers)"),
        (Activity.MANAGEMENT, 0, time(13, 0), time(14, 30), "HR office"),
        (Activity.DOCUMENTS, 1, time(8, 0), time(12, 0), "HR office: files of sampled workers"),
        (Activity.WORKERS, 1, time(9, 0), time(16, 0), "Training rooms A and B"),
        (Activity.CLOSING, 1, time(16, 30), time(17, 30), "Meeting room, administration building"),
    ]
    for activity, offset, start, end, place in agenda:
        plan.agenda_item_add(
            actor=lead,
            site=site,
            activity=activity,
            day=today + timedelta(days=offset),
            start_time=start,
            end_time=end,
            place=place,
        )
    attendance = sample.attendance_list_import(
        actor=lead, site=site, content=_attendance_csv(400, 12), filename="attendance-plant-1.csv", list_date=today
    )
    sample.sample_draw(actor=lead, attendance_list=attendance, seed=DEMO_SEED)
    team = [users["interviewer@demo.example"], users["assessor@demo.example"]]
    for offset, interviewers in ((0, team), (1, [*team, lead])):
        plan.schedule_auto(
            actor=lead,
            site=site,
            day=today + timedelta(days=offset),
            day_start=time(9, 0),
            day_end=time(17, 0),
            minutes=40,
            gap_minutes=5,
            rooms=["Training room A", "Training room B", "Training room C"],
            interviewers=interviewers,
        )
