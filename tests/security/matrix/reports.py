"""Rows for the reports page and its renderings (phase 5).

The team (lead assessor and assessors: RENDER_REPORTS) asks for, retries and shares renderings. The
business and the worker representatives (VIEW_REPORTS) open the page and download what was shared with
them; interviewers and the organisation's admins hold no capability of phase 5 (403); outsiders 404.
The rows download a shared stakeholders' version; tests/findings/test_report_rendering.py checks that
every other rendering is a 404 to the business and the worker representatives.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from findings.reports.models import Audience, RenderingStatus, ReportKind, ReportRendering
from tests.conftest import World
from tests.security.matrix.common import Row, e_kw, engagement_rule

TEAM = ("lead", "assessor")
READERS = ("lead", "assessor", "business", "workerrep")
PDF = b"%PDF-1.7\n% matrix test file, not a real report\n%%EOF\n"


def _rendering(w: World, **filters: Any) -> ReportRendering:
    return ReportRendering.objects.get(engagement=w.engagement, **filters)


def failed_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "rendering_id": _rendering(w, status=RenderingStatus.FAILED).pk}


def unshared_kw(w: World) -> dict[str, Any]:
    rendering = _rendering(w, status=RenderingStatus.DONE, shared_at__isnull=True)
    return {**e_kw(w), "rendering_id": rendering.pk}


def shared_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "rendering_id": _rendering(w, shared_at__isnull=False).pk}


ROWS: dict[str, Row] = {
    "reports:renderings": Row({"GET": engagement_rule(*READERS)}, kwargs=e_kw),
    "reports:live": Row({"GET": engagement_rule(*READERS)}, kwargs=e_kw, htmx=True),
    "reports:request": Row(
        {"POST": engagement_rule(*TEAM)},
        kwargs=e_kw,
        data=lambda w: {"kind": "full", "audience": "stakeholders", "languages": ["en"]},
    ),
    "reports:retry": Row({"POST": engagement_rule(*TEAM)}, kwargs=failed_kw),
    "reports:share": Row({"POST": engagement_rule(*TEAM)}, kwargs=unshared_kw),
    "reports:download": Row({"GET": engagement_rule(*READERS)}, kwargs=shared_kw),
}


def _done(w: World, kind: str, number: int, *, shared: bool) -> ReportRendering:
    rendering = ReportRendering.objects.create(
        engagement=w.engagement,
        kind=kind,
        audience=Audience.STAKEHOLDERS,
        languages=["en"],
        number=number,
        requested_by=w.user("lead"),
        status=RenderingStatus.DONE,
        progress=100,
        pages=1,
        size=len(PDF),
        finished_at=timezone.now(),
        shared_at=timezone.now() if shared else None,
        shared_by=w.user("lead") if shared else None,
    )
    rendering.file.name = default_storage.save(f"reports/{w.engagement.pk}/{rendering.pk}-matrix.pdf", ContentFile(PDF))
    rendering.save(update_fields=["file"])
    return rendering


def prepare(world: World) -> None:
    """A failed rendering, a finished one not yet shared, and one shared for feedback."""
    ReportRendering.objects.create(
        engagement=world.engagement,
        kind=ReportKind.FULL,
        audience=Audience.STAKEHOLDERS,
        languages=["en"],
        number=1,
        requested_by=world.user("lead"),
        status=RenderingStatus.FAILED,
        error_code="template",
        error="The report's template could not be filled in.",
    )
    _done(world, ReportKind.FULL, 2, shared=False)
    _done(world, ReportKind.PRELIMINARY, 1, shared=True)
