"""Idempotent sync of interviews recorded offline, and the resolution of conflicts.

The same record again is a success that stores nothing new; different content under the same UUID
is a conflict, kept (encrypted) and never written over the first. The interviewer decides later:
keep what the server holds, or replace its answers with the held ones, until the day's sheet is
handed in (then only the lead assessor may decide).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import orjson
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record as audit
from engagements.models import Engagement
from interviews.fieldwork.models import Resolution, SlotProgress, SyncConflict, SyncedRecord
from interviews.fieldwork.payload import CleanRecord, clean_record
from interviews.questionnaires.answers import clean_answers
from interviews.questionnaires.models import Question
from interviews.sampling.models import InterviewSlot
from tenancy.access import capabilities_for
from tenancy.roles import Capability
from vault.envelope import cipher_for, data_key
from vault.models import KeyPurpose, Response
from vault.services import respondent_create, response_store, response_update

CREATED, DUPLICATE, CONFLICT = "created", "duplicate", "conflict"


@dataclass(frozen=True)
class SyncOutcome:
    status: str
    record_id: UUID
    received_at: datetime | None = None


def content_digest(engagement_id: Any, payload: dict[str, Any]) -> str:
    """Keyed, so that the digest of a short answer cannot be guessed by hashing candidates."""
    key = data_key(engagement_id, KeyPurpose.RESPONSES)
    return hmac.new(key, orjson.dumps(payload, option=orjson.OPT_SORT_KEYS), hashlib.sha256).hexdigest()


def _conflict_aad(conflict: SyncConflict) -> bytes:
    return f"conflict:{conflict.pk}:{conflict.engagement_id}".encode()


def held_payload(conflict: SyncConflict) -> dict[str, Any]:
    """The record held apart by a conflict, decrypted (callers audit the look)."""
    cipher = cipher_for(conflict.engagement_id, KeyPurpose.RESPONSES, create=False)
    return orjson.loads(cipher.decrypt(bytes(conflict.ciphertext), _conflict_aad(conflict)))


def _count_slot(slot: InterviewSlot) -> None:
    """One more interview synced for this slot; no link to whom, and no time kept."""
    progress, _created = SlotProgress.objects.get_or_create(slot=slot, defaults={"engagement_id": slot.engagement_id})
    SlotProgress.objects.filter(pk=progress.pk).update(interviews=F("interviews") + 1)


def _store(actor: Any, engagement: Engagement, clean: CleanRecord) -> tuple[Any, Response]:
    respondent = respondent_create(
        actor=actor,
        engagement=engagement,
        consent=clean.consent,
        demographics=clean.demographics,
        identity=clean.identity,
    )
    response = response_store(actor=actor, respondent=respondent, answers=clean.answers, version=clean.version)
    if clean.slot is not None:
        _count_slot(clean.slot)
    return respondent, response


def sync_record(*, actor: Any, engagement: Engagement, record_id: UUID, payload: Any) -> SyncOutcome:
    """Store a record once. Raises ValidationError ({"section.field": [...]}) when it is invalid."""
    if not isinstance(payload, dict):
        raise ValidationError({"record": [_("The record must be a JSON object.")]})
    try:
        digest = content_digest(engagement.pk, payload)
    except TypeError as error:  # orjson.JSONEncodeError: e.g. an integer beyond 64 bits (found by schemathesis)
        raise ValidationError({"record": [_("The record holds a number too large to store.")]}) from error
    for _attempt in range(2):
        try:
            with transaction.atomic():
                existing = SyncedRecord.objects.select_for_update().filter(pk=record_id).first()
                if existing is not None:
                    return _known(existing, actor, engagement, digest, payload)
                clean = clean_record(actor=actor, engagement=engagement, payload=payload)
                respondent, response = _store(actor, engagement, clean)
                synced = SyncedRecord.objects.create(
                    id=record_id,
                    engagement=engagement,
                    interviewer=actor,
                    digest=digest,
                    respondent=respondent,
                    response=response,
                )
                return SyncOutcome(CREATED, record_id, synced.received_at)
        except IntegrityError:  # the same record arriving twice at once: the second sees the first
            continue
    raise ValidationError({"record": [_("The record could not be stored; send it again.")]})


def _known(existing: SyncedRecord, actor: Any, engagement: Engagement, digest: str, payload: dict) -> SyncOutcome:
    if existing.engagement_id != engagement.pk or existing.interviewer_id != actor.pk:
        # Never reveal or touch another person's record: to this sender it is simply a conflict.
        return SyncOutcome(CONFLICT, existing.pk)
    if hmac.compare_digest(existing.digest, digest):
        return SyncOutcome(DUPLICATE, existing.pk, existing.received_at)
    # A changed record must still be a valid one: an invalid change is refused (400), not held.
    clean_record(actor=actor, engagement=engagement, payload=payload)
    if not SyncConflict.objects.filter(record=existing, digest=digest).exists():
        conflict = SyncConflict(record=existing, engagement=engagement, digest=digest)
        conflict.ciphertext = cipher_for(engagement.pk, KeyPurpose.RESPONSES).encrypt(
            orjson.dumps(payload), _conflict_aad(conflict)
        )
        conflict.save()
        audit(
            actor=actor,
            verb="sync.conflict",
            target=conflict,
            engagement=engagement,
            detail={"record": str(existing.pk)},
        )
    return SyncOutcome(CONFLICT, existing.pk)


def can_resolve_any_conflict(user: Any, engagement: Engagement) -> bool:
    """The lead assessor decides conflicts on interviews already handed in (the capability matrix says who)."""
    return Capability.RESOLVE_CONFLICTS in capabilities_for(user, engagement)


def _stored_response(conflict: SyncConflict) -> Response:
    response = conflict.record.response
    if response is None:
        raise ValidationError(_("The stored interview no longer exists (consent withdrawn): nothing to replace."))
    return response


@transaction.atomic
def conflict_resolve(*, actor: Any, conflict: SyncConflict, keep: str) -> SyncConflict:
    """Keep the stored interview (``keep="stored"``) or replace its answers by the held ones (``"held"``).

    Replacing goes through the vault's ``response_update``, which refuses once the day's sheet was
    handed in: then the lead assessor decides.
    """
    conflict = (
        SyncConflict.objects.select_for_update(of=("self",))
        .select_related("engagement", "record", "record__response")
        .get(pk=conflict.pk)
    )
    if conflict.resolved_at is not None:
        raise ValidationError(_("This conflict was already resolved."))
    if keep == "held":
        response = _stored_response(conflict)
        decides = can_resolve_any_conflict(actor, conflict.engagement)
        if response.submitted_at is not None and not decides:
            raise ValidationError(
                _(
                    "This interview was handed in with the day's sheet: it can no longer be changed by you. "
                    "The lead assessor must decide which version stands."
                )
            )
        held = held_payload(conflict)
        if str(held.get("questionnaire_version")) != str(response.questionnaire_version_id):
            raise ValidationError(
                _("The held version uses another questionnaire version: the lead assessor must decide.")
            )
        questions = list(Question.objects.filter(version_id=response.questionnaire_version_id).order_by("position"))
        response_update(
            actor=actor,
            response=response,
            answers=clean_answers(questions, held.get("answers") or {}),
            after_hand_in=decides,
        )
        conflict.resolution = Resolution.REPLACED
    elif keep == "stored":
        conflict.resolution = Resolution.KEPT
    else:
        raise ValidationError(_("Choose which version to keep."))
    conflict.resolved_at = timezone.now()
    conflict.resolved_by = actor
    conflict.save(update_fields=["resolution", "resolved_at", "resolved_by", "updated_at"])
    audit(
        actor=actor,
        verb="sync.conflict_resolved",
        target=conflict,
        engagement=conflict.engagement,
        detail={"record": str(conflict.record_id), "resolution": conflict.resolution},
    )
    return conflict
