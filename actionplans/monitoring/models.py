"""Phase 7 records around an action of the plan: progress reported with evidence, the team's verification,
external verification of financial remediation.

The action's own status, ``closed_at`` and ``verified_by`` (``actionplans.models.Action``) say where it stands;
these records say how it got there, and keep every decision (a closing, a reopening) with who, when and why.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from actionplans.models import Action, ActionStatus
from interviews.preparation.models import StoredFile
from mapping_platform.db import BaseModel

ENGAGEMENT = "engagements.Engagement"

# What the person reporting progress may set: only the assessment team's verification closes an action.
REPORTABLE_STATUSES = (ActionStatus.OPEN, ActionStatus.PROGRESS_MADE)


class ProgressUpdate(BaseModel):
    """What was done on an action, as its responsible party (or the team) reports it."""

    # The engagement is kept beside the action so that access checks and the audit log reach it directly.
    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="progress_updates")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="progress_updates")
    text = models.TextField(_("what was done"), max_length=6000)
    status = models.CharField(
        _("status after this update"),
        max_length=16,
        choices=[(s.value, s.label) for s in REPORTABLE_STATUSES],
    )
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Progress on {self.action}"


class Evidence(BaseModel, StoredFile):
    """A file that backs a progress update: checked by content, stored under a random name."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="action_evidence")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.original_name or "evidence"


class Decision(models.TextChoices):
    CLOSED = "closed", _("Verified and closed")
    REOPENED = "reopened", _("Reopened")


class Verification(BaseModel):
    """The assessment team's decision on an action: verified and closed, or reopened (who, when, why)."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="action_verifications")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="verifications")
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    note = models.TextField(_("note"), max_length=3000)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.action}"


class FinancialRemediation(BaseModel):
    """Marks an action as financial remediation (repayment of fees or wages, compensation).

    The guide (phase 7 step 1) asks for external verification "especially of financial remediation such as
    fee repayment": such an action closes only once an external verification is on file. Whether an action
    is one is the assessment team's call, recorded here (a row exists while it is one), rather than guessed
    from the action's words.
    """

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="+")
    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="financial_remediation")
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Financial remediation: {self.action}"


class ExternalVerification(BaseModel):
    """An outside party's verification of an action (typically a fee or wage repayment)."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="external_verifications")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="external_verifications")
    verifier_organisation = models.CharField(_("verifier organisation"), max_length=200)
    verified_on = models.DateField(_("date of verification"))
    reference = models.CharField(
        _("reference"), max_length=200, help_text=_("The verifier's report or letter number, for example.")
    )
    note = models.TextField(_("note"), max_length=3000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-verified_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.verifier_organisation} ({self.reference})"
