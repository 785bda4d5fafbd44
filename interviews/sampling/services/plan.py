"""Writes of the assessment plan: breaks and peak times, the agenda, the interview schedule (phase 3 step 5).

Interviews are held in working hours, never over a break or peak production the business
entered for the site ("Get shift, break and rest-day times; avoid peak production"), and no
interviewer or room is booked twice at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from audit.log import record
from interviews.sampling.models import (
    AgendaItem,
    AssessmentSite,
    InterviewFormat,
    InterviewSlot,
    SampledWorker,
    UnavailablePeriod,
)
from interviews.sampling.selectors import current_draw, selected_in, team

MAX_GROUP = 8


def _check_times(start: time, end: time) -> None:
    if start >= end:
        raise ValidationError({"end_time": _("The end must come after the start.")})


@transaction.atomic
def period_add(
    *, actor: Any, site: AssessmentSite, kind: str, day: date | None, start_time: time, end_time: time, note: str = ""
) -> UnavailablePeriod:
    _check_times(start_time, end_time)
    period = UnavailablePeriod(
        engagement=site.engagement,
        site=site,
        kind=kind,
        date=day,
        start_time=start_time,
        end_time=end_time,
        note=note,
        entered_by=actor,
    )
    period.full_clean()
    period.save()
    record(actor=actor, verb="plan.period_added", target=period, engagement=site.engagement)
    return period


@transaction.atomic
def period_delete(*, actor: Any, period: UnavailablePeriod) -> None:
    record(actor=actor, verb="plan.period_deleted", target=period, engagement=period.site.engagement)
    period.delete()


@transaction.atomic
def agenda_item_add(
    *,
    actor: Any,
    site: AssessmentSite,
    activity: str,
    day: date,
    start_time: time,
    end_time: time,
    place: str,
    note: str = "",
) -> AgendaItem:
    _check_times(start_time, end_time)
    item = AgendaItem(
        engagement=site.engagement,
        site=site,
        activity=activity,
        date=day,
        start_time=start_time,
        end_time=end_time,
        place=place,
        note=note,
    )
    item.full_clean()
    item.save()
    record(actor=actor, verb="plan.agenda_item_added", target=item, engagement=site.engagement)
    return item


@transaction.atomic
def agenda_item_delete(*, actor: Any, item: AgendaItem) -> None:
    record(actor=actor, verb="plan.agenda_item_deleted", target=item, engagement=item.site.engagement)
    item.delete()


def _overlapping(queryset: Any, start: time, end: time) -> Any:
    return queryset.filter(start_time__lt=end, end_time__gt=start)


def period_conflict(site: AssessmentSite, day: date, start: time, end: time) -> UnavailablePeriod | None:
    periods = UnavailablePeriod.objects.filter(site=site).filter(Q(date__isnull=True) | Q(date=day))
    return _overlapping(periods, start, end).order_by("start_time").first()


def _check_slot(
    site: AssessmentSite, day: date, start: time, end: time, room: str, interviewer: Any, exclude: Any = None
) -> None:
    """Refuse a slot over a break or peak time, or with an interviewer or room already taken."""
    _check_times(start, end)
    period = period_conflict(site, day, start, end)
    if period is not None:
        raise ValidationError(
            _(
                "This time overlaps %(kind)s from %(start)s to %(end)s entered for %(site)s: workers are not "
                "available then. Choose another time."
            )
            % {
                "kind": period.get_kind_display().lower(),
                "start": f"{period.start_time:%H:%M}",
                "end": f"{period.end_time:%H:%M}",
                "site": site.name,
            }
        )
    if not team(site.engagement).filter(user=interviewer).exists():
        raise ValidationError({"interviewer": _("Choose a member of the assessment team.")})
    slots = InterviewSlot.objects.filter(engagement=site.engagement, date=day).exclude(pk=exclude)
    busy = _overlapping(slots.filter(interviewer=interviewer), start, end).first()
    if busy is not None:
        raise ValidationError(
            {
                "interviewer": _("%(who)s already has an interview from %(start)s to %(end)s that day.")
                % {"who": interviewer, "start": f"{busy.start_time:%H:%M}", "end": f"{busy.end_time:%H:%M}"}
            }
        )
    if _overlapping(slots.filter(site=site, room__iexact=room.strip()), start, end).exists():
        raise ValidationError({"room": _("This room is already booked for an interview at that time.")})


def _respondents(site: AssessmentSite, positions: Sequence[int], interview_format: str) -> list[SampledWorker]:
    draw = current_draw(site)
    if draw is None:
        raise ValidationError(_("Draw the sample for this site before scheduling interviews."))
    if not positions:
        raise ValidationError({"positions": _("Give the list position of at least one sampled worker.")})
    if len(set(positions)) != len(positions):
        raise ValidationError({"positions": _("A list position is given twice.")})
    found = {s.row.position: s for s in selected_in(draw).filter(row__position__in=positions)}
    missing = [str(p) for p in positions if p not in found]
    if missing:
        raise ValidationError(
            {"positions": _("Not in this site's sample: %(positions)s.") % {"positions": ", ".join(missing)}}
        )
    taken = [str(p) for p in positions if found[p].slot_id is not None]
    if taken:
        raise ValidationError({"positions": _("Already scheduled: %(positions)s.") % {"positions": ", ".join(taken)}})
    if interview_format == InterviewFormat.INDIVIDUAL and len(positions) != 1:
        raise ValidationError({"positions": _("An individual interview is with one worker.")})
    if interview_format == InterviewFormat.GROUP and not 2 <= len(positions) <= MAX_GROUP:
        raise ValidationError({"positions": _("A group interview is with 2 to %(n)s workers.") % {"n": MAX_GROUP}})
    if len({found[p].row.is_supervisor for p in positions}) > 1:
        raise ValidationError(
            {"positions": _("Supervisors are interviewed apart from workers: do not put them in one group.")}
        )
    return [found[p] for p in positions]


@transaction.atomic
def slot_create(
    *,
    actor: Any,
    site: AssessmentSite,
    day: date,
    start_time: time,
    end_time: time,
    room: str,
    interviewer: Any,
    positions: Sequence[int],
    interview_format: str = InterviewFormat.INDIVIDUAL,
    shift: str = "",
) -> InterviewSlot:
    respondents = _respondents(site, positions, interview_format)
    _check_slot(site, day, start_time, end_time, room, interviewer)
    slot = InterviewSlot(
        engagement=site.engagement,
        site=site,
        date=day,
        start_time=start_time,
        end_time=end_time,
        room=room.strip(),
        shift=shift or respondents[0].row.shift,
        format=interview_format,
        interviewer=interviewer,
    )
    slot.full_clean()
    slot.save()
    SampledWorker.objects.filter(pk__in=[r.pk for r in respondents]).update(slot=slot)
    record(
        actor=actor,
        verb="plan.slot_created",
        target=slot,
        engagement=site.engagement,
        detail={"format": interview_format, "respondents": len(respondents)},
    )
    return slot


@transaction.atomic
def slot_delete(*, actor: Any, slot: InterviewSlot) -> None:
    record(actor=actor, verb="plan.slot_deleted", target=slot, engagement=slot.site.engagement)
    slot.delete()  # the sampled workers' slot goes back to empty (SET_NULL)


@dataclass(frozen=True)
class AutoScheduleResult:
    scheduled: int
    left_over: int


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment)


def _first_fit(
    start: datetime, end_of_day: datetime, length: timedelta, busy: list[tuple[datetime, datetime]]
) -> datetime | None:
    """The earliest start from ``start`` at which ``length`` fits before ``end_of_day`` outside every busy span."""
    moment = start
    while moment + length <= end_of_day:
        clash = [b for b in busy if b[0] < moment + length and moment < b[1]]
        if not clash:
            return moment
        moment = max(b[1] for b in clash)
    return None


@transaction.atomic
def schedule_auto(
    *,
    actor: Any,
    site: AssessmentSite,
    day: date,
    day_start: time,
    day_end: time,
    minutes: int,
    gap_minutes: int,
    rooms: Sequence[str],
    interviewers: Sequence[Any],
) -> AutoScheduleResult:
    """Give every unscheduled worker of the site's current sample an individual interview that day.

    Workers are taken in list order, then supervisors; each gets the earliest start at which one of
    the interviewers and one of the rooms (tried in the order given) are both free, clear of the
    site's breaks and peak times. Each slot then passes the same checks as one made by hand.
    """
    _check_times(day_start, day_end)
    rooms = [r.strip() for r in rooms if r.strip()]
    if not rooms or not interviewers:
        raise ValidationError(_("Give at least one room and one interviewer."))
    draw = current_draw(site)
    if draw is None:
        raise ValidationError(_("Draw the sample for this site before scheduling interviews."))
    waiting = sorted(selected_in(draw).filter(slot__isnull=True), key=lambda s: (s.row.is_supervisor, s.row.position))
    length, gap = timedelta(minutes=minutes), timedelta(minutes=gap_minutes)
    periods = UnavailablePeriod.objects.filter(site=site).filter(Q(date__isnull=True) | Q(date=day))
    blocked = [(_at(day, p.start_time), _at(day, p.end_time)) for p in periods]
    day_slots = list(InterviewSlot.objects.filter(engagement=site.engagement, date=day))
    by_interviewer = {
        i.pk: [(_at(day, s.start_time), _at(day, s.end_time) + gap) for s in day_slots if s.interviewer_id == i.pk]
        for i in interviewers
    }
    by_room = {
        r.casefold(): [
            (_at(day, s.start_time), _at(day, s.end_time) + gap)
            for s in day_slots
            if s.site_id == site.pk and s.room.casefold() == r.casefold()
        ]
        for r in rooms
    }
    scheduled = 0
    for sampled in waiting:
        options = []
        for i_index, interviewer in enumerate(interviewers):
            for r_index, room in enumerate(rooms):
                busy = blocked + by_interviewer[interviewer.pk] + by_room[room.casefold()]
                fit = _first_fit(_at(day, day_start), _at(day, day_end), length, busy)
                if fit is not None:
                    options.append((fit, i_index, r_index, interviewer, room))
        if not options:
            break
        fit, _i, _r, interviewer, room = min(options, key=lambda o: o[:3])
        slot_create(
            actor=actor,
            site=site,
            day=day,
            start_time=fit.time(),
            end_time=(fit + length).time(),
            room=room,
            interviewer=interviewer,
            positions=[sampled.row.position],
        )
        by_interviewer[interviewer.pk].append((fit, fit + length + gap))
        by_room[room.casefold()].append((fit, fit + length + gap))
        scheduled += 1
    return AutoScheduleResult(scheduled=scheduled, left_over=len(waiting) - scheduled)
