"""Writes of the sample: settings and size table, sites, attendance lists, draws (phase 3 step 4)."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record
from engagements.models import Engagement
from interviews.sampling.imports import parse_attendance_list
from interviews.sampling.models import (
    AssessmentSite,
    AttendanceList,
    AttendanceRow,
    SampleDraw,
    SampledWorker,
    SamplingSettings,
    SizeBand,
)
from interviews.sampling.selection import STRATUM_ATTRIBUTES, Band, draw
from interviews.sampling.selectors import list_rows, parameters_for

MAX_SEED = 10**18


@transaction.atomic
def sampling_settings_set(
    *,
    actor: Any,
    engagement: Engagement,
    oversample_percent: int,
    min_per_stratum: int,
    strata: Sequence[str],
    supervisors_per_site: int,
    bands: Sequence[Band] | None = None,
) -> SamplingSettings:
    """The sampling parameters, and the size table when ``bands`` is given (empty: back to the SMETA default)."""
    if bands is not None:
        size_table_set(actor=actor, engagement=engagement, bands=bands)
    unknown = set(strata) - set(STRATUM_ATTRIBUTES)
    if unknown:
        raise ValidationError({"strata": _("Unknown stratification attribute.")})
    chosen, _created = SamplingSettings.objects.get_or_create(engagement=engagement)
    chosen.oversample_percent = oversample_percent
    chosen.min_per_stratum = min_per_stratum
    chosen.strata = [a for a in STRATUM_ATTRIBUTES if a in strata]  # the fixed order of the algorithm
    chosen.supervisors_per_site = supervisors_per_site
    chosen.full_clean()
    chosen.save()
    record(
        actor=actor,
        verb="sample.settings_set",
        target=chosen,
        engagement=engagement,
        detail={
            "oversample_percent": oversample_percent,
            "min_per_stratum": min_per_stratum,
            "strata": chosen.strata,
            "supervisors_per_site": supervisors_per_site,
        },
    )
    return chosen


def _check_bands(bands: Sequence[Band]) -> None:
    expected_min = 1
    for index, band in enumerate(bands):
        last = index == len(bands) - 1
        if band.workers_min != expected_min:
            raise ValidationError(
                _("Row %(n)s should start at %(min)s workers, so that no workforce size is left out.")
                % {"n": index + 1, "min": expected_min}
            )
        if band.workers_max is None and not last:
            raise ValidationError(_("Only the last row may be open-ended."))
        if band.workers_max is not None and band.workers_max < band.workers_min:
            raise ValidationError(_("Row %(n)s ends before it starts.") % {"n": index + 1})
        if band.sample_size < 1:
            raise ValidationError(_("Row %(n)s must interview at least one worker.") % {"n": index + 1})
        expected_min = (band.workers_max or 0) + 1
    if bands and bands[-1].workers_max is not None:
        raise ValidationError(_("Leave the last row's upper bound blank, so that every larger site is covered."))


@transaction.atomic
def size_table_set(*, actor: Any, engagement: Engagement, bands: Sequence[Band]) -> None:
    """The engagement's own size table; an empty table goes back to the SMETA default of the reference."""
    bands = sorted(bands, key=lambda b: b.workers_min)
    _check_bands(bands)
    SizeBand.objects.filter(engagement=engagement).delete()
    rows = [
        SizeBand(engagement=engagement, workers_min=b.workers_min, workers_max=b.workers_max, sample_size=b.sample_size)
        for b in bands
    ]
    for row in rows:
        row.full_clean()
    SizeBand.objects.bulk_create(rows)
    record(
        actor=actor,
        verb="sample.size_table_set" if bands else "sample.size_table_reset",
        engagement=engagement,
        detail={"bands": [[b.workers_min, b.workers_max, b.sample_size] for b in bands]},
    )


@transaction.atomic
def site_create(*, actor: Any, engagement: Engagement, name: str, workers_on_site: int | None) -> AssessmentSite:
    site = AssessmentSite(engagement=engagement, name=name.strip(), workers_on_site=workers_on_site)
    site.full_clean()
    site.save()
    record(actor=actor, verb="sample.site_created", target=site, engagement=engagement)
    return site


@transaction.atomic
def site_update(*, actor: Any, site: AssessmentSite, name: str, workers_on_site: int | None) -> AssessmentSite:
    site.name = name.strip()
    site.workers_on_site = workers_on_site
    site.full_clean()
    site.save()
    record(actor=actor, verb="sample.site_updated", target=site, engagement=site.engagement)
    return site


@transaction.atomic
def attendance_list_import(
    *, actor: Any, site: AssessmentSite, content: bytes, filename: str, list_date: date
) -> AttendanceList:
    """Keep the list's positions and stratum attributes; drop every other column; remember the file's SHA-256."""
    parsed = parse_attendance_list(content, filename)
    attendance = AttendanceList(
        engagement=site.engagement,
        site=site,
        list_date=list_date,
        sha256=hashlib.sha256(content).hexdigest(),
        file_format="xlsx" if filename.lower().endswith(".xlsx") else "csv",
        columns_kept=parsed.kept,
        columns_dropped=parsed.dropped,
        uploaded_by=actor,
    )
    attendance.full_clean()
    attendance.save()
    AttendanceRow.objects.bulk_create(
        [
            AttendanceRow(
                engagement=site.engagement,
                attendance_list=attendance,
                position=row.position,
                nationality=row.nationality,
                gender=row.gender,
                recruiter=row.recruiter,
                department=row.department,
                shift=row.shift,
                contract_type=row.contract_type,
                is_supervisor=row.is_supervisor,
            )
            for row in parsed.rows
        ],
        batch_size=1000,
    )
    record(
        actor=actor,
        verb="sample.list_uploaded",
        target=attendance,
        engagement=site.engagement,
        detail={"rows": len(parsed.rows), "sha256": attendance.sha256, "columns_dropped": parsed.dropped},
    )
    return attendance


def new_seed() -> int:
    return secrets.randbelow(10**12)


@transaction.atomic
def sample_draw(*, actor: Any, attendance_list: AttendanceList, seed: int | None = None) -> SampleDraw:
    """Draw the sample from the list with the engagement's parameters; a seed not given is drawn at random."""
    if seed is None:
        seed = new_seed()
    if not 0 <= seed < MAX_SEED:
        raise ValidationError({"seed": _("Give a whole number from 0 to 18 digits long.")})
    parameters = parameters_for(attendance_list.site)
    rows = list_rows(attendance_list.pk)
    selection = draw(rows, seed, parameters)
    if not selection.workers:
        raise ValidationError(_("The list has no worker to draw from."))
    result = SampleDraw.objects.create(
        engagement=attendance_list.engagement,
        attendance_list=attendance_list,
        seed=seed,
        parameters=parameters.as_json(),
        summary={
            "workforce": selection.workforce,
            "table_size": selection.table_size,
            "with_margin": selection.with_margin,
            "target": selection.target,
            "workers_on_list": sum(1 for r in rows if not r.is_supervisor),
            "supervisors_on_list": sum(1 for r in rows if r.is_supervisor),
            "strata": [
                {"label": list(s.label), "population": s.population, "allocated": s.allocated} for s in selection.strata
            ],
        },
        drawn_by=actor,
    )
    row_ids = dict(AttendanceRow.objects.filter(attendance_list=attendance_list).values_list("position", "pk"))
    SampledWorker.objects.bulk_create(
        [
            SampledWorker(engagement=attendance_list.engagement, draw=result, row_id=row_ids[position])
            for position in (*selection.workers, *selection.supervisors)
        ]
    )
    record(
        actor=actor,
        verb="sample.drawn",
        target=result,
        engagement=attendance_list.engagement,
        detail={
            "seed": seed,
            "sha256": attendance_list.sha256,
            "workers": len(selection.workers),
            "supervisors": len(selection.supervisors),
        },
    )
    return result
