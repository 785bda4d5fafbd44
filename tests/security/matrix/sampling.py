"""Rows for the worker interview sample and the assessment plan.

Only the assessment team sees the sample and the schedule (VIEW_SAMPLE); only the lead draws and
plans (MANAGE_SAMPLE). The business enters its breaks and peak times (ANSWER_SURVEY) and never
sees who was selected.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from interviews.sampling.models import (
    AgendaItem,
    AssessmentSite,
    AttendanceList,
    InterviewSlot,
    PeriodKind,
    SampleDraw,
    SampledWorker,
    UnavailablePeriod,
)
from interviews.sampling.services import plan, sample
from tests.conftest import World
from tests.security.matrix.common import Row, e_kw, engagement_rule

TEAM = ("lead", "assessor", "interviewer")
DAY = date(2026, 11, 3)
LIST = b"No.,Name,Nationality,Gender,Supervisor\n" + b"".join(
    f"{n},Matrix Person {n},{'Myanmar' if n % 2 else 'Cambodia'},Woman,{'yes' if n > 18 else 'no'}\n".encode()
    for n in range(1, 21)
)


def _site(w: World) -> AssessmentSite:
    return AssessmentSite.objects.get(engagement=w.engagement, name="Matrix Site")


def site_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "site_id": _site(w).pk}


def list_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "list_id": AttendanceList.objects.get(engagement=w.engagement).pk}


def draw_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "draw_id": SampleDraw.objects.get(engagement=w.engagement).pk}


def period_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "period_id": UnavailablePeriod.objects.get(site=_site(w)).pk}


def agenda_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "item_id": AgendaItem.objects.get(site=_site(w)).pk}


def slot_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "slot_id": InterviewSlot.objects.get(site=_site(w)).pk}


def _unscheduled_position(w: World) -> int:
    waiting = SampledWorker.objects.filter(draw__engagement=w.engagement, slot__isnull=True, row__is_supervisor=False)
    return waiting.order_by("row__position").values_list("row__position", flat=True).first()


ROWS: dict[str, Row] = {
    "sampling:sample": Row({"GET": engagement_rule(*TEAM)}, kwargs=e_kw),
    "sampling:settings": Row(
        {"GET": engagement_rule("lead"), "POST": engagement_rule("lead")},
        kwargs=e_kw,
        data=lambda w: {
            "oversample_percent": "25",
            "min_per_stratum": "1",
            "strata": ["nationality", "gender"],
            "supervisors_per_site": "2",
            "band-TOTAL_FORMS": "0",
            "band-INITIAL_FORMS": "0",
        },
    ),
    "sampling:site_new": Row(
        {"GET": engagement_rule("lead"), "POST": engagement_rule("lead")},
        kwargs=e_kw,
        data=lambda w: {"name": "Matrix Site Two", "workers_on_site": "150"},
    ),
    "sampling:site_edit": Row(
        {"GET": engagement_rule("lead"), "POST": engagement_rule("lead")},
        kwargs=site_kw,
        data=lambda w: {"name": "Matrix Site", "workers_on_site": "90"},
    ),
    "sampling:list_upload": Row(
        {"GET": engagement_rule("lead"), "POST": engagement_rule("lead")},
        kwargs=site_kw,
        data=lambda w: {"list_date": "2026-11-03", "file": SimpleUploadedFile("list.csv", LIST, "text/csv")},
    ),
    "sampling:list_detail": Row({"GET": engagement_rule(*TEAM)}, kwargs=list_kw),
    "sampling:draw_create": Row({"POST": engagement_rule("lead")}, kwargs=list_kw, data=lambda w: {"seed": "31"}),
    "sampling:draw_detail": Row({"GET": engagement_rule(*TEAM)}, kwargs=draw_kw),
    "sampling:plan": Row({"GET": engagement_rule(*TEAM)}, kwargs=e_kw),
    # The business enters its own breaks and peak times; the assessors see them on the plan.
    "sampling:periods": Row(
        {"GET": engagement_rule("lead", "business"), "POST": engagement_rule("lead", "business")},
        kwargs=e_kw,
        data=lambda w: {"site": _site(w).pk, "kind": "peak", "start_time": "07:00", "end_time": "08:30"},
    ),
    "sampling:period_delete": Row({"POST": engagement_rule("lead", "business")}, kwargs=period_kw),
    "sampling:agenda_add": Row(
        {"GET": engagement_rule("lead"), "POST": engagement_rule("lead")},
        kwargs=site_kw,
        data=lambda w: {
            "activity": "site_tour",
            "date": "2026-11-03",
            "start_time": "08:00",
            "end_time": "09:00",
            "place": "Production floor",
        },
    ),
    "sampling:agenda_delete": Row({"POST": engagement_rule("lead")}, kwargs=agenda_kw),
    "sampling:slot_add": Row(
        {"GET": engagement_rule("lead"), "POST": engagement_rule("lead")},
        kwargs=site_kw,
        data=lambda w: {
            "positions": str(_unscheduled_position(w)),
            "format": "individual",
            "date": "2026-11-03",
            "start_time": "14:00",
            "end_time": "14:45",
            "room": "Room B",
            "interviewer": w.user("assessor").pk,
        },
    ),
    "sampling:slot_delete": Row({"POST": engagement_rule("lead")}, kwargs=slot_kw),
    "sampling:auto_schedule": Row(
        {"GET": engagement_rule("lead"), "POST": engagement_rule("lead")},
        kwargs=site_kw,
        data=lambda w: {
            "date": "2026-11-04",
            "day_start": "09:00",
            "day_end": "17:00",
            "minutes": "45",
            "gap_minutes": "10",
            "rooms": "Room A, Room B",
            "interviewers": [w.user("interviewer").pk],
        },
    ),
}


def prepare(world: World) -> None:
    """A site with its list, a draw, a lunch break, an agenda line and one interview."""
    lead = world.user("lead")
    site = sample.site_create(actor=lead, engagement=world.engagement, name="Matrix Site", workers_on_site=None)
    attendance = sample.attendance_list_import(actor=lead, site=site, content=LIST, filename="l.csv", list_date=DAY)
    result = sample.sample_draw(actor=lead, attendance_list=attendance, seed=11)
    plan.period_add(
        actor=world.user("business"),
        site=site,
        kind=PeriodKind.MEAL,
        day=None,
        start_time=time(12, 0),
        end_time=time(13, 0),
    )
    plan.agenda_item_add(
        actor=lead,
        site=site,
        activity="opening_meeting",
        day=DAY,
        start_time=time(7, 30),
        end_time=time(8, 0),
        place="Meeting room",
    )
    first = SampledWorker.objects.filter(draw=result, row__is_supervisor=False).order_by("row__position").first()
    plan.slot_create(
        actor=lead,
        site=site,
        day=DAY,
        start_time=time(9, 0),
        end_time=time(9, 45),
        room="Room A",
        interviewer=world.user("interviewer"),
        positions=[first.row.position],
    )
