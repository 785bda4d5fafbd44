"""Feedback on the shared report, and the formal closing meeting (phase 5 steps 1.5 and 2)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from engagements.views.helpers import show_validation_error
from findings import selectors
from findings.forms import AttendeeFormSet, ClosingMeetingForm, FeedbackForm, UrgentActionFormSet
from findings.selectors.closing import action_plan_days
from findings.services.closing import closing_meeting_record, feedback_give
from findings.views.common import phase_page
from mapping_platform.forms import row_lists, rows_of
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability

CLOSING_TITLE = gettext_lazy("Closing meeting")
FEEDBACK_TITLE = gettext_lazy("Feedback on the report")
LISTS = (("attendees", AttendeeFormSet), ("urgent_actions", UrgentActionFormSet))


@login_required
@require_GET
def closing(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_FINDINGS)
    return phase_page(
        request,
        "findings/closing.html",
        engagement,
        CLOSING_TITLE,
        meeting=selectors.closing_meeting(engagement),
        due=selectors.action_plan_due(engagement),
        days=action_plan_days(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def closing_edit(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.RECORD_MEETINGS)
    meeting = selectors.closing_meeting(engagement)
    data = request.POST or None
    form = ClosingMeetingForm(data, instance=meeting)
    lists = row_lists(LISTS, data, meeting)
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in lists.values()):
        try:
            closing_meeting_record(
                actor=request.user,
                engagement=engagement,
                **form.cleaned_data,
                **{name: rows_of(formset) for name, formset in lists.items()},
            )
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Closing meeting saved."))
            return redirect("findings:closing", engagement.pk)
    return phase_page(
        request, "findings/closing_form.html", engagement, _("Record the closing meeting"), form=form, **lists
    )


@login_required
@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.COMMENT_ON_FINDINGS)
    shared = selectors.shared_reports(engagement)
    form = FeedbackForm(request.POST or None, shared=shared)
    if request.method == "POST" and form.is_valid():
        try:
            feedback_give(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Feedback recorded."))
            return redirect("findings:feedback", engagement.pk)
    entries = list(selectors.feedback_for(engagement, engagement.capabilities))
    by_stakeholder: dict[str, list[Any]] = {}
    for entry in entries:
        by_stakeholder.setdefault(entry.stakeholder, []).append(entry)
    return phase_page(
        request,
        "findings/feedback.html",
        engagement,
        FEEDBACK_TITLE,
        form=form,
        by_stakeholder=sorted(by_stakeholder.items(), key=lambda item: item[0].casefold()),
        shared=list(shared),
        side=selectors.side_of(engagement.capabilities),
    )
