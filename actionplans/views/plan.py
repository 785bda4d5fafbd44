"""The action plan page (guide, phase 6): the draft deadline, actions per finding, findings still unanswered."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from actionplans import selectors
from actionplans.forms import PlanForm
from actionplans.services.actions import plan_update
from actionplans.views.common import phase_page
from engagements.views.helpers import show_validation_error
from findings.models import Side
from findings.selectors.closing import action_plan_due
from findings.selectors.findings import side_of
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability

TITLE = gettext_lazy("Action plan")


@login_required
@require_GET
def plan(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_ACTION_PLAN)
    action_plan = selectors.plan_of(engagement)
    due = action_plan_due(engagement)
    by_finding = selectors.actions_by_finding(engagement, action_plan)
    return phase_page(
        request,
        "actionplans/plan.html",
        engagement,
        TITLE,
        plan=action_plan,
        due=due,
        overdue=bool(due and due < timezone.localdate() and not selectors.draft_is_complete(engagement)),
        by_finding=by_finding,
        unanswered=[group.finding for group in by_finding if not group.actions],
        actions=list(selectors.actions_of(action_plan)),
        sign_off=selectors.sign_off(action_plan),
        team=side_of(engagement.capabilities) == Side.TEAM,
        plan_form=PlanForm(
            initial={
                "built_jointly": action_plan.built_jointly if action_plan else True,
                "notes": getattr(action_plan, "notes", ""),
            }
        ),
    )


@login_required
@require_POST
def plan_settings(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_ACTION_PLAN)
    if side_of(engagement.capabilities) != Side.TEAM:
        raise PermissionDenied
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            plan_update(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error)
        else:
            messages.success(request, _("The plan's settings are saved."))
    return redirect("actionplans:plan", engagement.pk)
