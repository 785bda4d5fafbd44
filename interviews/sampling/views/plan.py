"""Pages of the assessment plan (phase 3 step 5): agenda, breaks and peak times, interview schedule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engagements.views.helpers import show_validation_error
from interviews.sampling import selectors
from interviews.sampling.forms import AgendaForm, AutoScheduleForm, PeriodForm, SlotForm
from interviews.sampling.models import (
    AgendaItem,
    AssessmentSite,
    InterviewSlot,
    SampledWorker,
    UnavailablePeriod,
)
from interviews.sampling.services import plan as services
from interviews.sampling.views.common import phase_page
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability

PLAN_TITLE = gettext_lazy("Assessment plan and interview schedule")


def _overlaps(slot: InterviewSlot, periods: list[UnavailablePeriod]) -> bool:
    return any(
        (p.date is None or p.date == slot.date) and p.start_time < slot.end_time and slot.start_time < p.end_time
        for p in periods
    )


@login_required
@require_GET
def plan(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_SAMPLE)
    slots = InterviewSlot.objects.select_related("interviewer").prefetch_related(
        Prefetch("respondents", queryset=SampledWorker.objects.select_related("row"))
    )
    sites = AssessmentSite.objects.filter(engagement=engagement).prefetch_related(
        "agenda_items", "unavailable_periods", Prefetch("interview_slots", queryset=slots)
    )
    waiting = selectors.unscheduled_by_site(engagement)
    rows = []
    for site in sites:
        periods = list(site.unavailable_periods.all())
        rows.append(
            {
                "site": site,
                "agenda": site.agenda_items.all(),
                "periods": periods,
                "slots": [(s, _overlaps(s, periods)) for s in site.interview_slots.all()],
                "waiting": waiting.get(site.pk, 0),
            }
        )
    return phase_page(request, "sampling/plan.html", engagement, PLAN_TITLE, rows=rows)


@login_required
@require_http_methods(["GET", "POST"])
def periods(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    """Breaks and peak times: entered by the business (ANSWER_SURVEY), which sees nothing of the sample here."""
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.ANSWER_SURVEY)
    sites = AssessmentSite.objects.filter(engagement=engagement)
    form = PeriodForm(request.POST or None, sites=sites)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.period_add(
                actor=request.user,
                site=data["site"],
                kind=data["kind"],
                day=data["date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                note=data["note"],
            )
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Time saved: no interview will be scheduled then."))
            return redirect("sampling:periods", engagement.pk)
    entered = UnavailablePeriod.objects.filter(engagement=engagement).select_related("site")
    return phase_page(
        request, "sampling/periods.html", engagement, _("Breaks and peak times"), form=form, periods=entered
    )


@login_required
@require_POST
def period_delete(request: HttpRequest, engagement_id: UUID, period_id: UUID) -> HttpResponse:
    engagement, period = get_in_engagement_for_user(
        request.user,
        UnavailablePeriod.objects.select_related("site"),
        engagement_id,
        period_id,
        Capability.ANSWER_SURVEY,
    )
    services.period_delete(actor=request.user, period=period)
    messages.success(request, _("Time removed."))
    return redirect("sampling:periods", engagement.pk)


def _renamed(data: dict[str, Any], **names: str) -> dict[str, Any]:
    """The form's cleaned data with the fields named in ``names`` renamed to the service's arguments."""
    return {names.get(key, key): value for key, value in data.items()}


def _add_to_site(
    request: HttpRequest,
    engagement_id: UUID,
    site_id: UUID,
    make_form: Callable[[Any, Any], Any],
    save: Callable[[Any, AssessmentSite, dict[str, Any]], Any],
    done: str,
    title: str,
) -> HttpResponse:
    """A page that adds one entry to a site's plan: the form, the service that saves it, back to the plan.

    ``make_form(data, engagement)`` builds the form; ``save(actor, site, cleaned_data)`` calls the service.
    """
    engagement, site = get_in_engagement_for_user(
        request.user, AssessmentSite.objects.all(), engagement_id, site_id, Capability.MANAGE_SAMPLE
    )
    form = make_form(request.POST or None, engagement)
    if request.method == "POST" and form.is_valid():
        try:
            save(request.user, site, form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, done)
            return redirect("sampling:plan", engagement.pk)
    back = reverse("sampling:plan", args=[engagement.pk])
    return phase_page(request, "sampling/form.html", engagement, title % {"site": site.name}, form=form, back=back)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_add(request: HttpRequest, engagement_id: UUID, site_id: UUID) -> HttpResponse:
    return _add_to_site(
        request,
        engagement_id,
        site_id,
        lambda data, _engagement: AgendaForm(data),
        lambda actor, site, data: services.agenda_item_add(actor=actor, site=site, **_renamed(data, date="day")),
        _("Added to the agenda."),
        _("Agenda of %(site)s"),
    )


@login_required
@require_POST
def agenda_delete(request: HttpRequest, engagement_id: UUID, item_id: UUID) -> HttpResponse:
    engagement, item = get_in_engagement_for_user(
        request.user, AgendaItem.objects.select_related("site"), engagement_id, item_id, Capability.MANAGE_SAMPLE
    )
    services.agenda_item_delete(actor=request.user, item=item)
    messages.success(request, _("Removed from the agenda."))
    return redirect("sampling:plan", engagement.pk)


@login_required
@require_http_methods(["GET", "POST"])
def slot_add(request: HttpRequest, engagement_id: UUID, site_id: UUID) -> HttpResponse:
    return _add_to_site(
        request,
        engagement_id,
        site_id,
        lambda data, engagement: SlotForm(data, interviewers=selectors.team_users(engagement)),
        lambda actor, site, data: services.slot_create(
            actor=actor, site=site, **_renamed(data, date="day", format="interview_format")
        ),
        _("Interview scheduled."),
        _("Schedule an interview at %(site)s"),
    )


@login_required
@require_POST
def slot_delete(request: HttpRequest, engagement_id: UUID, slot_id: UUID) -> HttpResponse:
    engagement, slot = get_in_engagement_for_user(
        request.user, InterviewSlot.objects.select_related("site"), engagement_id, slot_id, Capability.MANAGE_SAMPLE
    )
    services.slot_delete(actor=request.user, slot=slot)
    messages.success(request, _("Interview taken off the schedule."))
    return redirect("sampling:plan", engagement.pk)


@login_required
@require_http_methods(["GET", "POST"])
def auto_schedule(request: HttpRequest, engagement_id: UUID, site_id: UUID) -> HttpResponse:
    engagement, site = get_in_engagement_for_user(
        request.user, AssessmentSite.objects.all(), engagement_id, site_id, Capability.MANAGE_SAMPLE
    )
    form = AutoScheduleForm(request.POST or None, interviewers=selectors.team_users(engagement))
    if request.method == "POST" and form.is_valid():
        try:
            result = services.schedule_auto(actor=request.user, site=site, **_auto_arguments(form.cleaned_data))
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("%(n)s interviews scheduled.") % {"n": result.scheduled})
            if result.left_over:
                messages.warning(
                    request,
                    _("%(n)s sampled workers did not fit that day: add a room, an interviewer or another day.")
                    % {"n": result.left_over},
                )
            return redirect("sampling:plan", engagement.pk)
    return phase_page(
        request,
        "sampling/auto_schedule.html",
        engagement,
        _("Schedule the sample of %(site)s") % {"site": site.name},
        form=form,
        site=site,
    )


def _auto_arguments(data: dict) -> dict:
    return {
        "day": data["date"],
        "day_start": data["day_start"],
        "day_end": data["day_end"],
        "minutes": data["minutes"],
        "gap_minutes": data["gap_minutes"],
        "rooms": data["rooms"],
        "interviewers": list(data["interviewers"]),
    }
