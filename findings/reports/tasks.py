"""Rendering reports in the background. Tasks take ids, never content.

``render_report`` is a thin adapter: claim the version, render it (``findings.reports.build``), store it
(``findings.reports.worker``). A passing database or storage fault is retried with backoff and jitter;
anything else fails the version with a safe message, for the team to retry.
"""

from __future__ import annotations

import random
from typing import Any

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_ready
from django.db import InterfaceError, OperationalError

from findings.reports import worker

TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
MAX_RETRIES = 3


def _backoff(retries: int) -> float:
    return min(300, 10 * 2**retries) + random.uniform(0, 5)  # noqa: S311 (jitter, not a secret)


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES)
def render_report(self: Any, rendering_id: str) -> None:
    from findings.reports.build import render_pdf

    claimed = worker.rendering_claim(rendering_id, node=self.request.hostname or "local")
    if claimed is None:
        return  # done, failed, gone, or in the hands of a live worker
    rendering, token = claimed
    try:
        pdf, pages = render_pdf(
            rendering, progress=lambda percent, stage: worker.rendering_progress(rendering, token, percent, stage)
        )
        worker.rendering_complete(rendering, token, pdf, pages=pages)
    except worker.ClaimLost:
        return
    except SoftTimeLimitExceeded:
        worker.rendering_fail(rendering, token, code="timeout")
    except TRANSIENT as exc:
        if self.request.retries < MAX_RETRIES:
            worker.rendering_release(rendering, token)
            raise self.retry(countdown=_backoff(self.request.retries), exc=exc) from None
        worker.log_failure(rendering_id, exc)
        worker.rendering_fail(rendering, token, code="unavailable")
    except Exception as exc:
        worker.log_failure(rendering_id, exc)
        worker.rendering_fail(rendering, token, code=worker.error_code(exc))


@worker_ready.connect
def _requeue_after_restart(sender: Any = None, **_kwargs: Any) -> None:
    """A worker starting again finishes what it was rendering when it stopped (see worker.py)."""
    node = getattr(sender, "hostname", "") or ""
    for rendering_id in worker.requeue_interrupted(node=node):
        render_report.delay(rendering_id)
