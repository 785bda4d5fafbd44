"""The key-risk summary: Annex B risks and the assessor's own, per corridor, stage and group, with sources."""

from __future__ import annotations

import copy
from itertools import groupby
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engagements.supplychain import selectors, services
from engagements.supplychain.forms import RiskForm, RiskSourceForm
from engagements.supplychain.models import Risk, RiskSource, RiskStage
from engagements.supplychain.views.common import page
from engagements.views.helpers import show_validation_error
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability


@login_required
@require_GET
def risks(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_PREPARATION)
    rows = list(selectors.risks_for(engagement))
    stages = [(RiskStage(stage).label, list(items)) for stage, items in groupby(rows, key=lambda r: r.stage)]
    return page(request, "supplychain/risks.html", engagement, _("Key risks"), stages=stages, count=len(rows))


@login_required
@require_http_methods(["GET", "POST"])
def risk_new(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_PREPARATION)
    form = RiskForm(request.POST or None, engagement=engagement)
    if request.method == "POST" and form.is_valid():
        try:
            risk = services.risk_create(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Risk added: %(r)s") % {"r": risk})
            return redirect("supplychain:risk", engagement.pk, risk.pk)
    return page(request, "supplychain/risk_form.html", engagement, _("Add a risk"), form=form)


def _risk_for(request: HttpRequest, engagement_id: UUID, risk_id: UUID, capability: Capability) -> tuple[Any, Risk]:
    return get_in_engagement_for_user(
        request.user, Risk.objects.select_related("corridor"), engagement_id, risk_id, capability
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_detail(request: HttpRequest, engagement_id: UUID, risk_id: UUID) -> HttpResponse:
    capability = Capability.EDIT_PREPARATION if request.method == "POST" else Capability.VIEW_PREPARATION
    engagement, risk = _risk_for(request, engagement_id, risk_id, capability)
    form = RiskForm(request.POST or None, instance=copy.copy(risk), engagement=engagement)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_update(actor=request.user, risk=risk, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Risk saved."))
            return redirect("supplychain:risk", engagement.pk, risk.pk)
    return _risk_page(request, engagement, risk, form=form)


def _risk_page(request: HttpRequest, engagement: Any, risk: Risk, **forms: Any) -> HttpResponse:
    return page(
        request,
        "supplychain/risk.html",
        engagement,
        _("Risk"),
        risk=risk,
        sources=list(risk.sources.all()),
        form=forms.get("form") or RiskForm(instance=copy.copy(risk), engagement=engagement),
        source_form=forms.get("source_form") or RiskSourceForm(),
    )


@login_required
@require_POST
def risk_delete(request: HttpRequest, engagement_id: UUID, risk_id: UUID) -> HttpResponse:
    engagement, risk = _risk_for(request, engagement_id, risk_id, Capability.EDIT_PREPARATION)
    services.risk_delete(actor=request.user, risk=risk)
    messages.success(request, _("Risk removed."))
    return redirect("supplychain:risks", engagement.pk)


@login_required
@require_POST
def risk_source_add(request: HttpRequest, engagement_id: UUID, risk_id: UUID) -> HttpResponse:
    engagement, risk = _risk_for(request, engagement_id, risk_id, Capability.EDIT_PREPARATION)
    form = RiskSourceForm(request.POST)
    if form.is_valid():
        try:
            services.risk_source_add(actor=request.user, risk=risk, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Source added."))
            return redirect("supplychain:risk", engagement.pk, risk.pk)
    return _risk_page(request, engagement, risk, source_form=form)


@login_required
@require_POST
def risk_source_delete(request: HttpRequest, engagement_id: UUID, risk_id: UUID, source_id: UUID) -> HttpResponse:
    engagement, source = get_in_engagement_for_user(
        request.user,
        RiskSource.objects.filter(risk_id=risk_id).select_related("risk"),
        engagement_id,
        source_id,
        Capability.EDIT_PREPARATION,
    )
    services.risk_source_delete(actor=request.user, source=source)
    messages.success(request, _("Source removed."))
    return redirect("supplychain:risk", engagement.pk, source.risk_id)
