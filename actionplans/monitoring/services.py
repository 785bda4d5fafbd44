"""Phase 7 writes: progress with evidence, verification and closing, reopening, external verification.

Every service is atomic, validates with ``full_clean()``, raises ``ValidationError`` with a message for the
person, and leaves an audit entry (the fact, never a file's content). The rules of closing are plain
functions (``closing_blockers``) so that the page can say in advance what is missing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.models import Action, ActionStatus
from actionplans.monitoring.models import (
    REPORTABLE_STATUSES,
    Decision,
    Evidence,
    ExternalVerification,
    FinancialRemediation,
    ProgressUpdate,
    Verification,
)
from audit.log import record
from interviews.preparation import uploads
from interviews.preparation.services.business import file_download


def _engagement(action: Action) -> Any:
    return action.plan.engagement


def is_financial_remediation(action: Action) -> bool:
    return FinancialRemediation.objects.filter(action=action).exists()


def closing_blockers(action: Action) -> list[str]:
    """What stops the assessment team from closing this action, in words for the page (empty: it may close).

    Guide, phase 7: an action closes on evidence the team has verified; financial remediation such as fee
    repayment is verified externally as well.
    """
    blockers = []
    if action.is_closed:
        blockers.append(_("The action is already closed."))
    if not Evidence.objects.filter(action=action).exists():
        blockers.append(_("No evidence is on file: progress must be reported with an evidence file first."))
    if is_financial_remediation(action) and not ExternalVerification.objects.filter(action=action).exists():
        blockers.append(_("This is financial remediation: record the external verification first."))
    return blockers


@transaction.atomic
def progress_report(
    *,
    actor: Any,
    action: Action,
    text: str,
    status: str,
    evidence: uploads.CheckedUpload | None = None,
) -> ProgressUpdate:
    """Report what was done, optionally with an evidence file (checked by content). Never closes the action."""
    if status not in REPORTABLE_STATUSES:
        raise ValidationError({"status": _("Only the assessment team closes an action, after verifying it.")})
    if action.is_closed:
        raise ValidationError(_("This action is closed: it must be reopened before more progress is reported."))
    engagement = _engagement(action)
    update = ProgressUpdate(engagement=engagement, action=action, text=text.strip(), status=status, reported_by=actor)
    update.full_clean()
    update.save()
    detail: dict[str, Any] = {"status": status, "evidence": None}
    if evidence is not None:
        item = Evidence(engagement=engagement, action=action, update=update, uploaded_by=actor)
        with uploads.stored(evidence, engagement=engagement) as stored:
            for name, value in stored.items():
                setattr(item, name, value)
            item.full_clean()
            item.save()
        detail["evidence"] = {"kind": evidence.kind, "size": evidence.size}
    previous = action.status
    if previous != status:
        action.status = status
        action.save(update_fields=["status", "updated_at"])
    record(
        actor=actor,
        verb="action.progress_reported",
        target=action,
        engagement=engagement,
        detail={**detail, "previous_status": previous},
    )
    return update


@transaction.atomic
def action_verify_and_close(*, actor: Any, action: Action, note: str) -> Verification:
    """The assessment team verifies the evidence and closes the action (who, when and the note are kept)."""
    action = Action.objects.select_for_update().select_related("plan__engagement").get(pk=action.pk)
    blockers = closing_blockers(action)
    if blockers:
        raise ValidationError(blockers)
    engagement = _engagement(action)
    verification = Verification(
        engagement=engagement, action=action, decision=Decision.CLOSED, note=note.strip(), decided_by=actor
    )
    verification.full_clean()
    verification.save()
    action.status = ActionStatus.CLOSED
    action.closed_at = timezone.now()
    action.verified_by = actor
    action.save(update_fields=["status", "closed_at", "verified_by", "updated_at"])
    record(actor=actor, verb="action.verified_and_closed", target=action, engagement=engagement)
    return verification


@transaction.atomic
def action_reopen(*, actor: Any, action: Action, reason: str) -> Verification:
    """Reopen a closed action (the harm came back, the evidence did not hold): the reason is kept."""
    action = Action.objects.select_for_update().select_related("plan__engagement").get(pk=action.pk)
    if not action.is_closed:
        raise ValidationError(_("Only a closed action can be reopened."))
    engagement = _engagement(action)
    verification = Verification(
        engagement=engagement, action=action, decision=Decision.REOPENED, note=reason.strip(), decided_by=actor
    )
    verification.full_clean()
    verification.save()
    # Progress was made (it was closed on evidence) but the action is no longer done.
    action.status = ActionStatus.PROGRESS_MADE
    action.closed_at = None
    action.verified_by = None
    action.save(update_fields=["status", "closed_at", "verified_by", "updated_at"])
    record(actor=actor, verb="action.reopened", target=action, engagement=engagement)
    return verification


@transaction.atomic
def external_verification_record(
    *,
    actor: Any,
    action: Action,
    verifier_organisation: str,
    verified_on: date,
    reference: str,
    note: str = "",
    today: date | None = None,
) -> ExternalVerification:
    """Record an outside party's verification of the action (the report itself stays with the verifier)."""
    today = today or timezone.localdate()
    if verified_on > today:
        raise ValidationError({"verified_on": _("The verification cannot be dated in the future.")})
    engagement = _engagement(action)
    verification = ExternalVerification(
        engagement=engagement,
        action=action,
        verifier_organisation=verifier_organisation.strip(),
        verified_on=verified_on,
        reference=reference.strip(),
        note=note.strip(),
        recorded_by=actor,
    )
    verification.full_clean()
    verification.save()
    record(
        actor=actor,
        verb="action.externally_verified",
        target=action,
        engagement=engagement,
        detail={"verifier": verification.verifier_organisation, "reference": verification.reference},
    )
    return verification


@transaction.atomic
def financial_remediation_set(*, actor: Any, action: Action, financial: bool) -> bool:
    """Mark or unmark the action as financial remediation; returns whether anything changed."""
    engagement = _engagement(action)
    existing = FinancialRemediation.objects.filter(action=action).first()
    if financial == (existing is not None):
        return False
    if financial:
        FinancialRemediation.objects.create(engagement=engagement, action=action, marked_by=actor)
    else:
        if action.is_closed:
            raise ValidationError(_("Reopen the action before changing what kind of remediation it is."))
        existing.delete()  # type: ignore[union-attr]
    record(
        actor=actor,
        verb="action.financial_remediation_set",
        target=action,
        engagement=engagement,
        detail={"financial_remediation": financial},
    )
    return True


def evidence_download(*, actor: Any, evidence: Evidence) -> FileResponse:
    """The evidence file as an attachment (nosniff, sandboxed), the download audited."""
    return file_download(actor=actor, obj=evidence)
