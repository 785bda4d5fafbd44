"""The worker's side of a rendering: claim it, report progress, store the PDF or say why it failed.

Exactly one version per request, whatever happens to workers: the version's row exists before any
worker starts, and a worker *claims* it (a random token) before rendering. Progress, the file and a
failure are written only while that claim stands, so an attempt that was given up on (its worker
died, and another took the rendering over) can never store a second file or overwrite the outcome.

A worker that dies leaves its rendering "rendering". When a worker starts again on the same node it
hands back that node's interrupted renderings at once (``requeue_interrupted``); a claim whose worker
has sent no heartbeat for longer than the task's hard time limit is stale and any worker may take it.
"""

from __future__ import annotations

import hashlib
import logging
import traceback
import uuid
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template import TemplateDoesNotExist, TemplateSyntaxError, VariableDoesNotExist
from django.utils import timezone

from audit.log import record
from findings.reports.models import ERRORS, STALE_AFTER, RenderingStage, RenderingStatus, ReportRendering

logger = logging.getLogger(__name__)

# A rendering queued this long ago whose message may have been lost (the broker down when it was asked
# for) is queued again when a worker starts; a second message is harmless (only one attempt can claim).
QUEUED_GRACE = timedelta(minutes=2)


class ClaimLost(Exception):
    """Another attempt has taken the rendering over: this one stops without writing anything."""


def error_code(exc: BaseException) -> str:
    if isinstance(exc, TemplateSyntaxError | TemplateDoesNotExist | VariableDoesNotExist):
        return "template"
    if isinstance(exc, OSError):
        return "unavailable"
    if type(exc).__module__.startswith(("weasyprint", "pydyf", "tinycss2", "cssselect2")):
        return "layout"
    return "unexpected"


def log_failure(rendering_id: Any, exc: BaseException) -> None:
    """Where it failed, for the operators: the exception's type and the code locations, not its message
    (a message can quote what was being rendered)."""
    frames = "".join(traceback.format_tb(exc.__traceback__))
    logger.error("report rendering %s failed: %s\n%s", rendering_id, type(exc).__name__, frames)


@transaction.atomic
def rendering_claim(rendering_id: Any, *, node: str) -> tuple[ReportRendering, uuid.UUID] | None:
    """The rendering and a fresh claim on it, or None when it is done, failed, gone or held by a live worker."""
    rendering = ReportRendering.objects.select_for_update().select_related("engagement").filter(pk=rendering_id).first()
    if rendering is None:
        return None
    now = timezone.now()
    stale = rendering.heartbeat_at is None or rendering.heartbeat_at < now - STALE_AFTER
    if not (rendering.status == RenderingStatus.QUEUED or (rendering.status == RenderingStatus.RENDERING and stale)):
        return None
    token = uuid.uuid4()
    rendering.status = RenderingStatus.RENDERING
    rendering.claim = token
    rendering.worker = node[:200]
    rendering.attempts += 1
    rendering.started_at = rendering.heartbeat_at = now
    rendering.progress, rendering.stage = 1, RenderingStage.GATHERING
    rendering.error_code = rendering.error = ""
    rendering.save()
    return rendering, token


def rendering_progress(rendering: ReportRendering, token: uuid.UUID, percent: int, stage: str) -> None:
    """Move the progress bar (and beat the heart); stop at once if the claim was taken over."""
    updated = ReportRendering.objects.filter(pk=rendering.pk, claim=token).update(
        progress=max(0, min(99, percent)), stage=stage, heartbeat_at=timezone.now()
    )
    if not updated:
        raise ClaimLost


def _file_prefix(rendering: ReportRendering) -> str:
    return f"reports/{rendering.engagement_id}/{rendering.pk}"


def _remove_leftovers(rendering: ReportRendering, keep: str) -> None:
    """Files of earlier, interrupted attempts at the same version (never referenced by any row)."""
    folder, prefix = _file_prefix(rendering).rsplit("/", 1)
    try:
        _dirs, files = default_storage.listdir(folder)
    except OSError:
        return
    for name in files:
        path = f"{folder}/{name}"
        if name.startswith(prefix) and path != keep:
            default_storage.delete(path)


def rendering_complete(rendering: ReportRendering, token: uuid.UUID, pdf: bytes, *, pages: int) -> bool:
    """Store the PDF and mark the version ready; False (and nothing kept) if the claim was lost."""
    rendering_progress(rendering, token, 99, RenderingStage.SAVING)
    name = default_storage.save(f"{_file_prefix(rendering)}-{token.hex[:12]}.pdf", ContentFile(pdf))
    with transaction.atomic():
        current = ReportRendering.objects.select_for_update().filter(pk=rendering.pk, claim=token).first()
        if current is None:
            transaction.on_commit(lambda: default_storage.delete(name))
            return False
        current.status = RenderingStatus.DONE
        current.progress, current.stage = 100, ""
        current.claim = None
        current.finished_at = timezone.now()
        current.file.name = name
        current.size = len(pdf)
        current.pages = pages
        current.sha256 = hashlib.sha256(pdf).hexdigest()
        current.save()
        record(
            actor=None,
            verb="report.rendered",
            target=current,
            engagement=current.engagement,
            detail={"number": current.number, "pages": pages, "bytes": len(pdf), "attempts": current.attempts},
        )
    _remove_leftovers(rendering, keep=name)
    return True


@transaction.atomic
def rendering_fail(rendering: ReportRendering, token: uuid.UUID, *, code: str) -> None:
    """Record why the rendering failed, in words safe to show; retrying is then up to the team."""
    current = ReportRendering.objects.select_for_update().filter(pk=rendering.pk, claim=token).first()
    if current is None:
        return
    code = code if code in ERRORS else "unexpected"
    current.status = RenderingStatus.FAILED
    current.claim = None
    current.stage = ""
    current.error_code = code
    current.error = str(ERRORS[code])[:300]
    current.finished_at = timezone.now()
    current.save()
    record(
        actor=None,
        verb="report.failed",
        target=current,
        engagement=current.engagement,
        detail={"number": current.number, "error": code, "attempts": current.attempts},
    )


def rendering_release(rendering: ReportRendering, token: uuid.UUID) -> None:
    """Give the rendering back to the queue before an automatic retry (a passing database or storage fault)."""
    ReportRendering.objects.filter(pk=rendering.pk, claim=token).update(
        status=RenderingStatus.QUEUED, claim=None, stage=RenderingStage.RETRYING, heartbeat_at=timezone.now()
    )


def requeue_interrupted(*, node: str) -> list[str]:
    """Ids of the renderings to queue again when a worker starts: its node's interrupted ones, and old
    queued ones whose message may never have reached the broker."""
    now = timezone.now()
    with transaction.atomic():
        interrupted = ReportRendering.objects.select_for_update().filter(status=RenderingStatus.RENDERING, worker=node)
        ids = [str(pk) for pk in interrupted.values_list("pk", flat=True)]
        interrupted.update(status=RenderingStatus.QUEUED, claim=None, stage="", heartbeat_at=None)
    waiting = ReportRendering.objects.filter(status=RenderingStatus.QUEUED, requested_at__lt=now - QUEUED_GRACE)
    ids.extend(str(pk) for pk in waiting.values_list("pk", flat=True) if str(pk) not in ids)
    for rendering_id in ids:
        logger.info("report rendering %s queued again after a worker restart", rendering_id)
    return ids
