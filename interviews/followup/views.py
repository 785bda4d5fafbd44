"""Pages of follow-up contact: the line given to workers, and the team's log of follow-up calls.

No page here shows a phone number: the team reaches one only through the vault's audited identity unlock.
"""

from __future__ import annotations

import copy
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from engagements.views.helpers import show_validation_error
from interviews.followup import selectors, services
from interviews.followup.forms import CallForm, FollowUpLineForm
from interviews.followup.models import CallOutcome
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability

PHASE = 4


def _page(request: HttpRequest, template: str, engagement: Any, title: str, **context: Any) -> HttpResponse:
    return render(request, template, {"engagement": engagement, "phase_number": PHASE, "page_title": title, **context})


@login_required
@require_GET
def follow_up(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_FOLLOW_UP)
    return _page(
        request,
        "followup/follow_up.html",
        engagement,
        _("Follow-up line and calls"),
        line=selectors.follow_up_line(engagement),
        respondents=selectors.follow_up_list(engagement),
    )


@login_required
@require_http_methods(["GET", "POST"])
def line_edit(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.MANAGE_FOLLOW_UP)
    line = selectors.follow_up_line(engagement)
    form = FollowUpLineForm(request.POST or None, instance=copy.copy(line))
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_line_set(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Follow-up line saved. Interviewers read it out at the end of each interview."))
            return redirect("followup:follow_up", engagement.pk)
    return _page(request, "followup/line_form.html", engagement, _("The follow-up line"), form=form)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def calls(request: HttpRequest, engagement_id: UUID, respondent_id: UUID) -> HttpResponse:
    engagement, respondent = selectors.get_follow_up_respondent_for_user(request.user, engagement_id, respondent_id)
    form = CallForm(request.POST or None, engagement=engagement)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_call_log(actor=request.user, respondent=respondent, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _success(form.cleaned_data["outcome"], respondent.pseudonym))
            return redirect("followup:calls", engagement.pk, respondent.pk)
    return _page(
        request,
        "followup/calls.html",
        engagement,
        _("Follow-up calls: %(p)s") % {"p": respondent.pseudonym},
        respondent=respondent,
        entries=selectors.call_log(respondent),
        form=form,
        can_call=respondent.consent.follow_up_calls,
    )


def _success(outcome: str, pseudonym: str) -> str:
    if outcome == CallOutcome.DO_NOT_CALL:
        return _("Call logged. %(p)s will not be called again: the phone number is removed from the vault.") % {
            "p": pseudonym
        }
    return _("Call logged for %(p)s.") % {"p": pseudonym}
