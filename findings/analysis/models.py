"""The engagement's analysis rules and the exchange rates of the fee analysis (guide, phase 5 step 1).

``AnalysisSettings``: the suppression threshold k, the rule that calls an issue systemic, and the
currency fees are converted into. Without a row, the defaults apply (k = 5, as issue 6 sets).
``ExchangeRate``: a rate the assessment team recorded, with its date and source, so that the report can
say how each amount was converted. A rate converts into the reporting currency it was recorded for; if
the lead later changes that currency, old rates stay on record but are no longer used.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from findings.analysis.rules import SystemicRule
from findings.suppression import DEFAULT_K
from mapping_platform.db import BaseModel

ENGAGEMENT = "engagements.Engagement"
CURRENCY_CODE = RegexValidator(r"^[A-Z]{3}$", _("Use the three-letter ISO 4217 code, e.g. USD."))
DEFAULT_SYSTEMIC_PERCENT = 10
DEFAULT_SYSTEMIC_SITES = 2
DEFAULT_REPORTING_CURRENCY = "USD"
# Below 3, a "suppressed" figure would still point at one or two workers.
MIN_K = 3


class AnalysisSettings(BaseModel):
    """How the engagement's figures are aggregated, protected and called isolated or systemic."""

    engagement = models.OneToOneField(ENGAGEMENT, on_delete=models.CASCADE, related_name="analysis_settings")
    k = models.PositiveSmallIntegerField(
        _("smallest group shown (k)"),
        default=DEFAULT_K,
        validators=[MinValueValidator(MIN_K), MaxValueValidator(100)],
        help_text=_(
            "Figures drawn from fewer workers than this are hidden from everyone but the lead assessor and "
            "assessors, in pages, exports and reports."
        ),
    )
    systemic_percent = models.PositiveSmallIntegerField(
        _("systemic from (% of workers asked)"),
        default=DEFAULT_SYSTEMIC_PERCENT,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("An issue reported by at least this share of the workers asked about it is systemic."),
    )
    systemic_sites = models.PositiveSmallIntegerField(
        _("systemic when reported at this many sites"),
        null=True,
        blank=True,
        default=DEFAULT_SYSTEMIC_SITES,
        validators=[MinValueValidator(2), MaxValueValidator(100)],
        help_text=_("An issue reported by workers at this many sites or more is systemic too. Leave blank not to use."),
    )
    reporting_currency = models.CharField(
        _("reporting currency"),
        max_length=3,
        default=DEFAULT_REPORTING_CURRENCY,
        validators=[CURRENCY_CODE],
        help_text=_("Fees and the repayment owed are converted into this currency (ISO 4217 code)."),
    )

    def __str__(self) -> str:
        return f"Analysis settings of {self.engagement_id}"

    @property
    def rule(self) -> SystemicRule:
        return SystemicRule(percent=self.systemic_percent, sites=self.systemic_sites)

    @property
    def systemic_rule(self) -> str:
        """The rule in one sentence, as the report states it."""
        return self.rule.sentence()


class ExchangeRate(BaseModel):
    """1 unit of ``currency`` = ``rate`` units of ``reporting_currency``, on ``rate_date``, per ``source``."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="exchange_rates")
    currency = models.CharField(_("currency"), max_length=3, validators=[CURRENCY_CODE])
    reporting_currency = models.CharField(_("into"), max_length=3, validators=[CURRENCY_CODE])
    rate = models.DecimalField(
        _("rate"),
        max_digits=24,
        decimal_places=12,
        validators=[MinValueValidator(0)],
        help_text=_("How many units of the reporting currency one unit of this currency buys."),
    )
    rate_date = models.DateField(_("date of the rate"))
    source = models.CharField(
        _("source"), max_length=300, help_text=_("Where the rate comes from, e.g. a central bank's reference rate.")
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["currency", "-rate_date", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "currency", "reporting_currency", "rate_date"], name="one_rate_per_currency_day"
            ),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.rate.normalize():f} {self.reporting_currency} ({self.rate_date})"
