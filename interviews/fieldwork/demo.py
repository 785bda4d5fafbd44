"""The demo interviewer's day: interviews on today's schedule, one of them a group interview.

The sampling demo schedules its sample on the day the demo is first built; on a later ``make run``
the interviewer's slots of the last scheduled day move to today, so the day page is never empty.
Everything goes through the planning services (audited, checked against breaks and double bookings).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from engagements.models import Engagement
from interviews.fieldwork.models import SlotProgress
from interviews.sampling.models import InterviewFormat, InterviewSlot, SampledWorker
from interviews.sampling.services import plan

INTERVIEWER = "interviewer@demo.example"
MOVED_PER_DAY = 8


def _positions(slot: InterviewSlot) -> list[int]:
    return list(
        SampledWorker.objects.filter(slot=slot).order_by("row__position").values_list("row__position", flat=True)
    )


def _untouched(slots: Any) -> Any:
    return slots.exclude(pk__in=SlotProgress.objects.filter(interviews__gt=0).values("slot_id"))


def _move_to_today(lead: Any, interviewer: Any, engagement: Engagement, today: date) -> None:
    earlier = _untouched(InterviewSlot.objects.filter(engagement=engagement, interviewer=interviewer, date__lt=today))
    last_day = earlier.order_by("-date").values_list("date", flat=True).first()
    if last_day is None:
        return
    for slot in list(earlier.filter(date=last_day).select_related("site").order_by("start_time")[:MOVED_PER_DAY]):
        positions, kept = _positions(slot), (slot.site, slot.start_time, slot.end_time, slot.room, slot.format)
        try:
            with transaction.atomic():
                plan.slot_delete(actor=lead, slot=slot)
                site, start, end, room, interview_format = kept
                plan.slot_create(
                    actor=lead,
                    site=site,
                    day=today,
                    start_time=start,
                    end_time=end,
                    room=room,
                    interviewer=interviewer,
                    positions=positions,
                    interview_format=interview_format,
                )
        except ValidationError:
            continue  # a clash with something planned today: leave that one where it was


def _one_group_slot(lead: Any, interviewer: Any, engagement: Engagement, today: date) -> None:
    today_slots = InterviewSlot.objects.filter(engagement=engagement, interviewer=interviewer, date=today)
    if today_slots.filter(format=InterviewFormat.GROUP).exists():
        return
    # Supervisors are interviewed apart from workers: a group is made of workers only.
    workers = today_slots.filter(format=InterviewFormat.INDIVIDUAL).exclude(respondents__row__is_supervisor=True)
    individual = list(_untouched(workers).select_related("site"))
    individual.sort(key=lambda s: s.start_time)
    if len(individual) < 4:
        return
    first, second = individual[-2], individual[-1]
    positions = _positions(first) + _positions(second)
    try:
        with transaction.atomic():
            plan.slot_delete(actor=lead, slot=first)
            plan.slot_delete(actor=lead, slot=second)
            plan.slot_create(
                actor=lead,
                site=first.site,
                day=today,
                start_time=first.start_time,
                end_time=first.end_time,
                room=first.room,
                interviewer=interviewer,
                positions=positions,
                interview_format=InterviewFormat.GROUP,
            )
    except ValidationError:
        return


def seed_demo_fieldwork(engagement: Engagement, users: dict[str, Any]) -> None:
    """Idempotent: today's slots exist once, one of them a group interview."""
    interviewer = users.get(INTERVIEWER)
    lead = users.get("lead@demo.example")
    if interviewer is None or lead is None:
        return
    today = timezone.localdate()
    if not InterviewSlot.objects.filter(engagement=engagement, interviewer=interviewer, date=today).exists():
        _move_to_today(lead, interviewer, engagement, today)
    _one_group_slot(lead, interviewer, engagement, today)
