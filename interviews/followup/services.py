"""Writes of the follow-up line and the follow-up call log.

A call is logged against a pseudonym only. "Asked not to be called again" withdraws the worker's
consent to calls and removes the phone number from the identity vault, at once, in one transaction.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from engagements.models import Engagement
from interviews.followup.models import CallOutcome, FollowUpCall, FollowUpLine
from interviews.followup.notes import seal_notes
from interviews.preparation.models import ReferralService
from vault.models import Consent, Respondent
from vault.services import follow_up_calls_withdraw

LINE_FIELDS = ("number", "free_of_charge", "hours", "languages", "answered_by", "script")


@transaction.atomic
def follow_up_line_set(*, actor: Any, engagement: Engagement, **fields: Any) -> FollowUpLine:
    """Set the engagement's follow-up line (one per engagement)."""
    line = FollowUpLine.objects.select_for_update().filter(engagement=engagement).first()
    created = line is None
    line = line or FollowUpLine(engagement=engagement)
    changed = [name for name in LINE_FIELDS if name in fields and getattr(line, name) != fields[name]]
    for name in LINE_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(line, name, value.strip() if isinstance(value, str) else value)
    if not line.languages:
        raise ValidationError({"languages": _("Give at least one language the line answers in.")})
    line.updated_by = actor
    line.full_clean()
    line.save()
    record(
        actor=actor,
        verb="follow_up.line_set",
        target=line,
        engagement=engagement,
        detail={"created": created, "fields": changed},
    )
    return line


def _validate_call(consent: Consent, engagement: Engagement, **call: Any) -> None:
    if not consent.follow_up_calls:
        raise ValidationError(
            _("This worker has not agreed to follow-up calls, or asked not to be called again: do not call.")
        )
    called_on: date = call["called_on"]
    if called_on > timezone.localdate():
        raise ValidationError({"called_on": _("The call cannot be in the future: log it once it is made.")})
    if called_on < consent.given_on:
        raise ValidationError({"called_on": _("The call cannot be before the interview's consent date.")})
    if call["outcome"] not in CallOutcome.values:
        raise ValidationError({"outcome": _("Choose the outcome of the call.")})
    if call["outcome"] == CallOutcome.RETALIATION and not call["referral"]:
        raise ValidationError(
            {"referral": _("Retaliation was reported: write the referral made (to whom, and what happens next).")}
        )
    service = call["referred_to"]
    if service is not None and service.engagement_id != engagement.pk:
        raise ValidationError({"referred_to": _("Choose a service from this engagement's referral directory.")})


@transaction.atomic
def follow_up_call_log(
    *,
    actor: Any,
    respondent: Respondent,
    called_on: date,
    outcome: str,
    note: str = "",
    referral: str = "",
    referred_to: ReferralService | None = None,
) -> FollowUpCall:
    """Log one follow-up call; the audit names the pseudonym and the outcome, never the note."""
    consent = Consent.objects.select_for_update().filter(respondent=respondent).first()
    if consent is None:
        raise ValidationError(_("No consent is recorded for this respondent."))
    engagement = respondent.engagement
    note, referral = note.strip(), referral.strip()
    _validate_call(
        consent, engagement, called_on=called_on, outcome=outcome, referral=referral, referred_to=referred_to
    )
    call = FollowUpCall(
        engagement=engagement,
        respondent=respondent,
        called_on=called_on,
        outcome=outcome,
        referred_to=referred_to,
        recorded_by=actor,
    )
    seal_notes(call, note=note, referral=referral)
    call.save()
    record(
        actor=actor,
        verb="follow_up.call_logged",
        target=call,
        engagement=engagement,
        detail={"pseudonym": respondent.pseudonym, "outcome": outcome},
    )
    if outcome == CallOutcome.DO_NOT_CALL:
        follow_up_calls_withdraw(actor=actor, respondent=respondent)
    return call
