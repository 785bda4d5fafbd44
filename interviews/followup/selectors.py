"""Reading follow-up data: the engagement's line, the workers who agreed to calls, their call logs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from engagements.models import Engagement
from interviews.followup.models import CallOutcome, FollowUpCall, FollowUpLine
from interviews.followup.notes import notes_cipher, open_notes
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability
from vault.models import Respondent


def follow_up_line(engagement: Engagement) -> FollowUpLine | None:
    """The line to give workers (number, hours, languages, who answers, what to read out), if set."""
    return FollowUpLine.objects.filter(engagement=engagement).first()


def follow_up_respondents(engagement: Engagement) -> QuerySet[Respondent]:
    """Workers who agreed to follow-up calls, and those who later asked not to be called (their log stays).

    One query: the latest call and whether retaliation was ever reported come as annotations.
    """
    calls = FollowUpCall.objects.filter(respondent=OuterRef("pk"))
    return (
        Respondent.objects.filter(engagement=engagement)
        .select_related("consent")
        .annotate(
            n_calls=Count("follow_up_calls"),
            last_called_on=Max("follow_up_calls__called_on"),
            last_outcome=Subquery(calls.order_by("-called_on", "-created_at").values("outcome")[:1]),
            retaliation_reported=Exists(calls.filter(outcome=CallOutcome.RETALIATION)),
        )
        .filter(Q(consent__follow_up_calls=True) | Q(n_calls__gt=0))
        .order_by("consent__given_on", "pseudonym")
    )


def follow_up_list(engagement: Engagement) -> list[Respondent]:
    """The follow-up list as shown: each row with its last outcome's label."""
    rows = list(follow_up_respondents(engagement))
    for row in rows:
        row.last_outcome_label = CallOutcome(row.last_outcome).label if row.last_outcome else ""
    return rows


def get_follow_up_respondent_for_user(user: Any, engagement_id: Any, respondent_id: Any) -> tuple[Engagement, Any]:
    """A worker of the follow-up list, or 404: anyone else's pseudonym is not reachable here."""
    engagement = get_engagement_for_user(user, engagement_id, Capability.VIEW_FOLLOW_UP)
    respondent = follow_up_respondents(engagement).filter(pk=respondent_id).first()
    if respondent is None:
        raise Http404
    return engagement, respondent


@dataclass(frozen=True)
class CallEntry:
    call: FollowUpCall
    note: str
    referral: str


def call_log(respondent: Respondent) -> list[CallEntry]:
    """The calls to one worker, newest first, with their notes decrypted (one key unwrap)."""
    calls = list(respondent.follow_up_calls.select_related("recorded_by", "referred_to"))
    if not calls:
        return []
    cipher = notes_cipher(respondent.engagement_id)
    entries = []
    for call in calls:
        notes = open_notes(call, cipher)
        entries.append(CallEntry(call=call, note=notes.get("note", ""), referral=notes.get("referral", "")))
    return entries
