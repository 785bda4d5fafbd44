"""The daily debrief page (phase 4): the team's running tally, following the records as they sync.

Team only (VIEW_DEBRIEF: lead, assessors, interviewers). Nothing is suppressed here; the business and
worker representatives see figures only through phase 5, with small cells suppressed.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from engagements.models import Engagement
from interviews.debrief import display
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability

PHASE = 4
TITLE = gettext_lazy("Daily debrief")
POLL_SECONDS = 20
# Polling stops after this long without anyone using the page, so that the session's idle timeout can
# still end an unattended tablet's session (each poll is a request that keeps the session alive).
PAUSE_AFTER_SECONDS = 10 * 60


def _context(engagement: Engagement) -> dict[str, Any]:
    interviews, tables = display.tables_html(engagement)
    return {
        "engagement": engagement,
        "phase_number": PHASE,
        "page_title": TITLE,
        "as_of": timezone.now(),  # the fingerprint was read just now: the figures are current as of now
        "interviews": interviews,
        "tables": tables,
        "poll_seconds": POLL_SECONDS,
        "pause_after_seconds": min(PAUSE_AFTER_SECONDS, settings.SENSITIVE_SESSION_IDLE_TIMEOUT),
    }


@never_cache
@login_required
@require_GET
def debrief(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_DEBRIEF)
    return render(request, "debrief/debrief.html", _context(engagement))


@never_cache
@login_required
@require_GET
def debrief_live(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    """The tables alone, for the page's htmx polling."""
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_DEBRIEF)
    return render(request, "debrief/debrief.html#live", _context(engagement))
