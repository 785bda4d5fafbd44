"""Small helpers the preparation services share: apply changes, validate, save and audit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from audit.log import record
from interviews.preparation import uploads
from interviews.preparation.models import StoredFile


def apply_changes(obj: models.Model, changes: dict[str, Any], allowed: Iterable[str]) -> list[str]:
    """Set the allowed fields that differ; returns the names of those changed."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    changed = [name for name, value in changes.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, changes[name])
    return sorted(changed)


def save_audited(*, actor: Any, obj: models.Model, verb: str, fields: list[str] | None = None) -> Any:
    obj.full_clean()
    obj.save()
    detail = {"fields": fields} if fields is not None else {}
    record(actor=actor, verb=verb, target=obj, engagement=obj.engagement, detail=detail)
    return obj


def delete_audited(*, actor: Any, obj: models.Model, verb: str) -> None:
    record(actor=actor, verb=verb, target=obj, engagement=obj.engagement)
    name = obj.file.name if isinstance(obj, StoredFile) else ""
    obj.delete()
    if name:
        transaction.on_commit(lambda: uploads.delete_stored(name))


def replace_file(obj: StoredFile, stored: dict[str, Any]) -> str:
    """Point the object at a newly stored file; returns the name of the file it replaces."""
    previous = obj.file.name if obj.file else ""
    obj.file = stored["file"]
    obj.original_name = stored["original_name"]
    obj.file_kind = stored["file_kind"]
    obj.size = stored["size"]
    return previous


def clear_file(obj: StoredFile) -> str:
    previous = obj.file.name if obj.file else ""
    obj.file = ""
    obj.original_name = ""
    obj.file_kind = ""
    obj.size = None
    return previous


def delete_after_commit(name: str) -> None:
    if name:
        transaction.on_commit(lambda: uploads.delete_stored(name))
