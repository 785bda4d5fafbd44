"""Phase 7 pages: the monitoring dashboard, an action's progress and verification, the evidence files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from actionplans.models import Action
from actionplans.monitoring import selectors, services
from actionplans.monitoring.forms import CloseForm, ExternalVerificationForm, FinancialForm, ProgressForm, ReopenForm
from actionplans.monitoring.models import Evidence
from engagements.models import Engagement
from engagements.views.helpers import show_validation_error
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability

PHASE = 7
DASHBOARD_TITLE = gettext_lazy("Monitoring")


def _action_for_user(
    user: Any, engagement_id: UUID, action_id: UUID, capability: Capability
) -> tuple[Engagement, Action]:
    """The action through its engagement: 404 outside it, 403 without the capability."""
    engagement = get_engagement_for_user(user, engagement_id, capability)
    action = (
        Action.objects.select_related("plan__engagement", "verified_by")
        .filter(plan__engagement=engagement, pk=action_id)
        .first()
    )
    if action is None:
        raise Http404
    return engagement, action


def _page(request: HttpRequest, template: str, engagement: Engagement, title: Any, **context: Any) -> HttpResponse:
    return render(request, template, {"engagement": engagement, "phase_number": PHASE, "page_title": title, **context})


def _action_page(request: HttpRequest, engagement: Engagement, action: Action, **forms: Form) -> HttpResponse:
    """The action with its history, and the forms this reader may use (a refused one keeps its errors)."""
    is_financial = services.is_financial_remediation(action)
    context = {
        "action": action,
        "history": selectors.action_history(action),
        "blockers": services.closing_blockers(action),
        "is_financial": is_financial,
        "progress_form": forms.get("progress_form") or ProgressForm(initial={"status": "progress_made"}),
        "close_form": forms.get("close_form") or CloseForm(),
        "reopen_form": forms.get("reopen_form") or ReopenForm(),
        "external_form": forms.get("external_form") or ExternalVerificationForm(),
        "financial_form": forms.get("financial_form") or FinancialForm(initial={"financial": is_financial}),
    }
    return _page(request, "monitoring/action.html", engagement, _("Action A%(n)s") % {"n": action.number}, **context)


def _submit(
    request: HttpRequest,
    engagement: Engagement,
    action: Action,
    form: Form,
    form_name: str,
    save: Callable[[], Any],
    success: str,
) -> HttpResponse:
    """Validate, call the service, and go back to the action; or show the action page with the errors."""
    if form.is_valid():
        try:
            save()
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, success)
            return redirect("monitoring:action", engagement.pk, action.pk)
    return _action_page(request, engagement, action, **{form_name: form})


@login_required
@require_GET
def dashboard(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_MONITORING)
    context: dict[str, Any] = {"board": selectors.dashboard(engagement)}
    if Capability.VIEW_AGGREGATES in engagement.capabilities:
        context["indicators"] = selectors.indicators_across(request.user, engagement)
    return _page(request, "monitoring/dashboard.html", engagement, DASHBOARD_TITLE, **context)


@login_required
@require_GET
def action(request: HttpRequest, engagement_id: UUID, action_id: UUID) -> HttpResponse:
    engagement, item = _action_for_user(request.user, engagement_id, action_id, Capability.VIEW_MONITORING)
    return _action_page(request, engagement, item)


@login_required
@require_POST
def progress(request: HttpRequest, engagement_id: UUID, action_id: UUID) -> HttpResponse:
    engagement, item = _action_for_user(request.user, engagement_id, action_id, Capability.UPDATE_PROGRESS)
    form = ProgressForm(request.POST, request.FILES)

    def save() -> None:
        services.progress_report(actor=request.user, action=item, **form.cleaned_data)

    return _submit(request, engagement, item, form, "progress_form", save, _("Progress reported."))


@login_required
@require_POST
def close(request: HttpRequest, engagement_id: UUID, action_id: UUID) -> HttpResponse:
    engagement, item = _action_for_user(request.user, engagement_id, action_id, Capability.VERIFY_ACTIONS)
    form = CloseForm(request.POST)

    def save() -> None:
        services.action_verify_and_close(actor=request.user, action=item, note=form.cleaned_data["note"])

    return _submit(request, engagement, item, form, "close_form", save, _("Verified and closed."))


@login_required
@require_POST
def reopen(request: HttpRequest, engagement_id: UUID, action_id: UUID) -> HttpResponse:
    engagement, item = _action_for_user(request.user, engagement_id, action_id, Capability.VERIFY_ACTIONS)
    form = ReopenForm(request.POST)

    def save() -> None:
        services.action_reopen(actor=request.user, action=item, reason=form.cleaned_data["reason"])

    return _submit(request, engagement, item, form, "reopen_form", save, _("Action reopened."))


@login_required
@require_POST
def external_verification(request: HttpRequest, engagement_id: UUID, action_id: UUID) -> HttpResponse:
    engagement, item = _action_for_user(request.user, engagement_id, action_id, Capability.VERIFY_ACTIONS)
    form = ExternalVerificationForm(request.POST)

    def save() -> None:
        services.external_verification_record(actor=request.user, action=item, **form.cleaned_data)

    return _submit(request, engagement, item, form, "external_form", save, _("External verification recorded."))


@login_required
@require_POST
def financial(request: HttpRequest, engagement_id: UUID, action_id: UUID) -> HttpResponse:
    engagement, item = _action_for_user(request.user, engagement_id, action_id, Capability.VERIFY_ACTIONS)
    form = FinancialForm(request.POST)

    def save() -> None:
        services.financial_remediation_set(actor=request.user, action=item, financial=form.cleaned_data["financial"])

    return _submit(request, engagement, item, form, "financial_form", save, _("Saved."))


@login_required
@require_GET
def evidence_download(request: HttpRequest, engagement_id: UUID, action_id: UUID, evidence_id: UUID) -> HttpResponse:
    # Evidence (payslips, repayment receipts) may name workers: only those who report or verify progress take it.
    _engagement, item = _action_for_user(request.user, engagement_id, action_id, Capability.UPDATE_PROGRESS)
    evidence = Evidence.objects.filter(action=item, pk=evidence_id).first()
    if evidence is None:
        raise Http404
    return services.evidence_download(actor=request.user, evidence=evidence)


@login_required
@require_GET
def organisation_overview(request: HttpRequest) -> HttpResponse:
    overviews = selectors.organisation_overview(request.user)
    return render(request, "monitoring/org_overview.html", {"overviews": overviews})
