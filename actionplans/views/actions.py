"""One action: its page with the review thread, writing it, deleting it, and feedback on it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actionplans import selectors
from actionplans.forms import ActionForm, FeedbackForm
from actionplans.models import Action, ActionFeedback
from actionplans.services.actions import action_create, action_delete, action_update
from actionplans.services.review import feedback_add
from actionplans.views.common import phase_page
from engagements.views.helpers import show_validation_error
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability


def action_page(
    request: HttpRequest, engagement: Any, action: Action, form: FeedbackForm | None = None, reply_to: str = ""
) -> HttpResponse:
    action = selectors.actions_of(action.plan).get(pk=action.pk)
    return phase_page(
        request,
        "actionplans/action.html",
        engagement,
        f"A{action.number} · {action.get_kind_display()}",
        action=action,
        threads=selectors.feedback_threads(action),
        feedback_form=form or FeedbackForm(),
        reply_to=reply_to,
        can_review=Capability.REVIEW_ACTION_PLAN in engagement.capabilities,
    )


@login_required
@require_GET
def action_detail(request: HttpRequest, engagement_id: UUID, action_id: UUID) -> HttpResponse:
    engagement, action = selectors.get_action_for_user(
        request.user, engagement_id, action_id, Capability.VIEW_ACTION_PLAN
    )
    return action_page(request, engagement, action)


@login_required
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_ACTION_PLAN)
    initial = {"findings": [request.GET["finding"]]} if request.GET.get("finding") else {}
    form = ActionForm(request.POST or None, engagement=engagement, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action = action_create(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Action A%(n)s added to the plan.") % {"n": action.number})
            return redirect("actionplans:plan", engagement.pk)
    return phase_page(request, "actionplans/action_form.html", engagement, _("New action"), form=form)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, engagement_id: UUID, action_id: UUID) -> HttpResponse:
    engagement, action = selectors.get_action_for_user(
        request.user, engagement_id, action_id, Capability.EDIT_ACTION_PLAN
    )
    form = ActionForm(request.POST or None, engagement=engagement, initial=ActionForm.initial_for(action))
    if request.method == "POST" and form.is_valid():
        try:
            action_update(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Action A%(n)s saved.") % {"n": action.number})
            return redirect("actionplans:action", engagement.pk, action.pk)
    title = _("Edit action A%(n)s") % {"n": action.number}
    return phase_page(request, "actionplans/action_form.html", engagement, title, form=form, action=action)


@login_required
@require_POST
def action_remove(request: HttpRequest, engagement_id: UUID, action_id: UUID) -> HttpResponse:
    engagement, action = selectors.get_action_for_user(
        request.user, engagement_id, action_id, Capability.EDIT_ACTION_PLAN
    )
    number = action.number
    try:
        action_delete(actor=request.user, action=action)
    except ValidationError as error:
        show_validation_error(request, error)
        return redirect("actionplans:action", engagement.pk, action.pk)
    messages.success(request, _("Action A%(n)s removed from the plan.") % {"n": number})
    return redirect("actionplans:plan", engagement.pk)


@login_required
@require_POST
def action_feedback(request: HttpRequest, engagement_id: UUID, action_id: UUID) -> HttpResponse:
    engagement, action = selectors.get_action_for_user(
        request.user, engagement_id, action_id, Capability.REVIEW_ACTION_PLAN
    )
    form = FeedbackForm(request.POST)
    if form.is_valid():
        parent_id = form.cleaned_data["parent"]
        parent = ActionFeedback.objects.filter(action=action, pk=parent_id).first() if parent_id else None
        try:
            if parent_id and parent is None:
                raise ValidationError(_("The feedback you answer is not about this action."))
            feedback = feedback_add(actor=request.user, action=action, body=form.cleaned_data["body"], parent=parent)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Feedback added."))
            url = reverse("actionplans:action", args=[engagement.pk, action.pk])
            return redirect(f"{url}#feedback-{feedback.pk}")
    return action_page(request, engagement, action, form, reply_to=request.POST.get("parent", ""))
