"""Reminders in the background: a thin adapter from beat to the dispatcher."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from celery import shared_task
from django.utils import timezone


@shared_task(name="reminders.dispatch", acks_late=True, ignore_result=True)
def dispatch(now: str | None = None, force: bool = False) -> dict[str, Any]:
    """Beat's tick (``now`` omitted: the worker's clock). ``force`` runs in full, bypassing the schedule —
    for tests and the benchmark: exactly once still holds, the claims guarantee it."""
    from reminders.dispatch import reminders_run, reminders_tick

    moment = datetime.fromisoformat(now) if now else timezone.now()
    if force:
        return {"reminders": reminders_run(now=moment)}
    return reminders_tick(now=moment)


@shared_task(name="reminders.email_outbox", acks_late=True, ignore_result=True)
def email_outbox(now: str | None = None) -> dict[str, Any]:
    """Beat, every few minutes: send the reminder and digest emails whose sender died before sending them."""
    from reminders.dispatch import emails_outbox_run

    return emails_outbox_run(now=datetime.fromisoformat(now) if now else timezone.now())
