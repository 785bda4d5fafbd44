"""Phase 1 pages: responsibility, budget, scope, the working group and known risks."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from engagements.scoping import services
from engagements.scoping.forms import KnownRiskForm, ScopeForm, WorkingGroupForm
from engagements.scoping.models import KnownRisk, Scope, WorkingGroupMember
from engagements.views.helpers import show_validation_error
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability


def _page(request: HttpRequest, engagement: object, **forms: object) -> HttpResponse:
    scope = Scope.objects.filter(engagement=engagement).first()
    return render(
        request,
        "scoping/scoping.html",
        {
            "engagement": engagement,
            "phase_number": 1,
            "page_title": _("Scope and responsibility"),
            "scope": scope,
            "scope_form": forms.get("scope_form") or ScopeForm(instance=scope),
            "member_form": forms.get("member_form") or WorkingGroupForm(),
            "risk_form": forms.get("risk_form") or KnownRiskForm(),
            "members": list(WorkingGroupMember.objects.filter(engagement=engagement)),
            "risks": list(KnownRisk.objects.filter(engagement=engagement)),
            "corridors": list(engagement.corridors.all()),
            "worker_voice": services.working_group_has_worker_voice(engagement),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def scoping(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    capability = Capability.EDIT_PREPARATION if request.method == "POST" else Capability.VIEW_PREPARATION
    engagement = get_engagement_for_user(request.user, engagement_id, capability)
    if request.method == "GET":
        return _page(request, engagement)
    form = ScopeForm(request.POST, instance=Scope.objects.filter(engagement=engagement).first())
    if form.is_valid():
        try:
            services.scope_update(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Scope saved."))
            return redirect("scoping:scoping", engagement.pk)
    return _page(request, engagement, scope_form=form)


@login_required
@require_POST
def member_add(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_PREPARATION)
    form = WorkingGroupForm(request.POST)
    if form.is_valid():
        services.working_group_add(actor=request.user, engagement=engagement, **form.cleaned_data)
        messages.success(request, _("Working group member added."))
        return redirect("scoping:scoping", engagement.pk)
    return _page(request, engagement, member_form=form)


@login_required
@require_POST
def member_remove(request: HttpRequest, engagement_id: UUID, member_id: UUID) -> HttpResponse:
    engagement, member = get_in_engagement_for_user(
        request.user, WorkingGroupMember.objects.all(), engagement_id, member_id, Capability.EDIT_PREPARATION
    )
    services.working_group_remove(actor=request.user, member=member)
    messages.success(request, _("Working group member removed."))
    return redirect("scoping:scoping", engagement.pk)


@login_required
@require_POST
def risk_add(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_PREPARATION)
    form = KnownRiskForm(request.POST)
    if form.is_valid():
        services.known_risk_add(actor=request.user, engagement=engagement, **form.cleaned_data)
        messages.success(request, _("Risk added."))
        return redirect("scoping:scoping", engagement.pk)
    return _page(request, engagement, risk_form=form)


@login_required
@require_POST
def risk_remove(request: HttpRequest, engagement_id: UUID, risk_id: UUID) -> HttpResponse:
    engagement, risk = get_in_engagement_for_user(
        request.user, KnownRisk.objects.all(), engagement_id, risk_id, Capability.EDIT_PREPARATION
    )
    services.known_risk_remove(actor=request.user, risk=risk)
    messages.success(request, _("Risk removed."))
    return redirect("scoping:scoping", engagement.pk)
