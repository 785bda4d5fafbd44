"""Feedback on the shared report and the formal closing meeting (guide, phase 5 steps 1.5 and 2).

"Share the assessment report with all relevant stakeholders and allow time for stakeholders to
share feedback": each stakeholder's feedback is an entry, given in the platform by the business or
the worker representatives, or recorded by the team when it came another way. Each outside party
reads its own side's feedback; the team reads all.

The closing meeting invites senior management, unions and worker representatives, presents the
report's key findings, gathers feedback, and agrees urgent actions (remediation for affected workers
first) and the action plan, whose full draft is due two weeks after it (phase 6, "Develop the action
plan"). The date the two weeks run from is recorded, not assumed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from findings.models.discussion import Side
from findings.models.rows import ActionRow, AttendeeRow
from mapping_platform.db import BaseModel

ENGAGEMENT = "engagements.Engagement"


class ReportFeedback(BaseModel):
    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="report_feedback")
    # The shared version the feedback is about (findings.reports); blank when it came before any was shared.
    rendering = models.ForeignKey(
        "reports.ReportRendering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on the report"),
    )
    stakeholder = models.CharField(_("stakeholder"), max_length=200)
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    body = models.TextField(_("feedback"), max_length=8000)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["stakeholder", "created_at"]
        verbose_name_plural = "report feedback"

    def __str__(self) -> str:
        # No text here: audit entries keep str(target) as their label.
        return f"Feedback from {self.stakeholder}"


class ClosingMeeting(BaseModel):
    engagement = models.OneToOneField(ENGAGEMENT, on_delete=models.CASCADE, related_name="closing_meeting")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    key_findings = models.TextField(_("key findings presented"), max_length=10000)
    feedback = models.TextField(_("feedback on the findings and recommendations"), max_length=10000, blank=True)
    action_plan_agreed = models.BooleanField(
        _("the business agreed to develop and sign off an action plan covering every finding"), default=False
    )
    action_plan_from = models.DateField(_("the two-week action-plan deadline runs from"))
    notes = models.TextField(_("notes"), max_length=10000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Closing meeting of {self.held_on}"


class ClosingAttendee(AttendeeRow):
    """Senior management, unions, worker representatives, the team; never an interviewed worker."""

    meeting = models.ForeignKey(ClosingMeeting, on_delete=models.CASCADE, related_name="attendees")


class UrgentAction(ActionRow):
    """An urgent action agreed, remediation for affected workers first: what, who acts, by when."""

    meeting = models.ForeignKey(ClosingMeeting, on_delete=models.CASCADE, related_name="urgent_actions")
    what = models.CharField(_("urgent action"), max_length=500)
