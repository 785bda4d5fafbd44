"""The site checklists (phase 4 step 5): sites, one site's checklist saved item by item, photos."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from engagements.models import Engagement
from interviews.sampling.models import AssessmentSite
from interviews.sitevisits import checklist, photos, selectors
from interviews.sitevisits.forms import ObservationForm
from interviews.sitevisits.models import SiteObservation
from interviews.sitevisits.services.observations import observation_save as save_observation
from interviews.sitevisits.views.common import phase_page
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability

SITES_TITLE = gettext_lazy("Site checklists: working and living areas")


def _site_for(request: HttpRequest, engagement_id: UUID, site_id: UUID) -> tuple[Engagement, AssessmentSite]:
    engagement, site = get_in_engagement_for_user(
        request.user, AssessmentSite.objects.all(), engagement_id, site_id, Capability.RECORD_OBSERVATIONS
    )
    site.engagement = engagement  # already loaded, with the organisation the audit needs
    return engagement, site


def _limits() -> dict[str, Any]:
    return {"accept": photos.ACCEPT_ATTRIBUTE, "max_mb": round(photos.max_photo_bytes() / 1024 / 1024, 1)}


@login_required
@require_GET
def sites(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.RECORD_OBSERVATIONS)
    rows = selectors.sites_with_progress(engagement)
    return phase_page(request, "sitevisits/sites.html", engagement, SITES_TITLE, rows=rows)


@login_required
@require_GET
def site_checklist(request: HttpRequest, engagement_id: UUID, site_id: UUID) -> HttpResponse:
    engagement, site = _site_for(request, engagement_id, site_id)
    return phase_page(
        request,
        "sitevisits/checklist.html",
        engagement,
        _("Checklist of %(site)s") % {"site": site.name},
        site=site,
        sections=selectors.site_checklist(site),
        r115=checklist.r115_points(),
        **_limits(),
    )


@csrf_exempt  # checked by _observation_save's csrf_protect, once the size limit is in place
@login_required
@require_POST
def observation_save(request: HttpRequest, engagement_id: UUID, site_id: UUID, item_id: str) -> HttpResponse:
    """Save one item. The body is refused unread when its declared length is too large."""
    engagement, site = _site_for(request, engagement_id, site_id)
    item = checklist.item(item_id)
    if item is None:
        raise Http404
    if photos.declared_too_large(request):
        return _too_large(request, engagement, site, item)
    limit = photos.PhotoSizeLimit(request)
    request.upload_handlers.insert(0, limit)
    return _observation_save(request, engagement, site, item, limit)


@csrf_protect
def _observation_save(
    request: HttpRequest,
    engagement: Engagement,
    site: AssessmentSite,
    item: checklist.Item,
    limit: photos.PhotoSizeLimit,
) -> HttpResponse:
    form = ObservationForm(request.POST, request.FILES)
    error = photos.too_large_message() if limit.exceeded else ""
    if not error and form.is_valid():
        data = form.cleaned_data
        try:
            save_observation(
                actor=request.user,
                site=site,
                item_id=item.id,
                status=data["status"],
                note=data["note"],
                photo=data["photo"],
                remove_photo=data["remove_photo"],
            )
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
    elif not error:
        error = " ".join(str(message) for messages_ in form.errors.values() for message in messages_)
    return _answer(request, engagement, site, item, error=error)


def _answer(
    request: HttpRequest, engagement: Engagement, site: AssessmentSite, item: checklist.Item, *, error: str = ""
) -> HttpResponse:
    """htmx: the item's row (and its section's progress); otherwise back to the page, at the item."""
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Saved."))
        return redirect(reverse("sitevisits:checklist", args=[engagement.pk, site.pk]) + f"#item-{item.id}")
    observations = selectors.site_observations(site)
    row = selectors.ChecklistRow.of(item, observations.get(item.id))
    if error:
        # Nothing was saved: show what the user entered, so nothing typed is lost.
        row.status = request.POST.get("status", "")
        row.note = request.POST.get("note", "")
        row.error = error
    else:
        row.saved = True
    section = next(s for s in checklist.sections() if s.key == item.section)
    context = {
        "engagement": engagement,
        "site": site,
        "row": row,
        "section": section,
        "progress": selectors.section_progress(section, observations),
        "oob": True,
        **_limits(),
    }
    return render(request, "sitevisits/checklist.html#row-saved", context, status=422 if error else 200)


def _too_large(
    request: HttpRequest, engagement: Engagement, site: AssessmentSite, item: checklist.Item
) -> HttpResponse:
    """Refused unread: htmx gets a plain message for the row (whose entries stay on the page)."""
    if request.htmx:
        return HttpResponse(photos.too_large_message(), status=413, content_type="text/plain; charset=utf-8")
    messages.error(request, photos.too_large_message())
    return redirect(reverse("sitevisits:checklist", args=[engagement.pk, site.pk]) + f"#item-{item.id}")


@login_required
@require_GET
def photo(request: HttpRequest, engagement_id: UUID, observation_id: UUID) -> HttpResponse:
    """A site photo, to the team only; ``?size=thumb`` for the small copy shown in the checklist."""
    _engagement, observation = get_in_engagement_for_user(
        request.user, SiteObservation.objects.all(), engagement_id, observation_id, Capability.RECORD_OBSERVATIONS
    )
    if not observation.photo:
        raise Http404
    return photos.inline_response(observation, thumbnail=request.GET.get("size") == "thumb")
