"""Desk research and the referral directory (phase 3, step 1)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from engagements.models import Engagement
from interviews.preparation.languages import LANGUAGES
from interviews.preparation.models import GapPolicy, LegalSource, ReferralService
from interviews.preparation.services.common import apply_changes, delete_audited, save_audited

LEGAL_SOURCE_FIELDS = (
    "country",
    "topic",
    "kind",
    "title",
    "summary",
    "source",
    "is_gap",
    "gap_note",
    "policy_status",
    "policy_note",
)
REFERRAL_FIELDS = (
    "country",
    "kind",
    "name",
    "description",
    "contact",
    "hours",
    "languages",
    "free_of_charge",
    "due_diligence",
    "due_diligence_note",
    "suggested_by_workers",
)


def _validate_source(source: LegalSource) -> None:
    if source.is_gap and not source.gap_note.strip():
        raise ValidationError({"gap_note": _("Describe the gap: what the rule allows or fails to prevent.")})
    if not source.is_gap:
        source.policy_status = GapPolicy.NOT_CHECKED


@transaction.atomic
def legal_source_create(*, actor: Any, engagement: Engagement, **fields: Any) -> LegalSource:
    source = LegalSource(engagement=engagement)
    apply_changes(source, fields, LEGAL_SOURCE_FIELDS)
    _validate_source(source)
    return save_audited(actor=actor, obj=source, verb="legal_source.added")


@transaction.atomic
def legal_source_update(*, actor: Any, legal_source: LegalSource, **changes: Any) -> LegalSource:
    changed = apply_changes(legal_source, changes, LEGAL_SOURCE_FIELDS)
    _validate_source(legal_source)
    return save_audited(actor=actor, obj=legal_source, verb="legal_source.updated", fields=changed)


@transaction.atomic
def legal_source_delete(*, actor: Any, legal_source: LegalSource) -> None:
    delete_audited(actor=actor, obj=legal_source, verb="legal_source.removed")


def _validate_service(service: ReferralService) -> None:
    unknown = [code for code in service.languages if code not in LANGUAGES]
    if unknown:
        raise ValidationError({"languages": _("Unknown language codes: %(codes)s.") % {"codes": ", ".join(unknown)}})


@transaction.atomic
def referral_service_create(*, actor: Any, engagement: Engagement, **fields: Any) -> ReferralService:
    service = ReferralService(engagement=engagement)
    apply_changes(service, fields, REFERRAL_FIELDS)
    _validate_service(service)
    return save_audited(actor=actor, obj=service, verb="referral_service.added")


@transaction.atomic
def referral_service_update(*, actor: Any, service: ReferralService, **changes: Any) -> ReferralService:
    changed = apply_changes(service, changes, REFERRAL_FIELDS)
    _validate_service(service)
    return save_audited(actor=actor, obj=service, verb="referral_service.updated", fields=changed)


@transaction.atomic
def referral_service_delete(*, actor: Any, service: ReferralService) -> None:
    delete_audited(actor=actor, obj=service, verb="referral_service.removed")
