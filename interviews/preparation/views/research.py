"""Desk research and the referral directory (phase 3, step 1)."""

from __future__ import annotations

import copy
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from interviews.preparation import selectors
from interviews.preparation.forms import LegalSourceForm, ReferralServiceForm
from interviews.preparation.models import LegalSource, ReferralService, Topic
from interviews.preparation.services import research
from interviews.preparation.views.common import done, form_page, page
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability


@login_required
@require_GET
def desk_research(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_PREPARATION)
    sources = LegalSource.objects.filter(engagement=engagement)
    topic = request.GET.get("topic", "")
    if topic in Topic.values:
        sources = sources.filter(topic=topic)
    summary = LegalSource.objects.filter(engagement=engagement).aggregate(
        total=Count("pk"), gaps=Count("pk", filter=Q(is_gap=True))
    )
    return page(
        request,
        "preparation/desk_research.html",
        engagement,
        _("Desk research"),
        sources=list(sources),
        topics=Topic.choices,
        topic=topic,
        summary=summary,
    )


def _desk_url(engagement_id: UUID) -> str:
    return reverse("preparation:desk_research", args=[engagement_id])


@login_required
@require_http_methods(["GET", "POST"])
def desk_research_add(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_PREPARATION)
    form = LegalSourceForm(request.POST or None)
    return form_page(
        request,
        engagement,
        title=_("Add a law, regulation or standard"),
        form=form,
        save=lambda: research.legal_source_create(actor=request.user, engagement=engagement, **form.cleaned_data),
        success=_("Source added to the desk research."),
        next_url=_desk_url(engagement.pk),
    )


@login_required
@require_http_methods(["GET", "POST"])
def desk_research_edit(request: HttpRequest, engagement_id: UUID, source_id: UUID) -> HttpResponse:
    engagement, source = get_in_engagement_for_user(
        request.user, LegalSource.objects.all(), engagement_id, source_id, Capability.EDIT_PREPARATION
    )
    form = LegalSourceForm(request.POST or None, instance=copy.copy(source))
    return form_page(
        request,
        engagement,
        title=_("Edit a desk-research source"),
        form=form,
        save=lambda: research.legal_source_update(actor=request.user, legal_source=source, **form.cleaned_data),
        success=_("Source saved."),
        next_url=_desk_url(engagement.pk),
    )


@login_required
@require_POST
def desk_research_delete(request: HttpRequest, engagement_id: UUID, source_id: UUID) -> HttpResponse:
    _engagement, source = get_in_engagement_for_user(
        request.user, LegalSource.objects.all(), engagement_id, source_id, Capability.EDIT_PREPARATION
    )
    research.legal_source_delete(actor=request.user, legal_source=source)
    return done(request, _("Source removed."), _desk_url(engagement_id))


# --- Referral directory ---------------------------------------------------------------------------


def _referrals_url(engagement_id: UUID) -> str:
    return reverse("preparation:referrals", args=[engagement_id])


@login_required
@require_GET
def referrals(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_PREPARATION)
    services = ReferralService.objects.filter(engagement=engagement)
    return page(
        request,
        "preparation/referrals.html",
        engagement,
        _("Referral directory"),
        by_country=selectors.services_by_country(services),
    )


@login_required
@require_GET
def referral_show(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    """A clean, large-print page an interviewer can hand to a worker on a tablet, one country at a time."""
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_PREPARATION)
    by_country = selectors.services_by_country(selectors.shown_to_workers(engagement))
    wanted = request.GET.get("country", "")
    current = next((row for row in by_country if row[0] == wanted), by_country[0] if by_country else None)
    return page(
        request,
        "preparation/referral_show.html",
        engagement,
        _("Support services"),
        countries=[(code, name) for code, name, _services in by_country],
        current=current,
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_add(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_PREPARATION)
    form = ReferralServiceForm(request.POST or None)
    return form_page(
        request,
        engagement,
        title=_("Add a support service"),
        form=form,
        save=lambda: research.referral_service_create(actor=request.user, engagement=engagement, **form.cleaned_data),
        success=_("Support service added."),
        next_url=_referrals_url(engagement.pk),
        intro=_("Only services whose due diligence is done (checked or trusted) are shown to workers."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_edit(request: HttpRequest, engagement_id: UUID, service_id: UUID) -> HttpResponse:
    engagement, service = get_in_engagement_for_user(
        request.user, ReferralService.objects.all(), engagement_id, service_id, Capability.EDIT_PREPARATION
    )
    form = ReferralServiceForm(request.POST or None, instance=copy.copy(service))
    return form_page(
        request,
        engagement,
        title=_("Edit a support service"),
        form=form,
        save=lambda: research.referral_service_update(actor=request.user, service=service, **form.cleaned_data),
        success=_("Support service saved."),
        next_url=_referrals_url(engagement.pk),
    )


@login_required
@require_POST
def referral_delete(request: HttpRequest, engagement_id: UUID, service_id: UUID) -> HttpResponse:
    _engagement, service = get_in_engagement_for_user(
        request.user, ReferralService.objects.all(), engagement_id, service_id, Capability.EDIT_PREPARATION
    )
    research.referral_service_delete(actor=request.user, service=service)
    return done(request, _("Support service removed."), _referrals_url(engagement_id))
