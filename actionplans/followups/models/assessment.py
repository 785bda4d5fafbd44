"""The follow-up assessment (guide, phase 7 step 1: "a follow-up assessment 6-12 months after the first").

It is an engagement of its own (``Engagement.follow_up_of``); each released finding of the first assessment is
carried over as a ``FindingVerification`` that the follow-up's team sets: resolved, partly, or not.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mapping_platform.db import BaseModel


class VerificationStatus(models.TextChoices):
    NOT_VERIFIED = "not_verified", _("Not yet verified")
    RESOLVED = "resolved", _("Resolved")
    PARTLY_RESOLVED = "partly_resolved", _("Partly resolved")
    NOT_RESOLVED = "not_resolved", _("Not resolved")


class FindingVerification(BaseModel):
    engagement = models.ForeignKey(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="finding_verifications"
    )
    # The first assessment's finding: kept while a follow-up verifies it.
    finding = models.ForeignKey("findings.Finding", on_delete=models.PROTECT, related_name="verifications")
    status = models.CharField(
        _("verdict"), max_length=16, choices=VerificationStatus.choices, default=VerificationStatus.NOT_VERIFIED
    )
    note = models.TextField(_("what the follow-up found"), max_length=4000, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)

    class Meta:
        ordering = ["finding__number"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "finding"], name="followups_one_verification_per_finding")
        ]

    def __str__(self) -> str:
        return f"Verification of finding {self.finding_id}"

    @property
    def is_verified(self) -> bool:
        return self.status != VerificationStatus.NOT_VERIFIED
