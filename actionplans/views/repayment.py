"""Fee repayment (guide, phase 6 step 1 and phase 7): planned per group, payments recorded and verified."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from actionplans import selectors
from actionplans.forms import PaymentForm, RepaymentPlanForm, VerifyForm
from actionplans.models import RepaymentPayment, RepaymentPlan
from actionplans.repayment import group_options, repayment_rows
from actionplans.services.repayment import payment_record, payment_verify, repayment_plan_create
from actionplans.views.common import phase_page
from engagements.views.helpers import show_validation_error
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability

TITLE = gettext_lazy("Fee repayment")


def _page(request: HttpRequest, engagement: Any, **forms: Any) -> HttpResponse:
    capabilities = engagement.capabilities
    manages = Capability.MANAGE_REPAYMENT in capabilities
    options = group_options(engagement, sees_small_cells=Capability.SEE_SMALL_CELLS in capabilities) if manages else []
    actions = selectors.actions_of(selectors.plan_of(engagement))
    return phase_page(
        request,
        "actionplans/repayment.html",
        engagement,
        TITLE,
        rows=repayment_rows(engagement, capabilities),
        options=options,
        plan_form=forms.get("plan_form") or RepaymentPlanForm(options=options, actions=actions),
        payment_form=forms.get("payment_form") or PaymentForm(),
        payment_for=forms.get("payment_for", ""),
        verify_form=forms.get("verify_form") or VerifyForm(initial={"how": "internal"}),
        verify_for=forms.get("verify_for", ""),
        manages=manages,
        verifies=Capability.VERIFY_ACTIONS in capabilities,
    )


@login_required
@require_GET
def repayment(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_ACTION_PLAN)
    return _page(request, engagement)


@login_required
@require_POST
def repayment_new(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.MANAGE_REPAYMENT)
    options = group_options(engagement, sees_small_cells=Capability.SEE_SMALL_CELLS in engagement.capabilities)
    form = RepaymentPlanForm(request.POST, options=options, actions=selectors.actions_of(selectors.plan_of(engagement)))
    if form.is_valid():
        dimension, _sep, value = form.cleaned_data["group"].partition(":")
        try:
            repayment_plan_create(
                actor=request.user,
                engagement=engagement,
                dimension=dimension,
                value=value,
                due_date=form.cleaned_data["due_date"],
                action=form.cleaned_data["action"],
            )
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Repayment planned."))
            return redirect("actionplans:repayment", engagement.pk)
    return _page(request, engagement, plan_form=form)


@login_required
@require_POST
def payment_new(request: HttpRequest, engagement_id: UUID, repayment_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.MANAGE_REPAYMENT)
    plan = RepaymentPlan.objects.filter(engagement=engagement, pk=repayment_id).first()
    if plan is None:
        raise Http404
    plan.engagement = engagement
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            payment_record(actor=request.user, repayment=plan, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Payment recorded."))
            return redirect("actionplans:repayment", engagement.pk)
    return _page(request, engagement, payment_form=form, payment_for=str(plan.pk))


@login_required
@require_POST
def payment_verify_view(request: HttpRequest, engagement_id: UUID, payment_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VERIFY_ACTIONS)
    payment = RepaymentPayment.objects.filter(repayment__engagement=engagement, pk=payment_id).first()
    if payment is None:
        raise Http404
    payment.repayment.engagement = engagement
    form = VerifyForm(request.POST)
    if form.is_valid():
        try:
            payment_verify(actor=request.user, payment=payment, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Payment verified."))
            return redirect("actionplans:repayment", engagement.pk)
    return _page(request, engagement, verify_form=form, verify_for=str(payment.pk))
