"""The closing meeting and feedback on the report: what each reader sees, and when the action plan is due."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet

from engagements.models import Engagement
from engagements.reference import reference_data
from findings.models import ClosingMeeting, ReportFeedback, Side
from findings.selectors.findings import side_of
from tenancy.roles import Capability


def closing_meeting(engagement: Engagement) -> ClosingMeeting | None:
    """The engagement's closing meeting with its attendees and urgent actions, or None if not recorded."""
    return (
        ClosingMeeting.objects.filter(engagement=engagement)
        .select_related("recorded_by")
        .prefetch_related("attendees", "urgent_actions")
        .first()
    )


def action_plan_days() -> int:
    """Days after the closing meeting within which the action plan's full draft is due (reference: 14)."""
    return int(reference_data()["interview_guidance"]["action_plan_draft_due_days_after_closing"])


def action_plan_due(engagement: Engagement) -> date | None:
    """When the action plan's full draft is due (phase 6), or None before the closing meeting is recorded."""
    start = ClosingMeeting.objects.filter(engagement=engagement).values_list("action_plan_from", flat=True).first()
    return start + timedelta(days=action_plan_days()) if start else None


def shared_reports(engagement: Engagement) -> QuerySet[Any]:
    """The report versions shared for stakeholders' feedback: what an outside reader of reports sees."""
    from findings.reports.selectors import renderings_for

    return renderings_for(engagement, frozenset({Capability.VIEW_REPORTS}))


def feedback_for(engagement: Engagement, capabilities: Any) -> QuerySet[ReportFeedback]:
    """The feedback this reader may read: the team all of it, an outside party its own side's."""
    feedback = ReportFeedback.objects.filter(engagement=engagement).select_related("given_by", "rendering")
    side = side_of(capabilities)
    if side == Side.TEAM:
        return feedback
    return feedback.filter(side=side) if side else feedback.none()
