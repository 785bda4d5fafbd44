"""Building vault data in tests: plainly fictional sentinels, never real-looking people."""

from __future__ import annotations

from datetime import date
from typing import Any

from engagements.models import Engagement
from vault.models import Respondent
from vault.services import respondent_create, response_store

CONSENT = {
    "kind": "verbal",
    "witnessed_by": "Test Witness",
    "given_on": date(2026, 11, 1),
    "language": "Burmese",
    "use_in_report": True,
}


def interview(
    actor: Any,
    engagement: Engagement,
    *,
    answers: dict[str, Any] | None = None,
    identity: dict[str, str] | None = None,
    **demographics: Any,
) -> Respondent:
    respondent = respondent_create(
        actor=actor,
        engagement=engagement,
        consent=dict(CONSENT),
        demographics={"nationality": "MM", "gender": "woman", "age_band": "25_34", **demographics},
        identity=identity,
    )
    response_store(actor=actor, respondent=respondent, answers=answers or {"paid_recruitment_fees": "yes"})
    return respondent
