"""Follow-up contact with workers after the interview (guide, phase 4 step 4, "Follow-up reporting").

* ``FollowUpLine``: the free number every interviewed worker is given to report further issues or
  retaliation directly to the assessment team. Public to the team; it names no worker.
* ``FollowUpCall``: the team's log of retaliation follow-up calls to workers who agreed to be called.
  It names a pseudonym only; the phone number stays in the identity vault, and the call's notes
  are encrypted with the engagement's response key (they may tell what happened to the worker).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from interviews.preparation.languages import language_name
from mapping_platform.db import BaseModel


class FollowUpLine(BaseModel):
    """The engagement's free follow-up line, read out to each worker at the end of the interview."""

    engagement = models.OneToOneField("engagements.Engagement", on_delete=models.CASCADE, related_name="follow_up_line")
    number = models.CharField(_("number"), max_length=40, help_text=_("The number workers call or message."))
    free_of_charge = models.BooleanField(_("free of charge to call"), default=True)
    hours = models.CharField(_("hours"), max_length=200, help_text=_("E.g. “Every day, 08:00–20:00”."))
    languages = models.JSONField(_("languages"), default=list)
    answered_by = models.CharField(
        _("who answers"),
        max_length=200,
        help_text=_("The person or organisation who picks up, e.g. a civil-society partner or the assessment team."),
    )
    script = models.TextField(
        _("what the interviewer reads out"),
        max_length=1500,
        help_text=_("A short text, in plain words: what the line is for, that it is free and confidential."),
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Follow-up line of {self.engagement_id}"

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages]


class CallOutcome(models.TextChoices):
    REACHED = "reached", _("Reached")
    NO_ANSWER = "no_answer", _("No answer")
    DO_NOT_CALL = "do_not_call", _("Asked not to be called again")
    RETALIATION = "retaliation", _("Reported retaliation")


class FollowUpCall(BaseModel):
    """One follow-up call to a worker who agreed to be called, to check for retaliation."""

    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="follow_up_calls")
    # A withdrawal of consent deletes the respondent, and its calls with it.
    respondent = models.ForeignKey("vault.Respondent", on_delete=models.CASCADE, related_name="follow_up_calls")
    called_on = models.DateField(_("date of the call"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=CallOutcome.choices)
    referred_to = models.ForeignKey(
        "preparation.ReferralService",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referred to"),
    )
    # {"note": ..., "referral": ...}, sealed by interviews.followup.notes; never stored in the clear.
    ciphertext = models.BinaryField(editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-called_on", "-created_at"]
        indexes = [models.Index(fields=["engagement", "respondent"])]

    def __str__(self) -> str:  # the audit log copies this: never the note
        return f"Follow-up call {self.pk}"
