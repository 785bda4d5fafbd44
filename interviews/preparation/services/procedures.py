"""Procedures for the seven concerns and their sign-off by senior leadership (phase 3, step 2)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from engagements.models import Engagement
from interviews.preparation import uploads
from interviews.preparation.models import Concern, ProcedureAnswer, ProcedureSignOff
from interviews.preparation.services.common import clear_file, delete_after_commit, replace_file


@transaction.atomic
def procedure_answer_set(
    *,
    actor: Any,
    engagement: Engagement,
    concern: str,
    answer: str,
    upload: uploads.CheckedUpload | None = None,
    remove_document: bool = False,
) -> ProcedureAnswer:
    """Record the document or decision that answers one concern, with an optional document."""
    if concern not in Concern.values:
        raise ValidationError(_("Unknown concern."))
    procedure = ProcedureAnswer.objects.filter(engagement=engagement, concern=concern).first()
    created = procedure is None
    procedure = procedure or ProcedureAnswer(engagement=engagement, concern=concern)
    procedure.answer = answer.strip()
    previous = ""
    if remove_document:
        previous = clear_file(procedure)
    if upload is None:
        procedure.full_clean()
        procedure.save()
    else:
        with uploads.stored(upload, engagement=engagement) as stored:
            previous = replace_file(procedure, stored) or previous
            procedure.full_clean()
            procedure.save()
    delete_after_commit(previous)
    record(
        actor=actor,
        verb="procedure.added" if created else "procedure.updated",
        target=procedure,
        engagement=engagement,
        detail={"concern": concern, "document": bool(procedure.file)},
    )
    return procedure


@transaction.atomic
def procedures_sign_off(
    *, actor: Any, engagement: Engagement, signed_by: str, signed_by_role: str, signed_on: date, note: str = ""
) -> ProcedureSignOff:
    """Senior leadership signs the procedures off; every concern must have its answer first."""
    answered = set(
        ProcedureAnswer.objects.filter(engagement=engagement).exclude(answer="").values_list("concern", flat=True)
    )
    missing = [str(Concern(c).label) for c in Concern.values if c not in answered]
    if missing:
        raise ValidationError(
            _("Answer every concern before sign-off. Still open: %(concerns)s.") % {"concerns": ", ".join(missing)}
        )
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("The sign-off date cannot be in the future.")})
    sign_off = ProcedureSignOff(
        engagement=engagement,
        signed_by=signed_by.strip(),
        signed_by_role=signed_by_role.strip(),
        signed_on=signed_on,
        note=note,
        recorded_by=actor,
    )
    sign_off.full_clean()
    sign_off.save()
    record(
        actor=actor,
        verb="procedures.signed_off",
        target=sign_off,
        engagement=engagement,
        detail={"signed_on": signed_on.isoformat(), "concerns": len(answered)},
    )
    return sign_off
