"""Who sees which rendering: the one rule, and the ways in built on it.

* The team (RENDER_REPORTS: lead assessor and assessors) sees every rendering of the engagement.
* Anyone else holding VIEW_REPORTS (the business, the worker representatives) sees only stakeholders'
  versions that are finished and were shared for feedback. Any other rendering is a 404 to them, so
  its existence never shows; a team-only (confidential) copy can never be shared.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from engagements.models import Engagement
from findings.reports.models import Audience, RenderingStatus, ReportRendering
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability


def renderings_for(engagement: Engagement, capabilities: Any) -> QuerySet[ReportRendering]:
    """THE rule: the renderings this reader may see or know exist, newest first."""
    renderings = ReportRendering.objects.filter(engagement=engagement).select_related("requested_by", "shared_by")
    if Capability.RENDER_REPORTS in capabilities:
        return renderings
    if Capability.VIEW_REPORTS in capabilities:
        return renderings.filter(audience=Audience.STAKEHOLDERS, status=RenderingStatus.DONE, shared_at__isnull=False)
    return renderings.none()


def get_rendering_for_user(
    user: Any, engagement_id: Any, rendering_id: Any, capability: Capability = Capability.VIEW_REPORTS
) -> tuple[Engagement, ReportRendering]:
    """One rendering through the engagement: 404 when out of reach or not visible to this reader."""
    engagement = get_engagement_for_user(user, engagement_id, capability)
    rendering = renderings_for(engagement, engagement.capabilities).filter(pk=rendering_id).first()
    if rendering is None:
        raise Http404
    rendering.engagement = engagement  # already loaded, with the organisation the audit needs
    return engagement, rendering


def any_pending(renderings: list[ReportRendering]) -> bool:
    return any(r.is_pending for r in renderings)
