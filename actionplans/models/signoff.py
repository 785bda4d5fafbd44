"""Signatures of the action plan (guide, phase 6 step 3: "obtain sign-off").

A signature binds the exact version signed: the fingerprint of the plan's substance at that moment
(``actionplans.versions.plan_fingerprint``). It counts only while the plan still has that fingerprint;
after a change of substance it asks to be signed again. Signatures are never edited or deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mapping_platform.db import BaseModel


class SignatoryGroup(models.TextChoices):
    """Whom a signature speaks for; decided from the signer's capabilities, never chosen by them."""

    BUSINESS = "business", _("Business senior management")
    WORKERS = "workers", _("Worker representatives")
    TEAM = "team", _("Assessment team (commissioner)")


class Signature(BaseModel):
    plan = models.ForeignKey("actionplans.ActionPlan", on_delete=models.CASCADE, related_name="signatures")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    group = models.CharField(_("signs for"), max_length=10, choices=SignatoryGroup.choices)
    # In what role the signer signs, in their own words: "Plant director", "Union branch secretary".
    signer_role = models.CharField(_("your position"), max_length=200)
    signed_at = models.DateTimeField(_("signed"))
    fingerprint = models.CharField(_("version signed"), max_length=64)

    class Meta:
        ordering = ["-signed_at"]
        indexes = [models.Index(fields=["plan", "group", "fingerprint"])]

    def __str__(self) -> str:
        return f"Signature for {self.group} on {self.fingerprint[:12]}"
