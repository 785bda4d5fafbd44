"""Review of the draft action plan (guide, phase 6 step 3: "have worker representatives review it").

Feedback is given per action and threaded one level deep, as the discussion of findings is: worker
representatives give feedback, the lead assessor and the business answer. The side of each author is read
from the capability matrix when they write (``findings.selectors.findings.side_of``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from findings.models import Side
from mapping_platform.db import BaseModel


class ActionFeedback(BaseModel):
    action = models.ForeignKey("actionplans.Action", on_delete=models.CASCADE, related_name="feedback")
    # A reply to a reply joins the thread of the feedback it answers.
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    body = models.TextField(_("feedback"), max_length=4000)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        # No text: audit entries keep str(target) as their label.
        return f"Feedback on {self.action_id}"
