"""Writes to the vault: respondents with consent, responses, identities, withdrawal, retention.

Every service takes the acting user; every unlock, export, withdrawal and destruction is
audited with the fact (which pseudonym, why), never the content.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from engagements.models import Engagement
from vault.envelope import KeyDestroyed, destroy_data_key, pseudonym_lookup
from vault.models import Consent, Identity, KeyPurpose, Respondent, Response, Retention
from vault.records import open_identity, seal_identity, seal_response

# Crockford's base32 without look-alikes: easy to read aloud, nothing to guess from.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
IDENTITY_FIELDS = ("name", "phone", "employee_number", "passport_number", "notes")
MIN_REASON_LENGTH = 10


def new_pseudonym() -> str:
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"R-{chars[:4]}-{chars[4:]}"


@transaction.atomic
def respondent_create(
    *,
    actor: Any,
    engagement: Engagement,
    consent: dict[str, Any],
    demographics: dict[str, Any],
    identity: dict[str, str] | None = None,
) -> Respondent:
    """A new interviewee: consent first, then pseudonymous demographics, and an identity only if given."""
    for _attempt in range(5):
        respondent = Respondent(engagement=engagement, pseudonym=new_pseudonym(), recorded_by=actor, **demographics)
        respondent.full_clean(exclude=["pseudonym"])
        try:
            with transaction.atomic():
                respondent.save()
            break
        except IntegrityError:  # the same pseudonym drawn twice in one engagement: draw again
            continue
    consent_row = Consent(respondent=respondent, recorded_by=actor, **consent)
    if consent_row.share_with_third_party and not consent_row.third_party.strip():
        raise ValidationError({"third_party": _("Name the third party the worker agreed to share with.")})
    consent_row.full_clean()
    consent_row.save()
    record(
        actor=actor,
        verb="consent.recorded",
        target=respondent,
        engagement=engagement,
        detail={"pseudonym": respondent.pseudonym, "kind": consent_row.kind},
    )
    if identity and any(str(v).strip() for v in identity.values()):
        identity_store(actor=actor, respondent=respondent, payload=identity)
    return respondent


def _require_consent(respondent: Respondent) -> None:
    if not Consent.objects.filter(respondent=respondent).exists():
        raise ValidationError(_("No consent is recorded for this respondent: no answer can be stored."))


def _require_published(version: Any, respondent: Respondent) -> None:
    """Answers are given only in a published questionnaire version of the respondent's engagement."""
    if version.engagement_id != respondent.engagement_id:
        raise ValidationError(_("This questionnaire belongs to another engagement."))
    if not version.is_published:
        raise ValidationError(_("Answers can only be given in a published questionnaire version; this one is a draft."))


@transaction.atomic
def response_store(*, actor: Any, respondent: Respondent, answers: dict[str, Any], version: Any = None) -> Response:
    """Store one interview's answers, encrypted; ``version`` is the questionnaire version they were given in."""
    _require_consent(respondent)
    if version is not None:
        _require_published(version, respondent)
    response = Response(
        engagement_id=respondent.engagement_id,
        respondent=respondent,
        interviewer=actor,
        questionnaire_version=version,
    )
    seal_response(response, answers)
    response.save()
    detail = {"pseudonym": respondent.pseudonym}
    if version is not None:
        detail["questionnaire_version"] = str(version.pk)
    record(actor=actor, verb="response.stored", target=response, engagement=respondent.engagement, detail=detail)
    return response


@transaction.atomic
def response_update(
    *, actor: Any, response: Response, answers: dict[str, Any], after_hand_in: bool = False
) -> Response:
    """Change an interview's answers. Once handed in with the day's sheet, only a decision taken for the
    lead assessor (``after_hand_in``, checked by the caller's access rule) may change them; it is audited."""
    if response.submitted_at is not None and not after_hand_in:
        raise ValidationError(_("This response was handed in with the day's sheet and can no longer be changed."))
    _require_consent(response.respondent)
    seal_response(response, answers)
    response.save(update_fields=["ciphertext", "updated_at"])
    record(
        actor=actor,
        verb="response.corrected_after_hand_in" if response.submitted_at is not None else "response.updated",
        target=response,
        engagement=response.respondent.engagement,
        detail={"pseudonym": response.respondent.pseudonym},
    )
    return response


@transaction.atomic
def day_sheet_submit(*, actor: Any, engagement: Engagement) -> int:
    """The interviewer hands in the day's data sheet: their open responses become read-only to them."""
    count = Response.objects.filter(engagement=engagement, interviewer=actor, submitted_at__isnull=True).update(
        submitted_at=timezone.now()
    )
    record(actor=actor, verb="day_sheet.submitted", engagement=engagement, detail={"responses": count})
    return count


@transaction.atomic
def identity_store(*, actor: Any, respondent: Respondent, payload: dict[str, str]) -> Identity:
    return identity_store_under(
        actor=actor, engagement=respondent.engagement, pseudonym=respondent.pseudonym, payload=payload
    )


@transaction.atomic
def identity_store_under(*, actor: Any, engagement: Engagement, pseudonym: str, payload: dict[str, str]) -> Identity:
    """Store an identity under a pseudonym: a respondent's, or another record's random reference (a grievance
    case's reporter), so that every identity lives in the vault, is unlocked the same way and is shredded with it.
    """
    clean = {field: str(payload.get(field, "")).strip() for field in IDENTITY_FIELDS}
    try:
        lookup = pseudonym_lookup(engagement.pk, pseudonym)
    except KeyDestroyed as exc:
        raise ValidationError(_("Identities of this engagement were destroyed at the end of retention.")) from exc
    Identity.objects.filter(engagement_id=engagement.pk, lookup=lookup).delete()
    identity = Identity(engagement_id=engagement.pk, lookup=lookup)
    seal_identity(identity, {"pseudonym": pseudonym, **clean})
    identity.save()
    record(actor=actor, verb="identity.stored", engagement=engagement, detail={"pseudonym": pseudonym})
    return identity


def _identity_of(respondent: Respondent) -> Identity | None:
    lookup = pseudonym_lookup(respondent.engagement_id, respondent.pseudonym)
    return Identity.objects.filter(engagement_id=respondent.engagement_id, lookup=lookup).first()


@transaction.atomic
def identity_unlock(*, actor: Any, respondent: Respondent, reason: str) -> dict[str, str] | None:
    """One respondent's identity, for a stated reason; the look is logged before it is shown."""
    return identity_unlock_under(
        actor=actor, engagement=respondent.engagement, pseudonym=respondent.pseudonym, reason=reason, target=respondent
    )


@transaction.atomic
def identity_unlock_under(
    *, actor: Any, engagement: Engagement, pseudonym: str, reason: str, target: Any = None
) -> dict[str, str] | None:
    """The identity stored under a pseudonym, for a stated reason; the look is logged before it is shown."""
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError({"reason": _("State why you need this identity (at least 10 characters).")})
    try:
        lookup = pseudonym_lookup(engagement.pk, pseudonym)
    except KeyDestroyed as exc:
        raise ValidationError(_("Identities of this engagement were destroyed at the end of retention.")) from exc
    identity = Identity.objects.filter(engagement_id=engagement.pk, lookup=lookup).first()
    record(
        actor=actor,
        verb="identity.unlocked",
        target=target,
        engagement=engagement,
        detail={"pseudonym": pseudonym, "reason": reason, "found": identity is not None},
    )
    if identity is None:
        return None
    payload = open_identity(identity)
    if payload.get("pseudonym") != pseudonym:  # a digest collision would be a bug: fail loudly
        raise ValidationError(_("The identity record does not match this respondent."))
    return payload


@transaction.atomic
def identity_update(*, actor: Any, respondent: Respondent, changes: dict[str, str]) -> Identity | None:
    """Change some fields of a respondent's identity (a blank value removes one), re-sealed in place.

    An identity left with nothing but its pseudonym is deleted: it would only say that the person exists.
    """
    unknown = set(changes) - set(IDENTITY_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown identity field: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    try:
        identity = _identity_of(respondent)
    except KeyDestroyed as exc:
        raise ValidationError(_("Identities of this engagement were destroyed at the end of retention.")) from exc
    payload = open_identity(identity) if identity is not None else {}
    fields = {field: str(payload.get(field, "")).strip() for field in IDENTITY_FIELDS}
    fields.update({field: str(value).strip() for field, value in changes.items()})
    detail = {"pseudonym": respondent.pseudonym, "fields": sorted(changes)}
    if not any(fields.values()):
        if identity is not None:
            identity.delete()
        record(
            actor=actor, verb="identity.updated", engagement=respondent.engagement, detail={**detail, "emptied": True}
        )
        return None
    if identity is None:
        lookup = pseudonym_lookup(respondent.engagement_id, respondent.pseudonym)
        identity = Identity(engagement_id=respondent.engagement_id, lookup=lookup)
    seal_identity(identity, {"pseudonym": respondent.pseudonym, **fields})
    identity.save()
    record(actor=actor, verb="identity.updated", engagement=respondent.engagement, detail=detail)
    return identity


@transaction.atomic
def follow_up_calls_withdraw(*, actor: Any, respondent: Respondent) -> bool:
    """The worker asked not to be called again: the consent says so and the phone leaves the identity vault.

    Returns whether a phone number was removed.
    """
    Consent.objects.filter(respondent=respondent).update(follow_up_calls=False, updated_at=timezone.now())
    try:
        identity = _identity_of(respondent)
    except KeyDestroyed:  # identities were destroyed at the end of retention: no phone is left
        identity = None
    has_phone = identity is not None and bool(str(open_identity(identity).get("phone", "")).strip())
    if has_phone:
        identity_update(actor=actor, respondent=respondent, changes={"phone": ""})
    record(
        actor=actor,
        verb="consent.follow_up_withdrawn",
        target=respondent,
        engagement=respondent.engagement,
        detail={"pseudonym": respondent.pseudonym, "phone_removed": has_phone},
    )
    return has_phone


@transaction.atomic
def consent_withdraw(*, actor: Any, respondent: Respondent) -> None:
    """The worker withdraws: their answers, identity and demographics are deleted; the fact is logged."""
    engagement, pseudonym = respondent.engagement, respondent.pseudonym
    try:
        identity = _identity_of(respondent)
    except KeyDestroyed:
        identity = None
    if identity is not None:
        identity.delete()
    responses = respondent.responses.count()
    respondent.delete()
    record(
        actor=actor,
        verb="consent.withdrawn",
        engagement=engagement,
        detail={"pseudonym": pseudonym, "responses_deleted": responses},
    )


@transaction.atomic
def retention_set(*, actor: Any, engagement: Engagement, keep_until: date) -> Retention:
    retention, _created = Retention.objects.select_for_update().get_or_create(
        engagement=engagement, defaults={"keep_until": keep_until}
    )
    if retention.destroyed_at is not None:
        raise ValidationError(_("Identities of this engagement were already destroyed."))
    retention.keep_until = keep_until
    retention.warned_at = None
    retention.save()
    record(
        actor=actor,
        verb="retention.set",
        target=retention,
        engagement=engagement,
        detail={"keep_until": keep_until.isoformat()},
    )
    return retention


@transaction.atomic
def retention_destroy_identities(*, retention: Retention) -> bool:
    """Crypto-shredding at the end of retention. Idempotent: a second run changes nothing."""
    retention = Retention.objects.select_for_update().select_related("engagement__organisation").get(pk=retention.pk)
    if retention.destroyed_at is not None:
        return False
    destroy_data_key(retention.engagement_id, KeyPurpose.IDENTITIES)
    retention.destroyed_at = timezone.now()
    retention.save(update_fields=["destroyed_at", "updated_at"])
    record(
        actor=None,
        verb="retention.identities_destroyed",
        target=retention,
        engagement=retention.engagement,
        detail={"keep_until": retention.keep_until.isoformat()},
    )
    return True


def retention_run(*, today: date | None = None) -> dict[str, int]:
    """Warn lead assessors ahead of the retention date, then destroy identities once it has passed."""
    from datetime import timedelta

    from django.conf import settings

    from vault.tasks import send_retention_warning

    today = today or timezone.localdate()
    warn_from = today + timedelta(days=settings.RETENTION_WARNING_DAYS)
    warned = 0
    for retention_id in Retention.objects.filter(
        destroyed_at__isnull=True, warned_at__isnull=True, keep_until__gte=today, keep_until__lte=warn_from
    ).values_list("id", flat=True):
        with transaction.atomic():
            # Claim the warning with a conditional update so that two beats never send it twice.
            if Retention.objects.filter(pk=retention_id, warned_at__isnull=True).update(warned_at=timezone.now()):
                warned += 1
                transaction.on_commit(lambda rid=retention_id: send_retention_warning.delay(str(rid)))
    destroyed = sum(
        retention_destroy_identities(retention=retention)
        for retention in Retention.objects.filter(destroyed_at__isnull=True, keep_until__lt=today)
    )
    return {"warned": warned, "destroyed": destroyed}
