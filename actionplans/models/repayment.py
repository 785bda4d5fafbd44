"""Repayment of recruitment fees (guide, phase 6 step 1: "agreed repayment of fees"; phase 7: verified).

One row per group of workers, from phase 5's fee calculation at the time it was planned: the amount owed in
the reporting currency and how many workers paid. Payments are recorded against it (never a worker's name:
a date, an amount, how many workers were reached, a reference) and verified by the assessment team, by
itself or through a named external verifier.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mapping_platform.db import BaseModel

ENGAGEMENT = "engagements.Engagement"
OVERALL = "overall"  # the dimension of the group "all workers"


class RepaymentPlan(BaseModel):
    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="+")
    dimension = models.CharField(_("grouped by"), max_length=32)  # a fee dimension, or OVERALL
    value = models.CharField(_("group"), max_length=200, blank=True)
    label = models.CharField(_("group"), max_length=200)
    payers = models.PositiveIntegerField(_("workers who paid"))
    amount_owed = models.DecimalField(_("owed"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    # Whether the suppressed fee analysis showed this group's repayment when planned: if not, outside
    # readers never see the amount (it is drawn from fewer than k workers).
    shown_to_outsiders = models.BooleanField(default=False)
    due_date = models.DateField(_("repaid by"))
    action = models.ForeignKey(
        "actionplans.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repayments",
        verbose_name=_("action"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "dimension", "value"], name="actionplans_one_repayment_plan_per_group"
            )
        ]

    def __str__(self) -> str:
        return f"Repayment plan {self.dimension}:{self.value or '-'}"


class VerifiedBy(models.TextChoices):
    INTERNAL = "internal", _("The assessment team")
    EXTERNAL = "external", _("An external verifier")


class RepaymentPayment(BaseModel):
    repayment = models.ForeignKey(RepaymentPlan, on_delete=models.CASCADE, related_name="payments")
    paid_on = models.DateField(_("paid on"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    workers_reached = models.PositiveIntegerField(_("workers reached"))
    reference = models.CharField(_("reference"), max_length=200, help_text=_("A transfer batch or receipt number."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_how = models.CharField(_("verified by"), max_length=10, choices=VerifiedBy.choices, blank=True)
    verifier_name = models.CharField(_("external verifier"), max_length=200, blank=True)

    class Meta:
        ordering = ["paid_on", "created_at"]

    def __str__(self) -> str:
        return f"Payment {self.reference}"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None
