"""Asking for, retrying, sharing and downloading report renderings; every one audited.

The rendering itself is done by a worker (``findings.reports.tasks``, through ``findings.reports.worker``):
these services only record what people asked for and hand the work over once the request commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from engagements.models import Engagement
from findings.reports import languages as report_languages
from findings.reports.models import Audience, RenderingStatus, ReportKind, ReportRendering
from tenancy.access import capabilities_for
from tenancy.roles import Capability

MAX_LANGUAGES = 4


def _enqueue(rendering: ReportRendering) -> None:
    from findings.reports.tasks import render_report

    rendering_id = str(rendering.pk)
    # Robust: if the broker is down, the request still succeeds and the version stays queued; a worker
    # queues it again when it starts (worker.requeue_interrupted).
    transaction.on_commit(lambda: render_report.delay(rendering_id), robust=True)


def _lock_engagement(engagement: Engagement) -> None:
    """Serialise the numbering of an engagement's versions (two requests at once get two numbers)."""
    Engagement.objects.select_for_update().filter(pk=engagement.pk).values_list("pk", flat=True).first()


def _clean_languages(engagement: Engagement, codes: Sequence[str]) -> list[str]:
    offered = {lang.code for lang in report_languages.offered(engagement)}
    chosen = list(dict.fromkeys(codes))
    if not chosen:
        raise ValidationError({"languages": _("Choose at least one language.")})
    if len(chosen) > MAX_LANGUAGES:
        raise ValidationError({"languages": _("Choose at most %(n)s languages.") % {"n": MAX_LANGUAGES}})
    if any(code not in offered for code in chosen):
        raise ValidationError({"languages": _("Choose from the languages offered.")})
    return chosen


@transaction.atomic
def rendering_request(
    *, actor: Any, engagement: Engagement, kind: str, audience: str, languages: Sequence[str]
) -> ReportRendering:
    """A new numbered version, queued for a worker."""
    if kind not in ReportKind.values:
        raise ValidationError({"kind": _("Choose a report.")})
    if audience not in Audience.values:
        raise ValidationError({"audience": _("Choose who the report is for.")})
    # The team's copy shows figures drawn from fewer than k respondents: only those who may see them ask for it.
    if audience == Audience.TEAM and Capability.SEE_SMALL_CELLS not in capabilities_for(actor, engagement):
        raise ValidationError(
            {"audience": _("You may ask only for the stakeholders' version, with small figures hidden.")}
        )
    chosen = _clean_languages(engagement, languages)
    _lock_engagement(engagement)
    last = ReportRendering.objects.filter(engagement=engagement, kind=kind).aggregate(n=Max("number"))["n"] or 0
    rendering = ReportRendering.objects.create(
        engagement=engagement,
        kind=kind,
        audience=audience,
        languages=chosen,
        number=last + 1,
        requested_by=actor,
    )
    record(
        actor=actor,
        verb="report.requested",
        target=rendering,
        engagement=engagement,
        detail={"kind": kind, "audience": audience, "languages": chosen, "number": rendering.number},
    )
    _enqueue(rendering)
    return rendering


@transaction.atomic
def rendering_retry(*, actor: Any, rendering: ReportRendering) -> ReportRendering:
    """Queue a failed (or stalled) rendering again: the same version, so a retry never adds a number."""
    rendering = ReportRendering.objects.select_for_update().get(pk=rendering.pk)
    if not rendering.may_retry:
        raise ValidationError(_("Only a failed rendering can be tried again."))
    rendering.status = RenderingStatus.QUEUED
    rendering.progress = 0
    rendering.stage = ""
    rendering.claim = None
    rendering.heartbeat_at = timezone.now()  # so that it is not stalled again at once
    rendering.save(update_fields=["status", "progress", "stage", "claim", "heartbeat_at", "updated_at"])
    record(
        actor=actor,
        verb="report.retried",
        target=rendering,
        engagement=rendering.engagement,
        detail={
            "number": rendering.number,
            "after": rendering.error_code or rendering.status,
            "attempts": rendering.attempts,
        },
    )
    _enqueue(rendering)
    return rendering


@transaction.atomic
def rendering_share(*, actor: Any, rendering: ReportRendering) -> ReportRendering:
    """Share a stakeholders' version for feedback (phase 5 step 1, key action 5): the business and the
    worker representatives can then download it. The team's confidential copy is never shared."""
    rendering = ReportRendering.objects.select_for_update().get(pk=rendering.pk)
    if rendering.audience != Audience.STAKEHOLDERS:
        raise ValidationError(_("The team's confidential copy cannot be shared: render a stakeholders' version."))
    if rendering.status != RenderingStatus.DONE:
        raise ValidationError(_("Only a finished rendering can be shared."))
    if rendering.shared_at is None:
        rendering.shared_at = timezone.now()
        rendering.shared_by = actor
        rendering.save(update_fields=["shared_at", "shared_by", "updated_at"])
        record(
            actor=actor,
            verb="report.shared",
            target=rendering,
            engagement=rendering.engagement,
            detail={"number": rendering.number, "kind": rendering.kind},
        )
    return rendering


def rendering_download(*, actor: Any, rendering: ReportRendering) -> FileResponse:
    """The PDF as an attachment, with who took it in the audit log."""
    if rendering.status != RenderingStatus.DONE or not rendering.file:
        raise ValidationError(_("This rendering has no file."))
    handle = default_storage.open(rendering.file.name, "rb")
    record(
        actor=actor,
        verb="report.downloaded",
        target=rendering,
        engagement=rendering.engagement,
        detail={"number": rendering.number, "kind": rendering.kind, "audience": rendering.audience},
    )
    response = FileResponse(handle, as_attachment=True, filename=rendering.filename, content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
