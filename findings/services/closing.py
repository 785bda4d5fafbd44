"""Feedback on the shared report, and the formal closing meeting (guide, phase 5 steps 1.5 and 2)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record
from engagements.models import Engagement
from findings.models import ClosingAttendee, ClosingMeeting, ReportFeedback, UrgentAction
from findings.selectors.closing import action_plan_due, shared_reports
from findings.selectors.findings import side_of
from findings.services.meetings import build_rows
from tenancy.access import capabilities_for
from tenancy.roles import Capability


@transaction.atomic
def closing_meeting_record(
    *,
    actor: Any,
    engagement: Engagement,
    held_on: date,
    place: str,
    key_findings: str,
    feedback: str = "",
    action_plan_agreed: bool = False,
    action_plan_from: date | None = None,
    notes: str = "",
    attendees: list[dict[str, Any]],
    urgent_actions: list[dict[str, Any]],
) -> ClosingMeeting:
    """Create or replace the engagement's closing meeting, with its attendees and urgent actions."""
    if not attendees:
        raise ValidationError({"attendees": _("List at least one attendee, with role and organisation.")})
    action_plan_from = action_plan_from or held_on
    if action_plan_from < held_on:
        raise ValidationError(
            {"action_plan_from": _("The action-plan deadline cannot run from before the closing meeting.")}
        )
    if any(row["due_on"] < held_on for row in urgent_actions):
        raise ValidationError({"urgent_actions": _("An urgent action's deadline cannot be before the meeting.")})
    meeting = ClosingMeeting.objects.select_for_update().filter(engagement=engagement).first()
    created = meeting is None
    meeting = meeting or ClosingMeeting(engagement=engagement)
    meeting.held_on, meeting.place = held_on, place.strip()
    meeting.key_findings, meeting.feedback, meeting.notes = key_findings.strip(), feedback.strip(), notes.strip()
    meeting.action_plan_agreed, meeting.action_plan_from = action_plan_agreed, action_plan_from
    meeting.recorded_by = actor
    meeting.full_clean()
    meeting.save()
    for model, rows, field in (
        (ClosingAttendee, attendees, "attendees"),
        (UrgentAction, urgent_actions, "urgent_actions"),
    ):
        built = build_rows(model, meeting, rows, field, parent="meeting")
        model.objects.filter(meeting=meeting).delete()
        model.objects.bulk_create(built)
    due = action_plan_due(engagement)
    record(
        actor=actor,
        verb="closing_meeting.recorded",
        target=meeting,
        engagement=engagement,
        detail={
            "created": created,
            "attendees": len(attendees),
            "urgent_actions": len(urgent_actions),
            "action_plan_due": due.isoformat() if due else None,
        },
    )
    return meeting


@transaction.atomic
def feedback_give(
    *, actor: Any, engagement: Engagement, stakeholder: str, body: str, rendering: Any = None
) -> ReportFeedback:
    """A stakeholder's feedback on the shared report: given by an outside party, or recorded by the team."""
    capabilities = capabilities_for(actor, engagement)
    side = side_of(capabilities)
    if Capability.COMMENT_ON_FINDINGS not in capabilities or side is None:
        raise ValidationError(_("You cannot give feedback on this engagement's report."))
    if rendering is not None and not shared_reports(engagement).filter(pk=rendering.pk).exists():
        raise ValidationError({"rendering": _("Choose a version of the report shared for feedback.")})
    entry = ReportFeedback(
        engagement=engagement,
        rendering=rendering,
        stakeholder=stakeholder.strip(),
        side=side,
        body=body.strip(),
        given_by=actor,
    )
    entry.full_clean()
    entry.save()
    record(
        actor=actor,
        verb="report.feedback_given",
        target=entry,
        engagement=engagement,
        detail={"side": side, "feedback": str(entry.pk), "rendering": str(rendering.pk) if rendering else None},
    )
    return entry
