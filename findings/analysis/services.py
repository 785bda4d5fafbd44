"""Writes of the analysis: its rules, the exchange rates, and the record of each export of aggregates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from engagements.models import Engagement
from findings.analysis.models import AnalysisSettings, ExchangeRate
from findings.analysis.selectors import analysis_settings


@transaction.atomic
def analysis_settings_set(
    *,
    actor: Any,
    engagement: Engagement,
    k: int,
    systemic_percent: int,
    systemic_sites: int | None,
    reporting_currency: str,
) -> AnalysisSettings:
    """The engagement's suppression threshold, systemic rule and reporting currency."""
    chosen = AnalysisSettings.objects.select_for_update().filter(engagement=engagement).first()
    chosen = chosen or AnalysisSettings(engagement=engagement)
    chosen.k = k
    chosen.systemic_percent = systemic_percent
    chosen.systemic_sites = systemic_sites
    chosen.reporting_currency = (reporting_currency or "").strip().upper()
    chosen.full_clean()
    chosen.save()
    record(
        actor=actor,
        verb="analysis.settings_set",
        target=chosen,
        engagement=engagement,
        detail={
            "k": k,
            "systemic_percent": systemic_percent,
            "systemic_sites": systemic_sites,
            "reporting_currency": chosen.reporting_currency,
        },
    )
    return chosen


@transaction.atomic
def exchange_rate_record(
    *, actor: Any, engagement: Engagement, currency: str, rate: Decimal, rate_date: date, source: str
) -> ExchangeRate:
    """A rate into the engagement's current reporting currency, with its date and source."""
    reporting_currency = analysis_settings(engagement).reporting_currency
    currency = (currency or "").strip().upper()
    if currency == reporting_currency:
        raise ValidationError({"currency": _("Amounts in the reporting currency need no rate.")})
    if rate_date and rate_date > timezone.localdate():
        raise ValidationError({"rate_date": _("A rate cannot be dated in the future.")})
    if ExchangeRate.objects.filter(
        engagement=engagement, currency=currency, reporting_currency=reporting_currency, rate_date=rate_date
    ).exists():
        raise ValidationError(
            {"rate_date": _("A rate for %(c)s on this date is already recorded: delete it first.") % {"c": currency}}
        )
    if rate is not None and rate <= 0:
        raise ValidationError({"rate": _("A rate is above zero.")})
    found = ExchangeRate(
        engagement=engagement,
        currency=currency,
        reporting_currency=reporting_currency,
        rate=rate,
        rate_date=rate_date,
        source=(source or "").strip(),
        recorded_by=actor,
    )
    found.full_clean()
    found.save()
    record(
        actor=actor,
        verb="analysis.exchange_rate_recorded",
        target=found,
        engagement=engagement,
        detail={
            "currency": currency,
            "into": reporting_currency,
            "rate": f"{Decimal(rate).normalize():f}",
            "date": rate_date.isoformat(),
        },
    )
    return found


@transaction.atomic
def exchange_rate_delete(*, actor: Any, rate: ExchangeRate) -> None:
    record(
        actor=actor,
        verb="analysis.exchange_rate_deleted",
        target=rate,
        engagement=rate.engagement,
        detail={"currency": rate.currency, "into": rate.reporting_currency, "date": rate.rate_date.isoformat()},
    )
    rate.delete()


@transaction.atomic
def aggregates_export_record(
    *, actor: Any, engagement: Engagement, file_format: str, part: str, suppressed: bool
) -> None:
    """Every export of aggregates leaves an entry: which, in what format, suppressed or not."""
    record(
        actor=actor,
        verb="analysis.exported",
        engagement=engagement,
        detail={"format": file_format, "part": part, "suppressed": suppressed},
    )
