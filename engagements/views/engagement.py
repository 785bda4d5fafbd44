"""Dashboard, engagement overview and editing."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engagements import phase_pages, selectors
from engagements.forms import CorridorForm, EngagementForm
from engagements.models import Corridor
from engagements.services.engagements import corridor_add, corridor_remove, engagement_update
from engagements.views.helpers import show_validation_error
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user, organisations_administered_by
from tenancy.roles import Capability


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return redirect("engagements:dashboard" if request.user.is_authenticated else "accounts:login")


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.dashboard_engagements(request.user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "engagements/dashboard.html",
        {
            "page": page,
            "administered": list(organisations_administered_by(request.user)),
        },
    )


@login_required
@require_GET
def engagement_detail(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id)
    phases = list(selectors.phases_with_progress(engagement))
    can_see_tracker = Capability.VIEW_TRACKER in engagement.capabilities
    phase_links = {
        p.number: [
            (page.label, page.url(engagement.pk)) for page in phase_pages.pages_for(p.number, engagement.capabilities)
        ]
        for p in phases
    }
    return render(
        request,
        "engagements/detail.html",
        {
            "engagement": engagement,
            "phases": phases,
            "phase_links": phase_links,
            "current_phase": selectors.current_phase(phases),
            "overdue": list(selectors.overdue_items(engagement)) if can_see_tracker else [],
            "corridors": list(engagement.corridors.all()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def engagement_edit(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.CHANGE_ENGAGEMENT)
    form = EngagementForm(request.POST or None, instance=engagement)
    if request.method == "POST" and form.is_valid():
        try:
            engagement_update(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Engagement saved."))
            return redirect("engagements:detail", engagement.pk)
    return render(
        request,
        "engagements/edit.html",
        {
            "engagement": engagement,
            "form": form,
            "corridor_form": CorridorForm(),
            "corridors": list(engagement.corridors.all()),
        },
    )


@login_required
@require_POST
def corridor_create(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.CHANGE_ENGAGEMENT)
    form = CorridorForm(request.POST)
    if form.is_valid():
        try:
            corridor_add(actor=request.user, engagement=engagement, **form.cleaned_data)
            messages.success(request, _("Corridor added."))
        except ValidationError as error:
            show_validation_error(request, error)
    else:
        messages.error(request, _("Choose an origin and a destination country."))
    return redirect("engagements:edit", engagement.pk)


@login_required
@require_POST
def corridor_delete(request: HttpRequest, engagement_id: UUID, corridor_id: UUID) -> HttpResponse:
    _engagement, corridor = get_in_engagement_for_user(
        request.user, Corridor.objects.all(), engagement_id, corridor_id, Capability.CHANGE_ENGAGEMENT
    )
    corridor_remove(actor=request.user, corridor=corridor)
    messages.success(request, _("Corridor removed."))
    return redirect("engagements:edit", engagement_id)
