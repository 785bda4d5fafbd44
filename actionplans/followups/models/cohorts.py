"""Follow-up interviews of newly recruited workers (guide, phase 7 step 1).

A cohort is a group of workers who arrived together: how many, when, from which corridor or nationality.
Counts only, never names: the interviews themselves are recorded in the vault like any other interview.
Each cohort gives two rounds: within the first month after arrival, and 3-6 months after arrival.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from mapping_platform.db import BaseModel


class FollowUpCohort(BaseModel):
    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="follow_up_cohorts")
    arrival_date = models.DateField(_("arrival date"))
    workers = models.PositiveIntegerField(_("how many workers arrived"))
    corridor = models.ForeignKey(
        "engagements.Corridor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("corridor"),
    )
    nationality = CountryField(_("nationality"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-arrival_date", "-created_at"]

    def __str__(self) -> str:  # the audit log copies this: counts and dates only
        return f"Cohort of {self.workers} arrived {self.arrival_date:%Y-%m-%d}"


class RoundKind(models.TextChoices):
    FIRST_MONTH = "first_month", _("Within the first month after arrival")
    THREE_TO_SIX_MONTHS = "three_to_six_months", _("3–6 months after arrival")


class FollowUpRound(BaseModel):
    cohort = models.ForeignKey(FollowUpCohort, on_delete=models.CASCADE, related_name="rounds")
    kind = models.CharField(_("round"), max_length=24, choices=RoundKind.choices)
    window_start = models.DateField(_("window opens"))
    # The round is due when its window closes: reminders count down to this date.
    window_end = models.DateField(_("window closes"))
    done_on = models.DateField(_("interviews done on"), null=True, blank=True)
    interviewed = models.PositiveIntegerField(_("workers interviewed"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["window_start"]
        constraints = [models.UniqueConstraint(fields=["cohort", "kind"], name="followups_one_round_per_kind")]
        indexes = [models.Index(fields=["done_on", "window_end"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.window_start:%Y-%m-%d} – {self.window_end:%Y-%m-%d})"

    @property
    def due_date(self) -> date:
        return self.window_end

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
