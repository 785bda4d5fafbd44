"""The one function every service calls to leave an audit entry.

``detail`` must never carry a worker's answer or identity: record the fact
(which pseudonym, which export, why), not the content.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from audit.models import AuditEntry


def record(
    *,
    actor: Any,
    verb: str,
    target: models.Model | None = None,
    engagement: Any = None,
    organisation: Any = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    if organisation is None and engagement is not None:
        organisation = engagement.organisation
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_user else None,
        actor_label=(actor.email if is_user else "system"),
        verb=verb,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        engagement=engagement,
        organisation=organisation,
        detail=detail or {},
    )
