"""The on-site meeting that presents preliminary findings (guide, phase 4 step 6).

Two sessions are held apart: the worker representatives' first, "in a confidential environment,
without the presence of management", then management's. Each outside party sees its own session
only (``findings.selectors.visible_session_kinds``). Attendees are staff and representatives,
never the workers who were interviewed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from findings.models.rows import ActionRow, AttendeeRow, MeetingRow
from mapping_platform.db import BaseModel

ENGAGEMENT = "engagements.Engagement"


class SessionKind(models.TextChoices):
    WORKERS = "workers", _("Worker representatives' session")
    MANAGEMENT = "management", _("Management session")


class MeetingSession(BaseModel):
    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="meeting_sessions")
    kind = models.CharField(_("session"), max_length=12, choices=SessionKind.choices)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    findings_presented = models.TextField(_("preliminary findings presented"), max_length=10000)
    notes = models.TextField(_("notes"), max_length=10000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["held_on", "kind"]
        constraints = [models.UniqueConstraint(fields=["engagement", "kind"], name="one_meeting_session_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.held_on}"


class MeetingAttendee(AttendeeRow):
    session = models.ForeignKey(MeetingSession, on_delete=models.CASCADE, related_name="attendees")


class MeetingCriticalFinding(ActionRow):
    """A critical finding that needs immediate action: what, who acts, by when (step 6, action 4)."""

    session = models.ForeignKey(MeetingSession, on_delete=models.CASCADE, related_name="critical_findings")
    what = models.CharField(_("critical finding and the action needed"), max_length=500)


class MeetingNextStep(MeetingRow):
    """A next step agreed, with its date: the final report, the closing meeting, each party's follow-up."""

    session = models.ForeignKey(MeetingSession, on_delete=models.CASCADE, related_name="next_steps")
    what = models.CharField(_("next step"), max_length=500)
    who = models.CharField(_("who"), max_length=200, blank=True)
    due_on = models.DateField(_("date"))

    def __str__(self) -> str:
        return self.what
