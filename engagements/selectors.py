"""Read-side queries for engagement pages. Each returns a fixed number of queries, whatever the size."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from engagements.models import ChecklistItem, Engagement, ItemStatus, Participant, Phase
from tenancy.access import engagements_for_user


def _overdue_filter(today: Any) -> Q:
    return Q(status=ItemStatus.OPEN, due_date__lt=today)


def dashboard_engagements(user: Any) -> QuerySet[Engagement]:
    """The user's engagements with current phase, progress and overdue counts, in one query."""
    today = timezone.localdate()
    open_phases = Phase.objects.filter(engagement=OuterRef("pk"), closed_at__isnull=True).order_by("number")
    overdue = (
        ChecklistItem.objects.filter(_overdue_filter(today), engagement=OuterRef("pk"))
        .order_by()
        .values("engagement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    my_role = Participant.objects.filter(engagement=OuterRef("pk"), user=user).values("role")[:1]
    return (
        engagements_for_user(user)
        .select_related("organisation")
        .annotate(
            current_phase_number=Subquery(open_phases.values("number")[:1]),
            current_phase_name=Subquery(open_phases.values("name")[:1]),
            overdue_count=Coalesce(Subquery(overdue, output_field=IntegerField()), Value(0)),
            my_role=Subquery(my_role),
        )
        .order_by("-created_at")
    )


def phases_with_progress(engagement: Engagement) -> QuerySet[Phase]:
    today = timezone.localdate()
    return (
        Phase.objects.filter(engagement=engagement)
        .select_related("closed_by")
        .annotate(
            total=Count("items"),
            resolved=Count("items", filter=Q(items__status__in=[ItemStatus.DONE, ItemStatus.NOT_APPLICABLE])),
            overdue=Count("items", filter=Q(items__status=ItemStatus.OPEN, items__due_date__lt=today)),
            open_mandatory=Count("items", filter=Q(items__status=ItemStatus.OPEN, items__mandatory=True)),
        )
        .order_by("number")
    )


def phase_with_progress(engagement: Engagement, number: int) -> Phase | None:
    return phases_with_progress(engagement).filter(number=number).first()


def overdue_items(engagement: Engagement, limit: int = 20) -> QuerySet[ChecklistItem]:
    return (
        ChecklistItem.objects.filter(_overdue_filter(timezone.localdate()), engagement=engagement)
        .select_related("phase", "owner")
        .order_by("due_date")[:limit]
    )


def phase_items(phase: Phase) -> QuerySet[ChecklistItem]:
    return phase.items.select_related("owner", "done_by").order_by("position")


def current_phase(phases: list[Phase]) -> Phase | None:
    return next((p for p in phases if not p.is_closed), None)
