from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from audit.models import AuditEntry
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability


@login_required
@require_GET
def engagement_log(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_AUDIT_LOG)
    entries = AuditEntry.objects.filter(engagement=engagement).order_by("-at", "-id")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "audit/engagement_log.html", {"engagement": engagement, "page": page})
