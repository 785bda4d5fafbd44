"""Objectives and scope of the mapping (phase 2, step 2): objectives, criteria, the enterprises selected."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from engagements.supplychain import selectors, services
from engagements.supplychain.forms import ParticipationForm, PlanForm, SelectionForm, criteria_choices
from engagements.supplychain.models import MappingPlan, Participation, SelectedEnterprise
from engagements.supplychain.views.common import page
from engagements.views.helpers import show_validation_error
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability


def _plan_page(
    request: HttpRequest,
    engagement: Any,
    plan: MappingPlan,
    form: PlanForm | None = None,
    selection_form: SelectionForm | None = None,
) -> HttpResponse:
    labels = dict(criteria_choices(plan))
    selected = [(s, [labels.get(c, c) for c in s.criteria]) for s in selectors.selected_for(engagement)]
    return page(
        request,
        "supplychain/plan.html",
        engagement,
        _("Objectives and selection"),
        plan=plan,
        criteria_labels=[labels[c] for c in plan.criteria if c in labels],
        form=form or PlanForm(instance=plan),
        selection_form=selection_form or SelectionForm(engagement=engagement, plan=plan),
        selected=selected,
        participation_choices=Participation.choices,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    capability = Capability.EDIT_PREPARATION if request.method == "POST" else Capability.VIEW_PREPARATION
    engagement = get_engagement_for_user(request.user, engagement_id, capability)
    current = services.plan_for(engagement)
    form = PlanForm(request.POST or None, instance=services.plan_for(engagement))
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_save(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Objectives and scope saved."))
            return redirect("supplychain:plan", engagement.pk)
    return _plan_page(request, engagement, current, form=form)


@login_required
@require_POST
def selection_add(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_PREPARATION)
    current = services.plan_for(engagement)
    form = SelectionForm(request.POST, engagement=engagement, plan=current)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.enterprise_select(
                actor=request.user,
                engagement=engagement,
                chain_actor=data["actor"],
                criteria=data["criteria"],
                reason=data["reason"],
                participation=data["participation"],
            )
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("%(a)s selected for assessment.") % {"a": data["actor"]})
            return redirect("supplychain:plan", engagement.pk)
    return _plan_page(request, engagement, current, selection_form=form)


@login_required
@require_POST
def selection_participation(request: HttpRequest, engagement_id: UUID, selection_id: UUID) -> HttpResponse:
    engagement, selection = get_in_engagement_for_user(
        request.user,
        SelectedEnterprise.objects.select_related("actor"),
        engagement_id,
        selection_id,
        Capability.EDIT_PREPARATION,
    )
    form = ParticipationForm(request.POST)
    if form.is_valid():
        services.enterprise_set_participation(
            actor=request.user, selection=selection, participation=form.cleaned_data["participation"]
        )
        messages.success(request, _("%(a)s: participation saved.") % {"a": selection.actor})
    else:
        messages.error(request, _("Choose a valid answer."))
    return redirect("supplychain:plan", engagement.pk)


@login_required
@require_POST
def selection_remove(request: HttpRequest, engagement_id: UUID, selection_id: UUID) -> HttpResponse:
    engagement, selection = get_in_engagement_for_user(
        request.user,
        SelectedEnterprise.objects.select_related("actor"),
        engagement_id,
        selection_id,
        Capability.EDIT_PREPARATION,
    )
    services.enterprise_unselect(actor=request.user, selection=selection)
    messages.success(request, _("%(a)s is no longer selected.") % {"a": selection.actor})
    return redirect("supplychain:plan", engagement.pk)
