"""The discussion of released findings: threaded comments, and the business's position on each finding.

Worker representatives, business reviewers and the team comment on released findings (issue 6, item 6).
A comment is read by everyone who reads the finding, or, when an outside author asks, only by the
assessment team and the author's own side: a worker representative can tell the team something the
business must not read. The business agrees with or disputes each finding with its reasons: the latest position is
the current one, earlier ones stay as its history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mapping_platform.db import BaseModel

ENGAGEMENT = "engagements.Engagement"


class Side(models.TextChoices):
    """Whom a participant speaks for in the discussion (``findings.selectors.side_of`` decides)."""

    TEAM = "team", _("Assessment team")
    BUSINESS = "business", _("Business")
    WORKERS = "workers", _("Worker representatives")


class FindingComment(BaseModel):
    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="+")
    finding = models.ForeignKey("findings.Finding", on_delete=models.CASCADE, related_name="comments")
    # Threads are one level deep: a reply to a reply joins the thread of the comment it answers.
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    # Blank: everyone who reads the finding. A side: only that side and the assessment team. Replies
    # keep their thread's readers, so the team can answer a worker representative in confidence.
    private_to = models.CharField(_("read only by"), max_length=10, choices=Side.choices, blank=True)
    body = models.TextField(_("comment"), max_length=4000)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        # No text here: audit entries keep str(target) as their label.
        return f"Comment on {self.finding_id}"


class Position(models.TextChoices):
    AGREES = "agrees", _("Agrees")
    DISPUTES = "disputes", _("Disputes")


class BusinessPosition(BaseModel):
    """The business's position on a finding; never edited: a new position replaces the current one."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="+")
    finding = models.ForeignKey("findings.Finding", on_delete=models.CASCADE, related_name="positions")
    position = models.CharField(_("position"), max_length=10, choices=Position.choices)
    reasons = models.TextField(_("reasons"), max_length=4000, blank=True)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_position_display()} on {self.finding_id}"
