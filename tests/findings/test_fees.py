"""Recruitment fees (issue 6 item 4): conversion and rounding, exchange rates recorded with date and source,
the explanation the report prints, and the pages where the rules and rates are set."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from findings.analysis import selectors
from findings.analysis.fees import RateUsed, Stats, Unconverted, fee_figures
from findings.analysis.models import AnalysisSettings, ExchangeRate
from findings.analysis.services import analysis_settings_set, exchange_rate_record
from tests.conftest import World

pytestmark = pytest.mark.django_db

RATE = RateUsed("MMK", Decimal("0.0005"), date(2026, 1, 10), "Test source")


def _worker(nationality: str = "MM", **payments: int) -> tuple[Any, bool, dict[tuple[str, str], int]]:
    """A worker's payments given as category_CURRENCY=amount (in units), stored in hundredths as the tally does."""
    by_key = {}
    for key, amount in payments.items():
        category, currency = key.rsplit("_", 1)
        by_key[(category, currency)] = amount * 100
    return SimpleNamespace(nationality=nationality), True, by_key or None


def test_each_workers_total_is_rounded_half_up_to_the_cent_then_summed() -> None:
    figures = fee_figures(
        [_worker(recruitment_fee_MMK=333_333), _worker(recruitment_fee_MMK=1), _worker()],
        reporting_currency="USD",
        rates={"MMK": RATE},
        dimensions=("nationality",),
    )
    # 333,333 x 0.0005 = 166.6665 -> 166.67; 1 x 0.0005 = 0.0005 -> 0.00
    assert figures.overall.repayment == Decimal("166.67")
    assert figures.overall.stats == Stats(2, Decimal("0.00"), Decimal("166.67"), Decimal("83.34"), Decimal("83.34"))
    assert (figures.overall.asked, figures.overall.paid) == (3, 2)


def test_a_category_paid_in_two_currencies_is_converted_and_kept_in_its_category() -> None:
    figures = fee_figures(
        [_worker(medical_MMK=100_000, medical_USD=20, travel_lodging_THB=500)],
        reporting_currency="USD",
        rates={"MMK": RATE},
        dimensions=(),
        category_order=["recruitment_fee", "medical", "travel_lodging"],
    )
    medical, travel = figures.categories
    assert (medical.category, medical.repayment, medical.converted) == ("medical", Decimal("70.00"), 1)
    assert (travel.category, travel.repayment, travel.unconverted) == (
        "travel_lodging",
        Decimal(0),
        (Unconverted("THB", Decimal("500.00"), 1),),
    )
    # The worker's THB payment keeps them out of the statistics, not out of the repayment.
    assert (figures.overall.repayment, figures.overall.converted, figures.overall.stats) == (Decimal("70.00"), 0, None)
    assert figures.missing_rates == ("THB",) and [r.currency for r in figures.rates] == ["MMK"]


def test_nobody_paid_gives_empty_figures_not_an_error() -> None:
    figures = fee_figures([], reporting_currency="USD", rates={}, dimensions=("nationality",))
    assert figures.overall.paid == 0 and figures.overall.stats is None and figures.categories == ()


# --- exchange rates and rules: bad input says why and changes nothing ------------------------------------


def _record(world: World, **overrides: Any) -> ExchangeRate:
    given = {
        "currency": "mmk",
        "rate": Decimal("0.00048"),
        "rate_date": date(2026, 1, 5),
        "source": "Test central bank (fictional)",
        **overrides,
    }
    return exchange_rate_record(actor=world.user("assessor"), engagement=world.engagement, **given)


def test_a_rate_is_recorded_with_date_source_and_who_and_is_audited(world: World) -> None:
    rate = _record(world)
    assert (rate.currency, rate.reporting_currency, rate.recorded_by) == ("MMK", "USD", world.user("assessor"))
    entry = AuditEntry.objects.get(verb="analysis.exchange_rate_recorded", engagement=world.engagement)
    assert entry.detail == {"currency": "MMK", "into": "USD", "rate": "0.00048", "date": "2026-01-05"}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"rate": Decimal(0)}, "rate"),
        ({"rate": Decimal("-1")}, "rate"),
        ({"currency": "USD"}, "currency"),  # the reporting currency itself
        ({"currency": "M1K"}, "currency"),
        ({"source": "  "}, "source"),
        ({"rate_date": timezone.localdate() + timedelta(days=1)}, "rate_date"),
    ],
)
def test_a_bad_rate_is_refused_with_a_reason_and_nothing_is_stored(world: World, overrides: dict, field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        _record(world, **overrides)
    assert field in refused.value.message_dict
    assert not ExchangeRate.objects.exists()
    assert not AuditEntry.objects.filter(verb="analysis.exchange_rate_recorded").exists()


def test_a_second_rate_for_the_same_currency_and_day_is_refused(world: World) -> None:
    _record(world)
    with pytest.raises(ValidationError, match="already recorded"):
        _record(world, rate=Decimal("0.0006"))
    assert ExchangeRate.objects.get().rate == Decimal("0.00048")


def test_rules_are_validated_and_the_currency_is_upper_cased(world: World) -> None:
    lead = world.user("lead")
    saved = analysis_settings_set(
        actor=lead, engagement=world.engagement, k=7, systemic_percent=20, systemic_sites=None, reporting_currency="eur"
    )
    assert (saved.k, saved.reporting_currency, saved.systemic_sites) == (7, "EUR", None)
    for bad in ({"k": 2}, {"systemic_percent": 0}, {"systemic_sites": 1}, {"reporting_currency": "EURO"}):
        given = {"k": 5, "systemic_percent": 10, "systemic_sites": 2, "reporting_currency": "USD", **bad}
        with pytest.raises(ValidationError):
            analysis_settings_set(actor=lead, engagement=world.engagement, **given)
    saved.refresh_from_db()
    assert (saved.k, saved.reporting_currency) == (7, "EUR")
    assert AuditEntry.objects.filter(verb="analysis.settings_set").count() == 1


def test_defaults_without_a_row(world: World) -> None:
    found = selectors.analysis_settings(world.engagement)
    assert found._state.adding and not AnalysisSettings.objects.exists()
    assert (found.k, found.systemic_percent, found.systemic_sites, found.reporting_currency) == (5, 10, 2, "USD")


# --- the explanation the report prints ------------------------------------------------------------------


def test_the_explanation_states_categories_rates_missing_currencies_and_suppression(world: World) -> None:
    from tests.findings.test_aggregation import build_fixture

    build_fixture(world)
    outsider = selectors.fee_analysis(world.engagement, sees_small_cells=False).explanation
    assert "Employer Pays Principle" in outsider and "recruitment fees, medical costs" in outsider
    assert "1 MMK = 0.0005 USD (2026-01-10, Test central bank (fictional))" in outsider
    assert "No exchange rate was recorded for THB" in outsider
    assert "rounded to the cent" in outsider and "fewer than 5 workers are suppressed" in outsider
    team = selectors.fee_analysis(world.engagement, sees_small_cells=True).explanation
    assert "suppressed" not in team


# --- the pages ----------------------------------------------------------------------------------------------


def test_an_assessor_records_and_deletes_a_rate_in_the_page(world: World, client_for: Any) -> None:
    from tests.findings.test_aggregation import build_fixture

    build_fixture(world)
    client = client_for("assessor")
    url = reverse("analysis:rates", args=[world.engagement.pk])
    page = client.get(url).content.decode()
    assert "Workers reported fees in THB, with no rate recorded" in page
    assert page.count("in use") == 1  # the latest MMK rate; the older one is kept, not used

    response = client.post(url, {"currency": "thb", "rate": "0.028", "rate_date": "2026-01-10", "source": "Test"})
    assert response.status_code == 302
    rate = ExchangeRate.objects.get(currency="THB")
    assert "Workers reported fees in THB" not in client.get(url).content.decode()

    refused = client.post(url, {"currency": "THB", "rate": "-3", "rate_date": "2026-01-11", "source": "Test"})
    assert refused.status_code == 200 and "is-invalid" in refused.content.decode()
    assert ExchangeRate.objects.filter(currency="THB").count() == 1

    client.post(reverse("analysis:rate_delete", args=[world.engagement.pk, rate.pk]))
    assert not ExchangeRate.objects.filter(currency="THB").exists()
    assert AuditEntry.objects.filter(verb="analysis.exchange_rate_deleted").exists()


def test_the_lead_sets_the_rules_and_the_page_states_them(world: World, client_for: Any) -> None:
    client = client_for("lead")
    url = reverse("analysis:settings", args=[world.engagement.pk])
    response = client.post(
        url, {"k": "8", "systemic_percent": "25", "systemic_sites": "3", "reporting_currency": "eur"}
    )
    assert response.status_code == 302
    page = client.get(reverse("analysis:overview", args=[world.engagement.pk])).content.decode()
    assert "at least 25% of the workers asked" in page and "3 or more different sites" in page
    refused = client.post(url, {"k": "1", "systemic_percent": "25", "systemic_sites": "", "reporting_currency": "EUR"})
    assert refused.status_code == 200
    assert AnalysisSettings.objects.get(engagement=world.engagement).k == 8


def _page_queries(world: World, client: Any) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("analysis:overview", args=[world.engagement.pk]))
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_the_page_costs_the_same_queries_whatever_the_number_of_workers(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    from interviews.questionnaires.models import QuestionnaireVersion
    from tests.findings.test_aggregation import _respondent, _store, answers, build_fixture

    build_fixture(world)
    client = client_for("business")
    client.get(reverse("analysis:overview", args=[world.engagement.pk]))  # the session's first touch
    twelve = _page_queries(world, client)
    version = QuestionnaireVersion.objects.get(engagement=world.engagement)
    for n in range(30):
        respondent = _respondent(world, site=f"Site {n % 3} (test)", nationality="KH", gender="man")
        _store(
            world,
            respondent,
            version,
            answers("employer", "yes", "no", "yes", recruitment={"amount": "100", "currency": "USD"}),
        )
    assert _page_queries(world, client) == twelve
    with django_assert_max_num_queries(30):
        client.get(reverse("analysis:overview", args=[world.engagement.pk]))  # cached: no decryption
