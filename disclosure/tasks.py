"""Rendering a published version's PDF in the background. The task takes an id, never content.

The PDF shows the version's frozen content only (``disclosure/pdf.html``), laid out by WeasyPrint with the
reports' machinery (``findings.reports.build``: the same stylesheet and the fetcher that reaches nothing but
``data:`` URIs). A version is claimed (a random token) before rendering, so that two deliveries of the same
message store one file; a passing fault is retried with backoff.
"""

from __future__ import annotations

import hashlib
import logging
import random
import uuid
from typing import Any

from celery import shared_task
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError, transaction

from audit.log import record
from disclosure.models import PdfStatus, PublishedVersion

logger = logging.getLogger(__name__)
TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
MAX_RETRIES = 3


@transaction.atomic
def _claim(version_id: str) -> tuple[PublishedVersion, uuid.UUID] | None:
    version = PublishedVersion.objects.select_for_update().filter(pk=version_id).first()
    if version is None or version.pdf_status != PdfStatus.QUEUED:
        return None
    token = uuid.uuid4()
    version.pdf_status, version.pdf_claim = PdfStatus.RENDERING, token
    version.pdf_attempts += 1
    version.save(update_fields=["pdf_status", "pdf_claim", "pdf_attempts", "updated_at"])
    return version, token


def _store(version: PublishedVersion, token: uuid.UUID, pdf: bytes, pages: int) -> None:
    path = f"disclosure/{version.engagement_id}/{version.pk}-{token.hex[:12]}.pdf"
    name = default_storage.save(path, ContentFile(pdf))
    with transaction.atomic():
        current = PublishedVersion.objects.select_for_update().filter(pk=version.pk, pdf_claim=token).first()
        if current is None:  # another attempt took it over: keep nothing of this one
            transaction.on_commit(lambda: default_storage.delete(name))
            return
        current.pdf.name = name
        current.pdf_status, current.pdf_claim = PdfStatus.DONE, None
        current.pdf_pages, current.pdf_sha256 = pages, hashlib.sha256(pdf).hexdigest()
        current.save()
        record(
            actor=None,
            verb="disclosure.pdf_rendered",
            target=current,
            engagement=current.engagement,
            detail={"number": current.number, "pages": pages, "bytes": len(pdf)},
        )


def _release(version: PublishedVersion, token: uuid.UUID, status: str) -> None:
    PublishedVersion.objects.filter(pk=version.pk, pdf_claim=token).update(pdf_status=status, pdf_claim=None)


def _backoff(retries: int) -> float:
    return min(300, 10 * 2**retries) + random.uniform(0, 5)  # noqa: S311 (jitter, not a secret)


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES)
def render_public_version(self: Any, version_id: str) -> None:
    from disclosure.render import render_pdf

    claimed = _claim(version_id)
    if claimed is None:
        return
    version, token = claimed
    try:
        pdf, pages = render_pdf(version)
        _store(version, token, pdf, pages)
    except TRANSIENT as exc:
        if self.request.retries < MAX_RETRIES:
            _release(version, token, PdfStatus.QUEUED)
            raise self.retry(countdown=_backoff(self.request.retries), exc=exc) from None
        _release(version, token, PdfStatus.FAILED)
    except Exception as exc:
        # The type only: a message could quote the content being rendered.
        logger.error("public version %s: PDF failed (%s)", version_id, type(exc).__name__)
        _release(version, token, PdfStatus.FAILED)
