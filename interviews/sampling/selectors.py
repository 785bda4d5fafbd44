"""Reads of the sample and the plan: the size table in force, the parameters, the current draw."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from engagements.models import Engagement, Participant
from engagements.reference import reference_data
from interviews.sampling.models import (
    AssessmentSite,
    AttendanceRow,
    SampleDraw,
    SampledWorker,
    SamplingSettings,
    SizeBand,
)
from interviews.sampling.selection import Band, ListRow, Parameters
from tenancy.roles import ASSESSMENT_TEAM_ROLES


def default_bands() -> tuple[Band, ...]:
    """The SMETA best-practice rows of the reference (provisional), with the computed total as the floor.

    The reference marks one row inconsistent (1,001-2,000: 52 printed, 60 computed) and says to use the
    larger computed figure until checked; ``total_interviewed_computed`` is that figure for every row.
    """
    return tuple(
        Band(row["workers_min"], row["workers_max"], row["total_interviewed_computed"])
        for row in reference_data()["smeta_sample_sizes"]
    )


def reference_rows() -> list[dict[str, Any]]:
    return reference_data()["smeta_sample_sizes"]


def reference_meta() -> dict[str, Any]:
    return reference_data()["smeta_sample_sizes_meta"]


def settings_for(engagement: Engagement) -> SamplingSettings:
    """The engagement's settings, or unsaved defaults."""
    found = SamplingSettings.objects.filter(engagement=engagement).first()
    return found or SamplingSettings(engagement=engagement)


def bands_for(engagement: Engagement) -> tuple[Band, ...]:
    own = SizeBand.objects.filter(engagement=engagement).order_by("workers_min")
    return tuple(Band(b.workers_min, b.workers_max, b.sample_size) for b in own) or default_bands()


def uses_own_table(engagement: Engagement) -> bool:
    return SizeBand.objects.filter(engagement=engagement).exists()


def parameters_for(site: AssessmentSite) -> Parameters:
    chosen = settings_for(site.engagement)
    return Parameters(
        bands=bands_for(site.engagement),
        oversample_percent=chosen.oversample_percent,
        min_per_stratum=chosen.min_per_stratum,
        strata=tuple(chosen.strata),
        supervisors=chosen.supervisors_per_site,
        workforce=site.workers_on_site,
    )


def list_rows(attendance_list_id: Any) -> list[ListRow]:
    fields = ("position", "nationality", "gender", "recruiter", "department", "shift", "contract_type")
    return [
        ListRow(*values[:-1], is_supervisor=values[-1])
        for values in AttendanceRow.objects.filter(attendance_list_id=attendance_list_id)
        .order_by("position")
        .values_list(*fields, "is_supervisor")
    ]


def current_draw(site: AssessmentSite) -> SampleDraw | None:
    """The latest draw of the site: the sample the day's interviews follow."""
    return (
        SampleDraw.objects.filter(attendance_list__site=site)
        .select_related("attendance_list")
        .order_by("-created_at")
        .first()
    )


def selected_in(draw: SampleDraw) -> QuerySet[SampledWorker]:
    return SampledWorker.objects.filter(draw=draw).select_related("row", "slot").order_by("row__position")


def team(engagement: Engagement) -> QuerySet[Participant]:
    """The people who may interview: the lead assessor, assessors and interviewers."""
    return (
        Participant.objects.filter(engagement=engagement, role__in=[str(r) for r in ASSESSMENT_TEAM_ROLES])
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def team_users(engagement: Engagement) -> QuerySet[Any]:
    from accounts.models import User

    return User.objects.filter(pk__in=team(engagement).values("user")).order_by("full_name", "email")


def unscheduled_by_site(engagement: Engagement) -> dict[Any, int]:
    """How many workers of each site's current sample have no interview yet (two queries in all)."""
    current: dict[Any, Any] = {}
    draws = SampleDraw.objects.filter(engagement=engagement).order_by("-created_at")
    for draw_id, site_id in draws.values_list("pk", "attendance_list__site_id"):
        current.setdefault(site_id, draw_id)
    counts = (
        SampledWorker.objects.filter(draw_id__in=current.values(), slot__isnull=True)
        .order_by()
        .values_list("draw__attendance_list__site_id")
        .annotate(n=Count("pk"))
    )
    return dict(counts)
