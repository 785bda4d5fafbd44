"""Rows for the interview data vault."""

from __future__ import annotations

from tests.conftest import World
from tests.security.matrix.common import (
    Row,
    e_kw,
    engagement_rule,
    respondent_kw,
    response_kw,
)
from tests.vault_helpers import interview

ROWS: dict[str, Row] = {
    # The vault: business reviewers, worker representatives and org admins never reach interview data.
    "vault:respondents": Row({"GET": engagement_rule("lead", "assessor", "interviewer")}, kwargs=e_kw),
    # Interviews are recorded in the field app: these addresses lead there, and store nothing.
    "vault:respondent_new": Row(
        {
            "GET": engagement_rule("lead", "assessor", "interviewer"),
            "POST": engagement_rule("lead", "assessor", "interviewer"),
        },
        kwargs=e_kw,
    ),
    "vault:day_sheet_submit": Row({"POST": engagement_rule("lead", "assessor", "interviewer")}, kwargs=e_kw),
    "vault:respondent": Row({"GET": engagement_rule("lead", "assessor", "interviewer")}, kwargs=respondent_kw),
    "vault:response_new": Row(
        {
            "GET": engagement_rule("lead", "assessor", "interviewer"),
            "POST": engagement_rule("lead", "assessor", "interviewer"),
        },
        kwargs=respondent_kw,
    ),
    # Only the interviewer who recorded it changes a response, until the day's sheet is handed in.
    "vault:response_edit": Row(
        {
            "GET": engagement_rule("interviewer"),
            "POST": engagement_rule("interviewer"),
        },
        kwargs=response_kw,
        data=lambda w: {"paid_recruitment_fees": "yes"},
    ),
    "vault:respondent_withdraw": Row(
        {"POST": engagement_rule("lead", "assessor", "interviewer")}, kwargs=respondent_kw
    ),
    "vault:identity_unlock": Row(
        {
            "GET": engagement_rule("lead"),
            "POST": engagement_rule("lead"),
        },
        kwargs=respondent_kw,
        data=lambda w: {"reason": "Follow-up call after a grievance"},
    ),
    "vault:data_protection": Row(
        {
            "GET": engagement_rule("lead"),
            "POST": engagement_rule("lead"),
        },
        kwargs=e_kw,
        data=lambda w: {"keep_until": "2030-12-31"},
    ),
    "vault:raw_export": Row({"GET": engagement_rule("lead")}, kwargs=e_kw),
}


def prepare(world: World) -> None:
    """An interview recorded by the interviewer, with an identity."""
    interview(world.user("interviewer"), world.engagement, identity={"name": "Matrix Test Person"})
