"""The grievance and retaliation log (guide, phase 7 step 1; principle "access to grievance mechanisms").

A case is known by a random reference. What the reporter said and the outcome are encrypted with the
engagement's vault key (``actionplans.followups.sealing``); who reported is never here: an optional name or
phone goes only into the identity vault, under the case's reference, and is unlocked one case at a time,
for a stated reason, with the unlock in the access log.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mapping_platform.db import BaseModel


class GrievanceChannel(models.TextChoices):
    FOLLOW_UP_LINE = "follow_up_line", _("Follow-up line")
    CIVIL_SOCIETY = "civil_society", _("Civil-society partner")
    WORKER_REPRESENTATIVES = "worker_representatives", _("Worker representatives")
    OTHER = "other", _("Other")


class GrievanceCategory(models.TextChoices):
    RECRUITMENT_FEES = "recruitment_fees", _("Recruitment fees and related costs")
    WAGES = "wages", _("Wages and deductions")
    HOURS = "hours", _("Working hours and rest")
    DOCUMENTS = "documents", _("Identity documents withheld")
    HOUSING = "housing", _("Housing and accommodation")
    HEALTH_SAFETY = "health_safety", _("Health and safety")
    HARASSMENT = "harassment", _("Harassment, abuse or violence")
    DISCRIMINATION = "discrimination", _("Discrimination")
    THREATS = "threats", _("Threats, intimidation or dismissal")
    OTHER = "other", _("Other")


class GrievanceStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    INVESTIGATING = "investigating", _("Investigating")
    REFERRED = "referred", _("Referred")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


class GrievanceCase(BaseModel):
    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="grievances")
    # Random, like a pseudonym: it keys the reporter's identity in the vault and says nothing about them.
    reference = models.CharField(_("reference"), max_length=16, editable=False)
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("channel"), max_length=24, choices=GrievanceChannel.choices)
    alleges_retaliation = models.BooleanField(_("alleges retaliation"), default=False)
    category = models.CharField(_("category"), max_length=24, choices=GrievanceCategory.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=GrievanceStatus.choices, default=GrievanceStatus.RECEIVED
    )
    # An organisation (a legal-aid CSO, a labour inspectorate), never a worker.
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    referred_on = models.DateField(_("referred on"), null=True, blank=True)
    # {"description": ..., "outcome": ...}, sealed by actionplans.followups.sealing; never stored in the clear.
    ciphertext = models.BinaryField(editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-received_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "reference"], name="followups_unique_grievance_reference")
        ]

    def __str__(self) -> str:  # the audit log copies this: never the description
        return f"Grievance {self.reference}"

    @property
    def is_open(self) -> bool:
        return self.status not in (GrievanceStatus.RESOLVED, GrievanceStatus.CLOSED)
