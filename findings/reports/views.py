"""The reports page (phase 5): ask for a rendering, follow its progress, share it, download it.

Nothing is rendered here: a request only records what was asked for; a Celery worker renders.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from engagements.models import Engagement
from engagements.views.helpers import show_validation_error
from findings.reports import services
from findings.reports.forms import RenderingForm
from findings.reports.selectors import get_rendering_for_user, renderings_for
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability

PHASE = 5
TITLE = gettext_lazy("Reports")
POLL_SECONDS = 2
# A rendering still waiting after this long has no worker: stop polling (each poll keeps the session
# alive) and say so; the page picks it up again when reloaded.
POLL_FOR = timedelta(minutes=15)


def _context(engagement: Engagement, form: RenderingForm | None = None) -> dict[str, Any]:
    renderings = list(renderings_for(engagement, engagement.capabilities))
    recent = timezone.now() - POLL_FOR
    may_render = Capability.RENDER_REPORTS in engagement.capabilities
    if form is None and may_render:
        form = RenderingForm(engagement=engagement)
    return {
        "engagement": engagement,
        "phase_number": PHASE,
        "page_title": TITLE,
        "renderings": renderings,
        "may_render": may_render,
        "form": form,
        "poll": any(r.is_pending and r.requested_at > recent for r in renderings),
        "stalled": any(r.is_pending and r.requested_at <= recent and not r.is_stalled for r in renderings),
        "poll_seconds": POLL_SECONDS,
    }


@never_cache
@login_required
@require_GET
def renderings(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_REPORTS)
    return render(request, "reports/renderings.html", _context(engagement))


@never_cache
@login_required
@require_GET
def renderings_live(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    """The list alone, for the page's htmx polling while a rendering is under way."""
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_REPORTS)
    return render(request, "reports/renderings.html#live", _context(engagement))


@login_required
@require_POST
def rendering_request(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.RENDER_REPORTS)
    form = RenderingForm(request.POST, engagement=engagement)
    if form.is_valid():
        try:
            rendering = services.rendering_request(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            done = _("%(report)s asked for: it is rendered in the background.") % {"report": rendering}
            messages.success(request, done)
            return redirect("reports:renderings", engagement_id=engagement.pk)
    return render(request, "reports/renderings.html", _context(engagement, form), status=400)


@login_required
@require_POST
def rendering_retry(request: HttpRequest, engagement_id: UUID, rendering_id: UUID) -> HttpResponse:
    _engagement, rendering = get_rendering_for_user(
        request.user, engagement_id, rendering_id, Capability.RENDER_REPORTS
    )
    try:
        services.rendering_retry(actor=request.user, rendering=rendering)
        messages.success(request, _("%(report)s is being rendered again.") % {"report": rendering})
    except ValidationError as error:
        show_validation_error(request, error)
    return redirect("reports:renderings", engagement_id=engagement_id)


@login_required
@require_POST
def rendering_share(request: HttpRequest, engagement_id: UUID, rendering_id: UUID) -> HttpResponse:
    _engagement, rendering = get_rendering_for_user(
        request.user, engagement_id, rendering_id, Capability.RENDER_REPORTS
    )
    try:
        services.rendering_share(actor=request.user, rendering=rendering)
        messages.success(
            request,
            _("%(report)s is shared: the business and the worker representatives can download it.")
            % {"report": rendering},
        )
    except ValidationError as error:
        show_validation_error(request, error)
    return redirect("reports:renderings", engagement_id=engagement_id)


@never_cache
@login_required
@require_GET
def rendering_download(request: HttpRequest, engagement_id: UUID, rendering_id: UUID) -> HttpResponse:
    _engagement, rendering = get_rendering_for_user(request.user, engagement_id, rendering_id)
    try:
        return services.rendering_download(actor=request.user, rendering=rendering)
    except ValidationError as error:
        show_validation_error(request, error)
        return redirect("reports:renderings", engagement_id=engagement_id)
