"""Rows for the phase 5 analysis: aggregated figures, their exports, the rules and the exchange rates.

The figures and exports (VIEW_AGGREGATES) reach the lead, assessors, the business and the worker
representatives (outsiders get them suppressed; tests/findings/test_suppression_pages.py); interviewers
and the organisation's admins get 403. Only the lead sets the rules (SET_ANALYSIS_RULES); the lead and
assessors record exchange rates (RECORD_EXCHANGE_RATES).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from findings.analysis.models import ExchangeRate
from findings.analysis.services import exchange_rate_record
from tests.conftest import World
from tests.security.matrix.common import Row, e_kw, engagement_rule

READERS = ("lead", "assessor", "business", "workerrep")


def prepare(world: World) -> None:
    exchange_rate_record(
        actor=world.user("assessor"),
        engagement=world.engagement,
        currency="MMK",
        rate=Decimal("0.0005"),
        rate_date=date(2026, 1, 5),
        source="Matrix test rate",
    )


def rate_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "rate_id": ExchangeRate.objects.get(engagement=w.engagement).pk}


ROWS: dict[str, Row] = {
    "analysis:overview": Row({"GET": engagement_rule(*READERS)}, kwargs=e_kw),
    "analysis:export_indicators_csv": Row({"GET": engagement_rule(*READERS)}, kwargs=e_kw),
    "analysis:export_fees_csv": Row({"GET": engagement_rule(*READERS)}, kwargs=e_kw),
    "analysis:export_xlsx": Row({"GET": engagement_rule(*READERS)}, kwargs=e_kw),
    "analysis:settings": Row(
        {"GET": engagement_rule("lead"), "POST": engagement_rule("lead")},
        kwargs=e_kw,
        data=lambda w: {"k": "6", "systemic_percent": "15", "systemic_sites": "", "reporting_currency": "EUR"},
    ),
    "analysis:rates": Row(
        {"GET": engagement_rule("lead", "assessor"), "POST": engagement_rule("lead", "assessor")},
        kwargs=e_kw,
        data=lambda w: {"currency": "THB", "rate": "0.028", "rate_date": "2026-01-05", "source": "Matrix source"},
    ),
    "analysis:rate_delete": Row({"POST": engagement_rule("lead", "assessor")}, kwargs=rate_kw),
}
