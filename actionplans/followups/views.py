"""Pages of phase 7 follow-ups: interviews of newly recruited workers, the follow-up assessment with its verdict
per finding, and the grievance and retaliation log. Thin: access layer, form, one service, render or redirect.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actionplans.followups import selectors, services
from actionplans.followups.forms import (
    CohortForm,
    GrievanceForm,
    GrievanceUpdateForm,
    RoundDoneForm,
    StartFollowUpForm,
    VerificationForm,
)
from engagements.views.helpers import show_validation_error
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability
from vault.forms import UnlockForm

PHASE = 7
C = Capability


def _page(request: HttpRequest, template: str, engagement: Any, title: str, **context: Any) -> HttpResponse:
    return render(request, template, {"engagement": engagement, "phase_number": PHASE, "page_title": title, **context})


def _save(request: HttpRequest, form: Any, service: Any, **kwargs: Any) -> Any:
    """Call the service with the form's data; a refusal is put on the form and None returned."""
    try:
        return service(actor=request.user, **kwargs, **form.cleaned_data)
    except ValidationError as error:
        show_validation_error(request, error, form)
        return None


# --- Follow-up interviews and the follow-up assessment -------------------------------------------------


@login_required
@require_GET
def follow_ups(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, C.VIEW_MONITORING)
    return _page(
        request,
        "followups/follow_ups.html",
        engagement,
        _("Follow-up interviews and assessment"),
        cohorts=selectors.cohorts(engagement),
        follow_ups=list(selectors.follow_ups_visible_to(request.user, engagement)),
        first=selectors.first_assessment_visible_to(request.user, engagement),
        window=selectors.suggested_window(engagement),
        today=timezone.localdate(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def cohort_new(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, C.MANAGE_FOLLOW_UPS)
    form = CohortForm(request.POST or None, engagement=engagement)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(request, form, services.follow_up_cohort_add, engagement=engagement)
    ):
        messages.success(request, _("Cohort added, with its two rounds of follow-up interviews."))
        return redirect("followups:follow_ups", engagement.pk)
    return _page(request, "followups/form.html", engagement, _("Newly recruited workers"), form=form)


@login_required
@require_http_methods(["GET", "POST"])
def round_done(request: HttpRequest, engagement_id: UUID, round_id: UUID) -> HttpResponse:
    engagement, follow_up_round = selectors.get_round_for_user(
        request.user, engagement_id, round_id, C.MANAGE_FOLLOW_UPS
    )
    form = RoundDoneForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(request, form, services.follow_up_round_done, follow_up_round=follow_up_round)
    ):
        messages.success(request, _("Round marked done."))
        return redirect("followups:follow_ups", engagement.pk)
    return _page(
        request, "followups/form.html", engagement, _("Mark the round done"), form=form, subject=follow_up_round
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_start(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, C.START_FOLLOW_UP_ASSESSMENT)
    window = selectors.suggested_window(engagement)
    initial = {"title": _("Follow-up: %(t)s") % {"t": engagement.title}, "start_date": window.start if window else None}
    form = StartFollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        follow_up = _save(request, form, services.follow_up_assessment_start, engagement=engagement)
        if follow_up:
            messages.success(request, _("Follow-up assessment started: verify each finding carried over."))
            return redirect("followups:verification", follow_up.pk)
    title = _("Start a follow-up assessment")
    return _page(request, "followups/start.html", engagement, title, form=form, window=window)


@login_required
@require_GET
def verification(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, C.VIEW_MONITORING)
    rows = selectors.verification_rows(engagement)
    return _page(
        request,
        "followups/verification.html",
        engagement,
        _("Findings of the first assessment: resolved or not"),
        rows=rows,
        summary=selectors.verification_summary(rows),
        first=selectors.first_assessment_visible_to(request.user, engagement),
        form=VerificationForm(),
    )


@login_required
@require_POST
def verification_set(request: HttpRequest, engagement_id: UUID, verification_id: UUID) -> HttpResponse:
    engagement, found = selectors.get_verification_for_user(
        request.user, engagement_id, verification_id, C.EDIT_FINDINGS
    )
    form = VerificationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a verdict."))
    elif _save(request, form, services.finding_verification_set, verification=found):
        messages.success(request, _("Verdict saved for finding %(n)s.") % {"n": found.finding.number})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{reverse('followups:verification', args=[engagement.pk])}#finding-{found.pk}")


# --- The grievance and retaliation log -----------------------------------------------------------------


@login_required
@require_GET
def grievances(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, C.MANAGE_GRIEVANCES)
    cases = list(selectors.grievance_cases(engagement))
    return _page(
        request,
        "followups/grievances.html",
        engagement,
        _("Grievance and retaliation log"),
        cases=cases,
        counts=selectors.grievance_counts(cases),
    )


@login_required
@sensitive_post_parameters("reporter_name", "reporter_phone", "description")
@never_cache
@require_http_methods(["GET", "POST"])
def grievance_new(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, C.MANAGE_GRIEVANCES)
    form = GrievanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = _save(request, form, services.grievance_record, engagement=engagement)
        if case:
            messages.success(request, _("Case %(r)s logged.") % {"r": case.reference})
            return redirect("followups:grievance", engagement.pk, case.pk)
    return _page(request, "followups/grievance_form.html", engagement, _("Log a grievance"), form=form)


@login_required
@sensitive_post_parameters("outcome")
@never_cache
@require_http_methods(["GET", "POST"])
def grievance(request: HttpRequest, engagement_id: UUID, case_id: UUID) -> HttpResponse:
    engagement, case = selectors.get_grievance_for_user(request.user, engagement_id, case_id, C.MANAGE_GRIEVANCES)
    texts = selectors.grievance_texts(case)
    initial = {"status": case.status, "referred_to": case.referred_to, "referred_on": case.referred_on}
    form = GrievanceUpdateForm(request.POST or None, initial={**initial, "outcome": texts.get("outcome", "")})
    if request.method == "POST" and form.is_valid() and _save(request, form, services.grievance_update, case=case):
        messages.success(request, _("Case %(r)s updated.") % {"r": case.reference})
        return redirect("followups:grievance", engagement.pk, case.pk)
    return _page(
        request,
        "followups/grievance.html",
        engagement,
        _("Case %(r)s") % {"r": case.reference},
        case=case,
        texts=texts,
        form=form,
    )


@login_required
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def grievance_reporter(request: HttpRequest, engagement_id: UUID, case_id: UUID) -> HttpResponse:
    engagement, case = selectors.get_grievance_for_user(request.user, engagement_id, case_id, C.MANAGE_GRIEVANCES)
    if C.UNLOCK_IDENTITY not in engagement.capabilities:  # the vault's own capability, the lead's
        raise PermissionDenied
    form = UnlockForm(request.POST or None)
    identity, unlocked = None, False
    if request.method == "POST" and form.is_valid():
        try:
            identity = services.grievance_reporter_unlock(actor=request.user, case=case, **form.cleaned_data)
            unlocked = True
        except ValidationError as error:
            show_validation_error(request, error, form)
    return _page(
        request,
        "followups/reporter.html",
        engagement,
        _("Reporter of %(r)s") % {"r": case.reference},
        case=case,
        form=form,
        identity=identity,
        unlocked=unlocked,
    )
