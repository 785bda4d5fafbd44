"""The phase tracker: each phase's checklist, ticked in place with htmx."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engagements import phase_pages, selectors
from engagements.forms import ChecklistItemForm, ItemStatusForm, NewChecklistItemForm
from engagements.models import ChecklistItem
from engagements.services import tracker
from engagements.views.helpers import show_validation_error
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability


def _phase_or_404(engagement: object, number: int) -> object:
    phase = selectors.phase_with_progress(engagement, number)
    if phase is None:
        raise Http404
    return phase


@login_required
@require_GET
def phase_detail(request: HttpRequest, engagement_id: UUID, number: int) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_TRACKER)
    phase = _phase_or_404(engagement, number)
    return render(
        request,
        "engagements/phase.html",
        {
            "phase_pages": [
                (p.label, p.url(engagement.pk)) for p in phase_pages.pages_for(number, engagement.capabilities)
            ],
            "step_pages": _step_links(engagement, number),
            "engagement": engagement,
            "phase": phase,
            "items": list(selectors.phase_items(phase)),
            "new_item_form": NewChecklistItemForm(),
        },
    )


def _step_links(engagement: object, number: int) -> dict[str, list[tuple[str, str]]]:
    """Step title -> the pages (label, url) that fulfil it, for the checklist's step rows."""
    by_step = phase_pages.pages_by_step(number, engagement.capabilities)
    return {text: [(p.label, p.url(engagement.pk)) for p in pages] for text, pages in by_step.items()}


def _item_for(request: HttpRequest, engagement_id: UUID, item_id: UUID, capability: Capability) -> tuple:
    return get_in_engagement_for_user(
        request.user,
        ChecklistItem.objects.select_related("phase", "engagement__organisation"),
        engagement_id,
        item_id,
        capability,
    )


@login_required
@require_POST
def item_set_status(request: HttpRequest, engagement_id: UUID, item_id: UUID) -> HttpResponse:
    engagement, item = _item_for(request, engagement_id, item_id, Capability.WORK_TRACKER)
    form = ItemStatusForm(request.POST)
    error = None
    if not form.is_valid():
        error = _("Choose a valid status.")
    else:
        try:
            tracker.checklist_item_set_status(actor=request.user, item=item, status=form.cleaned_data["status"])
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if request.htmx:
        item.refresh_from_db()
        phase = selectors.phase_with_progress(engagement, item.phase.number)
        return render(
            request,
            "engagements/phase.html#item-updated",
            {
                "engagement": engagement,
                "phase": phase,
                "item": item,
                "item_error": error,
                "step_pages": _step_links(engagement, item.phase.number),
            },
            status=422 if error else 200,
        )
    if error:
        messages.error(request, error)
    return redirect("engagements:phase", engagement.pk, item.phase.number)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, engagement_id: UUID, item_id: UUID) -> HttpResponse:
    engagement, item = _item_for(request, engagement_id, item_id, Capability.WORK_TRACKER)
    form = ChecklistItemForm(request.POST or None, instance=item, engagement=engagement)
    if request.method == "POST" and form.is_valid():
        try:
            tracker.checklist_item_update(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Item saved."))
            return redirect("engagements:phase", engagement.pk, item.phase.number)
    return render(request, "engagements/item_edit.html", {"engagement": engagement, "item": item, "form": form})


@login_required
@require_POST
def item_create(request: HttpRequest, engagement_id: UUID, number: int) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.MANAGE_TRACKER)
    phase = _phase_or_404(engagement, number)
    form = NewChecklistItemForm(request.POST)
    if form.is_valid():
        try:
            tracker.checklist_item_add(actor=request.user, phase=phase, **form.cleaned_data)
            messages.success(request, _("Item added."))
        except ValidationError as error:
            show_validation_error(request, error)
    else:
        messages.error(request, _("Write the item's text (at most 500 characters)."))
    return redirect("engagements:phase", engagement.pk, number)


@login_required
@require_POST
def phase_close(request: HttpRequest, engagement_id: UUID, number: int) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.MANAGE_TRACKER)
    phase = _phase_or_404(engagement, number)
    try:
        tracker.phase_close(actor=request.user, phase=phase)
        messages.success(request, _("Phase %(number)d closed.") % {"number": number})
    except ValidationError as error:
        show_validation_error(request, error)
    return redirect("engagements:phase", engagement.pk, number)


@login_required
@require_POST
def phase_reopen(request: HttpRequest, engagement_id: UUID, number: int) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.MANAGE_TRACKER)
    phase = _phase_or_404(engagement, number)
    try:
        tracker.phase_reopen(actor=request.user, phase=phase)
        messages.success(request, _("Phase %(number)d reopened.") % {"number": number})
    except ValidationError as error:
        show_validation_error(request, error)
    return redirect("engagements:phase", engagement.pk, number)
