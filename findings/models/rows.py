"""The rows of the lists recorded with a meeting: who attended, and the actions agreed with who acts and by
when. The preliminary findings meeting (phase 4) and the closing meeting (phase 5) keep the same lists, so
their rows share one shape; each concrete row only names the meeting it belongs to."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from mapping_platform.db import BaseModel

ENGAGEMENT = "engagements.Engagement"


class MeetingRow(BaseModel):
    """A row of a meeting's list, kept in the order it was entered. The engagement is stored on the row so
    that tenant scoping never has to go through the meeting."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position"]


class AttendeeRow(MeetingRow):
    """A member of staff or a representative who attended; never an interviewed worker."""

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role and organisation"), max_length=200)

    class Meta(MeetingRow.Meta):
        abstract = True

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


class ActionRow(MeetingRow):
    """An action agreed: what, who acts, by when. A concrete row may relabel ``what``."""

    what = models.CharField(_("action"), max_length=500)
    who_acts = models.CharField(_("who acts"), max_length=200)
    due_on = models.DateField(_("by when"))

    class Meta(MeetingRow.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.what
