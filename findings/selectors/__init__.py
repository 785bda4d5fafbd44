"""Reads of the findings app. The contract other apps use: ``findings_for``, ``closing_meeting``,
``action_plan_due`` (phase 6), and the meeting rules of phase 4."""

from findings.selectors.closing import action_plan_due, closing_meeting, feedback_for, shared_reports
from findings.selectors.findings import (
    current_position,
    findings_for,
    findings_list,
    get_finding_for_user,
    side_of,
    source_summary,
    speaks_for_business,
    threads,
)
from findings.selectors.meetings import (
    get_meeting_engagement_for_user,
    get_session_for_user,
    sessions_for,
    visible_session_kinds,
)

__all__ = [
    "action_plan_due",
    "closing_meeting",
    "current_position",
    "feedback_for",
    "findings_for",
    "findings_list",
    "get_finding_for_user",
    "get_meeting_engagement_for_user",
    "get_session_for_user",
    "sessions_for",
    "shared_reports",
    "side_of",
    "source_summary",
    "speaks_for_business",
    "threads",
    "visible_session_kinds",
]
