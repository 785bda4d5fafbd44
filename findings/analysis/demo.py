"""Exchange rates for the demo engagement's fee analysis: fictional figures, plainly labelled as such."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from engagements.models import Engagement
from findings.analysis.models import ExchangeRate
from findings.analysis.selectors import analysis_settings
from findings.analysis.services import exchange_rate_record

# Into the default reporting currency (USD). Round, illustrative rates: not market data.
DEMO_RATES = {"MMK": Decimal("0.00048"), "THB": Decimal("0.028")}
DEMO_SOURCE = "Demo rate (fictional), for illustration only"


def seed_demo_analysis(engagement: Engagement, users: dict[str, Any]) -> None:
    """Idempotent: a currency that already has a rate into the reporting currency is left alone."""
    assessor = users.get("assessor@demo.example") or users["lead@demo.example"]
    currency = analysis_settings(engagement).reporting_currency
    day = timezone.localdate() - timedelta(days=3)
    for code, rate in DEMO_RATES.items():
        if code == currency:
            continue
        if ExchangeRate.objects.filter(engagement=engagement, currency=code, reporting_currency=currency).exists():
            continue
        exchange_rate_record(
            actor=assessor, engagement=engagement, currency=code, rate=rate, rate_date=day, source=DEMO_SOURCE
        )
