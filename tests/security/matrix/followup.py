"""Rows for follow-up contact (phase 4): the follow-up line and the follow-up call log.

Only the lead assessor and assessors see who agreed to follow-up calls and keep the call log
(VIEW_FOLLOW_UP); only the lead sets the line (MANAGE_FOLLOW_UP). No one outside the team reaches
any of it, and the phone numbers are on none of these pages.
"""

from __future__ import annotations

from typing import Any

from interviews.followup.services import follow_up_line_set
from tests.conftest import World
from tests.security.matrix.common import Row, e_kw, engagement_rule
from vault.models import Consent, Respondent

LINE = {
    "number": "+00 800 000 0000",
    "free_of_charge": "on",
    "hours": "Every day, 08:00-20:00",
    "languages": ["my", "km"],
    "answered_by": "Test Partner Network",
    "script": "Call this free number if anything happens to you after the interview.",
}


NEEDS = ("vault",)  # the respondent whose follow-up calls the rows log


def _agreed(w: World) -> Respondent:
    """The vault rows' respondent (its module prepares it first: NEEDS), agreeing to follow-up calls."""
    respondent = Respondent.objects.filter(engagement=w.engagement).order_by("created_at").first()
    Consent.objects.filter(respondent=respondent).update(follow_up_calls=True)
    return respondent


def calls_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "respondent_id": _agreed(w).pk}


def _call(w: World) -> dict[str, Any]:
    consent = Consent.objects.get(respondent=_agreed(w))
    return {"called_on": consent.given_on.isoformat(), "outcome": "reached", "note": "Matrix call"}


ROWS: dict[str, Row] = {
    "followup:follow_up": Row({"GET": engagement_rule("lead", "assessor")}, kwargs=e_kw),
    "followup:line": Row(
        {"GET": engagement_rule("lead"), "POST": engagement_rule("lead")}, kwargs=e_kw, data=lambda w: LINE
    ),
    "followup:calls": Row(
        {"GET": engagement_rule("lead", "assessor"), "POST": engagement_rule("lead", "assessor")},
        kwargs=calls_kw,
        data=_call,
    ),
}


def prepare(world: World) -> None:
    """The engagement's follow-up line (the respondent comes from the vault rows' prepare)."""
    fields = {**LINE, "free_of_charge": True}
    follow_up_line_set(actor=world.user("lead"), engagement=world.engagement, **fields)
