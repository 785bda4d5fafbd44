"""The interview schedule: never over a break or peak time, never an interviewer or a room booked twice."""

from __future__ import annotations

from datetime import date, datetime, time
from itertools import combinations
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from interviews.sampling.models import InterviewSlot, PeriodKind, SampledWorker
from interviews.sampling.services import plan
from tests.conftest import World
from tests.interviews.test_sampling import positions, site_with_draw

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 3)


def _slot(world: World, site: Any, start: time, end: time, position: int, **kwargs: Any) -> InterviewSlot:
    arguments = {
        "actor": world.user("lead"),
        "site": site,
        "day": DAY,
        "start_time": start,
        "end_time": end,
        "room": "Room A",
        "interviewer": world.user("interviewer"),
        "positions": [position],
        **kwargs,
    }
    return plan.slot_create(**arguments)


def _lunch(world: World, site: Any, day: date | None = None) -> None:
    plan.period_add(
        actor=world.user("business"),
        site=site,
        kind=PeriodKind.MEAL,
        day=day,
        start_time=time(12, 0),
        end_time=time(13, 0),
    )


def test_a_slot_overlapping_a_break_is_refused_with_a_clear_message(world: World) -> None:
    site, result = site_with_draw(world)
    _lunch(world, site)
    first = positions(result, supervisors=False)[0]
    with pytest.raises(ValidationError) as refused:
        _slot(world, site, time(11, 30), time(12, 15), first)
    assert "meal break from 12:00 to 13:00" in " ".join(refused.value.messages)
    assert not InterviewSlot.objects.exists()
    _slot(world, site, time(11, 0), time(12, 0), first)  # ending as the break starts is fine


def test_a_dated_peak_time_only_blocks_its_own_day(world: World) -> None:
    site, result = site_with_draw(world)
    plan.period_add(
        actor=world.user("business"),
        site=site,
        kind=PeriodKind.PEAK,
        day=date(2026, 11, 4),
        start_time=time(8, 0),
        end_time=time(10, 0),
    )
    _slot(world, site, time(8, 0), time(8, 45), positions(result, supervisors=False)[0])
    with pytest.raises(ValidationError, match="peak production"):
        _slot(world, site, time(8, 0), time(8, 45), positions(result, supervisors=False)[1], day=date(2026, 11, 4))


def test_an_interviewer_booked_twice_at_once_is_refused(world: World) -> None:
    site, result = site_with_draw(world)
    first, second = positions(result, supervisors=False)[:2]
    _slot(world, site, time(9, 0), time(9, 45), first)
    with pytest.raises(ValidationError) as refused:
        _slot(world, site, time(9, 30), time(10, 15), second, room="Room B")
    assert "already has an interview from 09:00 to 09:45" in " ".join(refused.value.messages)
    _slot(world, site, time(9, 30), time(10, 15), second, room="Room B", interviewer=world.user("assessor"))


def test_a_room_booked_twice_at_once_is_refused(world: World) -> None:
    site, result = site_with_draw(world)
    first, second = positions(result, supervisors=False)[:2]
    _slot(world, site, time(9, 0), time(9, 45), first)
    with pytest.raises(ValidationError, match="room is already booked"):
        _slot(world, site, time(9, 0), time(9, 45), second, room="room a", interviewer=world.user("assessor"))


def test_supervisors_are_never_put_in_a_group_with_workers(world: World) -> None:
    site, result = site_with_draw(world)
    worker, other = positions(result, supervisors=False)[:2]
    boss = positions(result, supervisors=True)[0]
    with pytest.raises(ValidationError, match="apart from workers"):
        _slot(world, site, time(9, 0), time(9, 45), worker, positions=[worker, boss], interview_format="group")
    slot = _slot(world, site, time(9, 0), time(9, 45), worker, positions=[worker, other], interview_format="group")
    assert slot.respondents.count() == 2


def test_only_sampled_unscheduled_workers_and_team_members_can_be_scheduled(world: World) -> None:
    site, result = site_with_draw(world)
    sampled = positions(result)
    outside = next(p for p in range(1, 65) if p not in sampled)
    with pytest.raises(ValidationError, match="Not in this site's sample"):
        _slot(world, site, time(9, 0), time(9, 45), outside)
    with pytest.raises(ValidationError, match="member of the assessment team"):
        _slot(world, site, time(9, 0), time(9, 45), sampled[0], interviewer=world.user("business"))
    with pytest.raises(ValidationError, match="individual interview is with one worker"):
        _slot(world, site, time(9, 0), time(9, 45), sampled[0], positions=sampled[:2])
    _slot(world, site, time(9, 0), time(9, 45), sampled[0])
    with pytest.raises(ValidationError, match="Already scheduled"):
        _slot(world, site, time(10, 0), time(10, 45), sampled[0], room="Room B")


def _spans_overlap(a: InterviewSlot, b: InterviewSlot) -> bool:
    return a.date == b.date and a.start_time < b.end_time and b.start_time < a.end_time


def test_auto_schedule_avoids_breaks_and_double_bookings(world: World) -> None:
    site, result = site_with_draw(world, workers=60, supervisors=4)
    _lunch(world, site)
    plan.period_add(
        actor=world.user("business"),
        site=site,
        kind=PeriodKind.BREAK,
        day=DAY,
        start_time=time(10, 0),
        end_time=time(10, 15),
    )
    # The interviewer already has an interview at another site of the engagement at 9:00.
    other_site, _other = site_with_draw_elsewhere(world)
    _slot(world, other_site, time(9, 0), time(9, 45), positions(_other, supervisors=False)[0], room="Office")

    outcome = plan.schedule_auto(
        actor=world.user("lead"),
        site=site,
        day=DAY,
        day_start=time(8, 0),
        day_end=time(19, 0),
        minutes=40,
        gap_minutes=5,
        rooms=["Room A", "Room B"],
        interviewers=[world.user("interviewer"), world.user("assessor")],
    )
    sampled = SampledWorker.objects.filter(draw=result)
    assert outcome.scheduled == sampled.count() > 12  # 10 from the table, +20%, strata minimums, two supervisors
    assert outcome.left_over == 0
    assert not sampled.filter(slot__isnull=True).exists()

    slots = list(InterviewSlot.objects.filter(date=DAY))
    for slot in slots:
        assert plan.period_conflict(slot.site, slot.date, slot.start_time, slot.end_time) is None
        assert time(8, 0) <= slot.start_time and slot.end_time <= time(19, 0)
    for a, b in combinations(slots, 2):
        if _spans_overlap(a, b):
            assert a.interviewer_id != b.interviewer_id
            assert not (a.site_id == b.site_id and a.room.casefold() == b.room.casefold())
    # Supervisors come last, each alone.
    last = max(slots, key=lambda s: (s.start_time, s.room))
    assert last.respondents.get().row.is_supervisor


def test_auto_schedule_reports_who_did_not_fit_the_day(world: World) -> None:
    site, result = site_with_draw(world, workers=60, supervisors=0)
    outcome = plan.schedule_auto(
        actor=world.user("lead"),
        site=site,
        day=DAY,
        day_start=time(9, 0),
        day_end=time(11, 0),
        minutes=45,
        gap_minutes=15,
        rooms=["Room A"],
        interviewers=[world.user("interviewer")],
    )
    assert outcome.scheduled == 2  # 9:00 and 10:00
    assert outcome.left_over == SampledWorker.objects.filter(draw=result).count() - 2
    starts = sorted(datetime.combine(DAY, s.start_time) for s in InterviewSlot.objects.all())
    assert [s.time() for s in starts] == [time(9, 0), time(10, 0)]


def site_with_draw_elsewhere(world: World) -> tuple[Any, Any]:
    from interviews.sampling.services import sample

    site = sample.site_create(
        actor=world.user("lead"), engagement=world.engagement, name="Dormitory", workers_on_site=None
    )
    attendance = sample.attendance_list_import(
        actor=world.user("lead"),
        site=site,
        content=b"Nationality,Gender\nMyanmar,Woman\nCambodia,Man\n",
        filename="d.csv",
        list_date=DAY,
    )
    return site, sample.sample_draw(actor=world.user("lead"), attendance_list=attendance, seed=1)


def test_the_plan_page_does_not_issue_a_query_per_slot(world: World, client_for: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    site, result = site_with_draw(world)
    client = client_for("lead")
    url = reverse("sampling:plan", args=[world.engagement.pk])
    sampled = positions(result, supervisors=False)
    _slot(world, site, time(9, 0), time(9, 30), sampled[0])
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    one = count()
    for n, position in enumerate(sampled[1:8], start=1):
        _slot(world, site, time(9 + n, 0), time(9 + n, 30), position)
    assert count() == one


def test_the_interviewer_sees_the_schedule_and_cannot_change_it(world: World, client_for: Any) -> None:
    site, result = site_with_draw(world)
    slot = _slot(world, site, time(9, 0), time(9, 45), positions(result, supervisors=False)[0])
    client = client_for("interviewer")
    page = client.get(reverse("sampling:plan", args=[world.engagement.pk])).content.decode()
    assert "Room A" in page and reverse("sampling:slot_delete", args=[world.engagement.pk, slot.pk]) not in page
    assert client.post(reverse("sampling:slot_delete", args=[world.engagement.pk, slot.pk])).status_code == 403
