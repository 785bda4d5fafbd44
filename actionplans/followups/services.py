"""Writes of phase 7 follow-ups: cohorts and their interview rounds, the follow-up assessment and its
verdicts per finding, and the grievance and retaliation log. Each is atomic, validated and audited; the
audit records facts (counts, dates, statuses, references), never what a worker reported or who they are.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.followups.models import (
    FindingVerification,
    FollowUpCohort,
    FollowUpRound,
    GrievanceCase,
    GrievanceStatus,
    RoundKind,
    VerificationStatus,
)
from actionplans.followups.rules import default_end, round_window
from actionplans.followups.sealing import open_texts, seal_texts
from actionplans.followups.selectors import suggested_window
from audit.log import record
from engagements.models import Corridor, Engagement
from engagements.services.engagements import corridor_add, engagement_create
from engagements.services.participants import participant_set
from findings.models import Finding, FindingStatus
from tenancy.roles import EngagementRole
from vault.services import MIN_REASON_LENGTH, identity_store_under, identity_unlock_under

# --- Follow-up interviews of newly recruited workers ----------------------------------------------------


@transaction.atomic
def follow_up_cohort_add(
    *,
    actor: Any,
    engagement: Engagement,
    arrival_date: date,
    workers: int,
    corridor: Corridor | None = None,
    nationality: str = "",
) -> FollowUpCohort:
    """A cohort of newly recruited workers, with its two interview rounds planned from the arrival date."""
    if corridor is not None and corridor.engagement_id != engagement.pk:
        raise ValidationError({"corridor": _("Choose one of this engagement's corridors.")})
    if not workers or workers < 1:
        raise ValidationError({"workers": _("Give how many workers arrived (at least one).")})
    cohort = FollowUpCohort(
        engagement=engagement,
        arrival_date=arrival_date,
        workers=workers,
        corridor=corridor,
        nationality=nationality or "",
        created_by=actor,
    )
    cohort.full_clean()
    cohort.save()
    for kind in RoundKind:
        start, end = round_window(kind, arrival_date)
        FollowUpRound.objects.create(cohort=cohort, kind=kind, window_start=start, window_end=end)
    record(
        actor=actor,
        verb="follow_up.cohort_added",
        target=cohort,
        engagement=engagement,
        detail={"arrival_date": arrival_date.isoformat(), "workers": workers},
    )
    return cohort


@transaction.atomic
def follow_up_round_done(
    *, actor: Any, follow_up_round: FollowUpRound, done_on: date, interviewed: int, today: date | None = None
) -> FollowUpRound:
    """Mark a round of follow-up interviews done: when, and how many of the cohort were interviewed."""
    today = today or timezone.localdate()
    round_ = FollowUpRound.objects.select_for_update().select_related("cohort__engagement").get(pk=follow_up_round.pk)
    cohort = round_.cohort
    if done_on > today:
        raise ValidationError({"done_on": _("The interviews cannot be in the future: mark the round once held.")})
    if done_on < cohort.arrival_date:
        raise ValidationError({"done_on": _("The interviews cannot be before the workers arrived.")})
    if not interviewed or interviewed < 1:
        raise ValidationError({"interviewed": _("Give how many workers were interviewed (at least one).")})
    if interviewed > cohort.workers:
        message = _("More workers than the cohort has (%(n)d) cannot be interviewed.") % {"n": cohort.workers}
        raise ValidationError({"interviewed": message})
    was_done = round_.is_done
    round_.done_on, round_.interviewed, round_.done_by = done_on, interviewed, actor
    round_.full_clean()
    round_.save()
    record(
        actor=actor,
        verb="follow_up.round_corrected" if was_done else "follow_up.round_done",
        target=round_,
        engagement=cohort.engagement,
        detail={"kind": round_.kind, "done_on": done_on.isoformat(), "interviewed": interviewed},
    )
    return round_


# --- The follow-up assessment --------------------------------------------------------------------------


@transaction.atomic
def follow_up_assessment_start(
    *,
    actor: Any,
    engagement: Engagement,
    title: str,
    start_date: date,
    end_date: date | None = None,
    reason: str = "",
) -> Engagement:
    """Start the follow-up assessment of ``engagement``: a new engagement of the same organisation, with the
    same corridors, the actor as its lead assessor, and every released finding carried over to be verified.

    Outside the method's 6-12 months it is allowed with a stated reason (recorded in the audit log).
    """
    if engagement.follow_up_of_id is not None:
        raise ValidationError(_("This is itself a follow-up assessment: start the next one from the first."))
    window = suggested_window(engagement)
    reason = reason.strip()
    outside = window is not None and not window.contains(start_date)
    if outside and len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            {
                "reason": _(
                    "The method asks for the follow-up 6–12 months after the first assessment (%(start)s – %(end)s). "
                    "State why this date (at least 10 characters)."
                )
                % {"start": window.start.isoformat(), "end": window.end.isoformat()}
            }
        )
    findings = list(Finding.objects.filter(engagement=engagement, status=FindingStatus.RELEASED).order_by("number"))
    follow_up = engagement_create(
        actor=actor,
        organisation=engagement.organisation,
        title=title.strip(),
        sector=engagement.sector,
        enterprises=list(engagement.enterprises or []),
        description=_("Follow-up assessment of “%(title)s”: verifies its findings.") % {"title": engagement.title},
        start_date=start_date,
        end_date=end_date or default_end(start_date),
    )
    follow_up.follow_up_of = engagement
    follow_up.save(update_fields=["follow_up_of", "updated_at"])
    for corridor in engagement.corridors.all():
        corridor_add(
            actor=actor,
            engagement=follow_up,
            origin=corridor.origin.code,
            destination=corridor.destination.code,
            transit=[c.code for c in corridor.transit],
        )
    participant_set(actor=actor, engagement=follow_up, user=actor, role=EngagementRole.LEAD_ASSESSOR)
    FindingVerification.objects.bulk_create(
        FindingVerification(engagement=follow_up, finding=finding) for finding in findings
    )
    detail: dict[str, Any] = {
        "follow_up": str(follow_up.pk),
        "start_date": start_date.isoformat(),
        "findings_carried_over": len(findings),
        "outside_window": outside,
    }
    if outside:
        detail["reason"] = reason
    record(actor=actor, verb="follow_up.assessment_started", target=follow_up, engagement=engagement, detail=detail)
    record(
        actor=actor,
        verb="follow_up.findings_carried_over",
        target=follow_up,
        engagement=follow_up,
        detail={"from": str(engagement.pk), "findings": len(findings)},
    )
    return follow_up


@transaction.atomic
def finding_verification_set(
    *, actor: Any, verification: FindingVerification, status: str, note: str = ""
) -> FindingVerification:
    """The follow-up's verdict on one carried-over finding. What remains must be said when not resolved."""
    verification = FindingVerification.objects.select_for_update().get(pk=verification.pk)
    if status not in VerificationStatus.values:
        raise ValidationError({"status": _("Choose a verdict.")})
    note = note.strip()
    if status in (VerificationStatus.PARTLY_RESOLVED, VerificationStatus.NOT_RESOLVED) and not note:
        raise ValidationError({"note": _("Say what remains: the finding is not fully resolved.")})
    previous = verification.status
    verification.status, verification.note = status, note
    if status == VerificationStatus.NOT_VERIFIED:
        verification.verified_by, verification.verified_at = None, None
    else:
        verification.verified_by, verification.verified_at = actor, timezone.now()
    verification.full_clean()
    verification.save()
    record(
        actor=actor,
        verb="follow_up.finding_verified",
        target=verification,
        engagement=verification.engagement,
        detail={"finding": str(verification.finding_id), "status": status, "previous": previous},
    )
    return verification


# --- The grievance and retaliation log -----------------------------------------------------------------

# Crockford's base32 without look-alikes, as the vault's pseudonyms: "G-" keeps it apart from a respondent's "R-".
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference() -> str:
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"G-{chars[:4]}-{chars[4:]}"


def _check_case(case: GrievanceCase, outcome: str, today: date) -> None:
    if case.received_on > today:
        raise ValidationError({"received_on": _("A case cannot be received in the future.")})
    if case.status == GrievanceStatus.REFERRED and not (case.referred_to and case.referred_on):
        raise ValidationError({"referred_to": _("A referred case says to whom and when it was referred.")})
    if bool(case.referred_to) != bool(case.referred_on):
        raise ValidationError({"referred_on": _("Give both to whom and when the case was referred.")})
    if case.referred_on and case.referred_on < case.received_on:
        raise ValidationError({"referred_on": _("A case cannot be referred before it was received.")})
    if case.referred_on and case.referred_on > today:
        raise ValidationError({"referred_on": _("The referral cannot be in the future.")})
    if not case.is_open and not outcome:
        raise ValidationError({"outcome": _("A resolved or closed case says its outcome.")})


@transaction.atomic
def grievance_record(
    *,
    actor: Any,
    engagement: Engagement,
    received_on: date,
    channel: str,
    category: str,
    description: str,
    alleges_retaliation: bool = False,
    reporter_name: str = "",
    reporter_phone: str = "",
    today: date | None = None,
) -> GrievanceCase:
    """Log a case received. Its texts are encrypted; the reporter's name or phone, if given, go only into the
    identity vault under the case's random reference."""
    description = description.strip()
    if not description:
        raise ValidationError({"description": _("Describe what was reported.")})
    case = GrievanceCase(
        engagement=engagement,
        received_on=received_on,
        channel=channel,
        category=category,
        alleges_retaliation=alleges_retaliation,
        recorded_by=actor,
    )
    _check_case(case, "", today or timezone.localdate())
    for _attempt in range(5):
        case.reference = new_reference()
        seal_texts(case, description=description, outcome="")
        case.full_clean()
        try:
            with transaction.atomic():
                case.save()
            break
        except IntegrityError:  # the same reference drawn twice in one engagement: draw again
            continue
    record(
        actor=actor,
        verb="grievance.recorded",
        target=case,
        engagement=engagement,
        detail={
            "reference": case.reference,
            "channel": channel,
            "category": category,
            "alleges_retaliation": alleges_retaliation,
        },
    )
    reporter = {"name": reporter_name.strip(), "phone": reporter_phone.strip()}
    if any(reporter.values()):
        identity_store_under(actor=actor, engagement=engagement, pseudonym=case.reference, payload=reporter)
    return case


@transaction.atomic
def grievance_update(
    *,
    actor: Any,
    case: GrievanceCase,
    status: str,
    referred_to: str = "",
    referred_on: date | None = None,
    outcome: str = "",
    today: date | None = None,
) -> GrievanceCase:
    """Move a case on: its status, the referral made, the outcome (encrypted with the description)."""
    case = GrievanceCase.objects.select_for_update().select_related("engagement__organisation").get(pk=case.pk)
    texts = open_texts(case)
    outcome = outcome.strip()
    previous = case.status
    case.status, case.referred_to, case.referred_on = status, referred_to.strip(), referred_on
    _check_case(case, outcome, today or timezone.localdate())
    case.full_clean()
    seal_texts(case, description=texts.get("description", ""), outcome=outcome)
    case.save()
    record(
        actor=actor,
        verb="grievance.updated",
        target=case,
        engagement=case.engagement,
        detail={
            "reference": case.reference,
            "status": status,
            "previous_status": previous,
            "referred": bool(case.referred_to),
            "outcome_changed": outcome != texts.get("outcome", ""),
        },
    )
    return case


def grievance_reporter_unlock(*, actor: Any, case: GrievanceCase, reason: str) -> dict[str, str] | None:
    """The reporter's name and phone, through the vault's unlock-with-reason (in the access log)."""
    return identity_unlock_under(
        actor=actor, engagement=case.engagement, pseudonym=case.reference, reason=reason, target=case
    )
