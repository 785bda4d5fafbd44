"""Phase 8 pages: the public version (choose, approve, publish) and the external engagement log."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from disclosure import services
from disclosure.forms import ApproveForm, ChooseForm, ExternalEngagementForm
from disclosure.models import ApprovalSide, Disclosure
from disclosure.selectors import approval_side_of, disclosure_of, external_log, state_of, versions_of
from engagements.models import Engagement
from engagements.views.helpers import show_validation_error
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability

PHASE = 8
TITLE = gettext_lazy("Public version")
LOG_TITLE = gettext_lazy("External engagement log")


def _page(engagement: Engagement, title: Any, **context: Any) -> dict[str, Any]:
    return {"engagement": engagement, "phase_number": PHASE, "page_title": title, **context}


def _disclosure(engagement: Engagement) -> Disclosure:
    disclosure = disclosure_of(engagement)
    if disclosure is None:
        raise Http404
    return disclosure


@login_required
@require_GET
def overview(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_DISCLOSURE)
    state = state_of(engagement)
    side = approval_side_of(engagement.capabilities)
    context = _page(
        engagement,
        TITLE,
        state=state,
        c=state.content,
        sides=ApprovalSide.choices,
        versions=list(versions_of(state.disclosure)),
        may_prepare=Capability.PREPARE_DISCLOSURE in engagement.capabilities,
        may_approve=Capability.APPROVE_DISCLOSURE in engagement.capabilities and side is not None,
        my_side=side,
        approve_form=ApproveForm(initial={"fingerprint": state.fingerprint}),
    )
    return render(request, "disclosure/overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def choose(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.PREPARE_DISCLOSURE)
    form = ChooseForm(request.POST or None, engagement=engagement, disclosure=disclosure_of(engagement))
    if request.method == "POST" and form.is_valid():
        try:
            services.disclosure_choose(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Saved. The business and the worker representatives approve it next."))
            return redirect("disclosure:overview", engagement_id=engagement.pk)
    return render(request, "disclosure/choose.html", _page(engagement, _("Choose what to publish"), form=form))


def _act(request: HttpRequest, engagement_id: UUID, capability: Capability, act: Any, done: str) -> HttpResponse:
    """The shared shape of the page's buttons: fetch, call one service, say what happened, go back."""
    engagement = get_engagement_for_user(request.user, engagement_id, capability)
    try:
        act(_disclosure(engagement))
    except ValidationError as error:
        show_validation_error(request, error)
    else:
        messages.success(request, done)
    return redirect("disclosure:overview", engagement_id=engagement.pk)


@login_required
@require_POST
def approve(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    form = ApproveForm(request.POST)
    fingerprint = form.cleaned_data["fingerprint"] if form.is_valid() else ""
    return _act(
        request,
        engagement_id,
        Capability.APPROVE_DISCLOSURE,
        lambda d: services.disclosure_approve(actor=request.user, disclosure=d, fingerprint=fingerprint),
        _("Approved for your side."),
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    return _act(
        request,
        engagement_id,
        Capability.APPROVE_DISCLOSURE,
        lambda d: services.disclosure_withdraw(actor=request.user, disclosure=d),
        _("Your side's approval is withdrawn."),
    )


@login_required
@require_POST
def publish(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    return _act(
        request,
        engagement_id,
        Capability.PREPARE_DISCLOSURE,
        lambda d: services.version_publish(actor=request.user, disclosure=d),
        _("Published. The PDF is being prepared."),
    )


@login_required
@require_POST
def unpublish(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    return _act(
        request,
        engagement_id,
        Capability.PREPARE_DISCLOSURE,
        lambda d: services.version_unpublish(actor=request.user, disclosure=d),
        _("Unpublished: the public page is gone."),
    )


def _log_context(engagement: Engagement, form: ExternalEngagementForm | None) -> dict[str, Any]:
    may_log = Capability.LOG_EXTERNAL_ENGAGEMENT in engagement.capabilities
    if form is None and may_log:
        form = ExternalEngagementForm()
    return _page(engagement, LOG_TITLE, entries=list(external_log(engagement)), form=form, may_log=may_log)


@login_required
@require_GET
def log(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_DISCLOSURE)
    return render(request, "disclosure/log.html", _log_context(engagement, None))


@login_required
@require_POST
def log_add(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.LOG_EXTERNAL_ENGAGEMENT)
    form = ExternalEngagementForm(request.POST)
    if form.is_valid():
        try:
            services.external_engagement_add(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Added to the log."))
            return redirect("disclosure:log", engagement_id=engagement.pk)
    return render(request, "disclosure/log.html", _log_context(engagement, form), status=400)
