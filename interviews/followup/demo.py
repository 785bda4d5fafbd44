"""The demo's follow-up line, one worker who agreed to follow-up calls, and one call. Entirely fictional."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from engagements.models import Engagement
from interviews.followup.models import CallOutcome, FollowUpCall
from interviews.followup.selectors import follow_up_line
from interviews.followup.services import follow_up_call_log, follow_up_line_set
from vault.models import Consent, Respondent, RespondentKind
from vault.services import identity_update

SCRIPT = (
    "Thank you for speaking with us. If anything happens to you because of this interview, or if you want to "
    "tell us more, call this number. It is free, it is answered in your language, and what you say stays "
    "confidential. You do not have to give your name."
)


@transaction.atomic
def seed_demo_followup(engagement: Engagement, users: dict[str, Any]) -> None:
    lead = users["lead@demo.example"]
    if follow_up_line(engagement) is None:
        follow_up_line_set(
            actor=lead,
            engagement=engagement,
            number="+00 800 000 0000",
            free_of_charge=True,
            hours="Every day, 08:00–20:00",
            languages=["my", "km", "th"],
            answered_by="Demo Migrant Workers' Help Network (civil-society partner)",
            script=SCRIPT,
        )
    agreed = Consent.objects.filter(respondent__engagement=engagement, follow_up_calls=True)
    if agreed.exists() or FollowUpCall.objects.filter(engagement=engagement).exists():
        return
    respondent = (
        Respondent.objects.filter(engagement=engagement, kind=RespondentKind.WORKER, consent__isnull=False)
        .select_related("consent")
        .order_by("created_at", "pseudonym")
        .first()
    )
    if respondent is None:
        return
    # As the tablet records it at consent: the worker agrees, and the phone goes only into the identity vault.
    Consent.objects.filter(respondent=respondent).update(follow_up_calls=True)
    respondent.consent.refresh_from_db()
    identity_update(actor=lead, respondent=respondent, changes={"phone": "+00 000 000 0001"})
    follow_up_call_log(
        actor=users["assessor@demo.example"],
        respondent=respondent,
        called_on=respondent.consent.given_on,
        outcome=CallOutcome.REACHED,
        note="Fictional demo call. No retaliation reported; the worker moved to the day shift as asked.",
    )
