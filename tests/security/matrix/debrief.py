"""Rows for the daily debrief (phase 4): the assessment team only (VIEW_DEBRIEF).

Its figures are not suppressed, so the business and the worker representatives get 403, the
organisation's admins (who run the organisation, not the assessment) 403, outsiders 404.
"""

from __future__ import annotations

from tests.security.matrix.common import Row, e_kw, engagement_rule

TEAM = ("lead", "assessor", "interviewer")

ROWS: dict[str, Row] = {
    "debrief:debrief": Row({"GET": engagement_rule(*TEAM)}, kwargs=e_kw),
    "debrief:live": Row({"GET": engagement_rule(*TEAM)}, kwargs=e_kw, htmx=True),
}
