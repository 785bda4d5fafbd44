"""Idempotent sync of interviews recorded offline.

The same record again is a success that stores nothing new; different content under the same UUID
is a conflict, kept (encrypted) and never written over the first.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import orjson
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audit.log import record as audit
from engagements.models import Engagement
from interviews.fieldwork.models import SyncConflict, SyncedRecord
from vault.envelope import cipher_for, data_key
from vault.forms import ConsentForm, CoreAnswersForm, DemographicsForm
from vault.models import KeyPurpose
from vault.services import respondent_create, response_store

CREATED, DUPLICATE, CONFLICT = "created", "duplicate", "conflict"


@dataclass(frozen=True)
class SyncOutcome:
    status: str
    record_id: UUID
    respondent_pseudonym: str | None = None


def content_digest(engagement_id: Any, payload: dict[str, Any]) -> str:
    """Keyed, so that the digest of a short answer cannot be guessed by hashing candidates."""
    key = data_key(engagement_id, KeyPurpose.RESPONSES)
    return hmac.new(key, orjson.dumps(payload, option=orjson.OPT_SORT_KEYS), hashlib.sha256).hexdigest()


def _valid(form_class: type, data: Any, prefix: str) -> dict[str, Any]:
    form = form_class(data=data if isinstance(data, dict) else {})
    if not form.is_valid():
        raise ValidationError({f"{prefix}.{field}": errors for field, errors in form.errors.items()})
    return form.cleaned_data


def _store(actor: Any, engagement: Engagement, payload: dict[str, Any]) -> Any:
    consent = _valid(ConsentForm, payload.get("consent"), "consent")
    demographics = _valid(DemographicsForm, payload.get("demographics"), "demographics")
    answers_form = CoreAnswersForm(data=payload.get("answers") if isinstance(payload.get("answers"), dict) else {})
    if not answers_form.is_valid():
        raise ValidationError({f"answers.{f}": e for f, e in answers_form.errors.items()})
    respondent = respondent_create(actor=actor, engagement=engagement, consent=consent, demographics=demographics)
    response_store(actor=actor, respondent=respondent, answers=answers_form.answers())
    return respondent


def sync_record(*, actor: Any, engagement: Engagement, record_id: UUID, payload: dict[str, Any]) -> SyncOutcome:
    if not isinstance(payload, dict):
        raise ValidationError(_("The record must be a JSON object."))
    digest = content_digest(engagement.pk, payload)
    for _attempt in range(2):
        try:
            with transaction.atomic():
                existing = SyncedRecord.objects.select_for_update().filter(pk=record_id).first()
                if existing is not None:
                    return _known(existing, actor, engagement, digest, payload)
                respondent = _store(actor, engagement, payload)
                SyncedRecord.objects.create(
                    id=record_id, engagement=engagement, interviewer=actor, digest=digest, respondent=respondent
                )
                return SyncOutcome(CREATED, record_id, respondent.pseudonym)
        except IntegrityError:  # the same record arriving twice at once: the second sees the first
            continue
    raise ValidationError(_("The record could not be stored; send it again."))


def _known(existing: SyncedRecord, actor: Any, engagement: Engagement, digest: str, payload: dict) -> SyncOutcome:
    if existing.engagement_id != engagement.pk or existing.interviewer_id != actor.pk:
        # Never reveal or touch another person's record: to this sender it is simply a conflict.
        return SyncOutcome(CONFLICT, existing.pk)
    if hmac.compare_digest(existing.digest, digest):
        return SyncOutcome(DUPLICATE, existing.pk)
    if not SyncConflict.objects.filter(record=existing, digest=digest).exists():
        conflict = SyncConflict(record=existing, digest=digest)
        aad = f"conflict:{conflict.pk}:{engagement.pk}".encode()
        conflict.ciphertext = cipher_for(engagement.pk, KeyPurpose.RESPONSES).encrypt(orjson.dumps(payload), aad)
        conflict.save()
        audit(
            actor=actor,
            verb="sync.conflict",
            target=conflict,
            engagement=engagement,
            detail={"record": str(existing.pk)},
        )
    return SyncOutcome(CONFLICT, existing.pk)
