"""Phase 5 figures of an engagement: the rules, the aggregates (cached) and the tables a reader may see.

The contract the findings and reports apps build on:

* ``analysis_settings(engagement)``: k, the systemic rule (``.systemic_rule`` is its sentence) and the
  reporting currency;
* ``aggregates(engagement)``: every figure, unsuppressed, for code only (never rendered as it is);
* ``indicator_tables(engagement, sees_small_cells=...)`` and ``fee_analysis(engagement, sees_small_cells=...)``:
  what a template renders, already suppressed for the reader.

One decryption pass per change: the aggregates are cached under a fingerprint of the responses (as the
daily debrief's), the exchange rates, the corridors and the reporting currency; the rules that only
classify or hide (k, the systemic thresholds) are applied at reading time and cost no decryption.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from engagements.models import Corridor, Engagement
from findings.analysis import tables
from findings.analysis.fees import FeeFigures, RateUsed, fee_figures
from findings.analysis.labels import FEE_DIMENSIONS, INDICATOR_DIMENSIONS, choice_order
from findings.analysis.models import AnalysisSettings, ExchangeRate
from findings.analysis.rules import Presence
from interviews.debrief import selectors as debrief
from interviews.debrief.tallies import Debrief, Profile, count, group_order
from mapping_platform.caching import cache_get, cache_set

CACHE_PREFIX = "analysis:v1"
CACHE_SECONDS = 60 * 60


@dataclass(frozen=True)
class Aggregates:
    """Every figure of the engagement, unsuppressed. Pages and reports go through the tables below."""

    as_of: datetime
    tally: Debrief  # indicators and risks, overall and per group of INDICATOR_DIMENSIONS
    fees: FeeFigures  # converted into the reporting currency, overall and per group of FEE_DIMENSIONS

    @property
    def workers(self) -> int:
        return self.tally.overall.workers


def analysis_settings(engagement: Engagement) -> AnalysisSettings:
    """The engagement's analysis rules, or unsaved defaults (k = 5)."""
    found = AnalysisSettings.objects.filter(engagement=engagement).first()
    return found or AnalysisSettings(engagement=engagement)


def exchange_rates(engagement: Engagement) -> QuerySet[ExchangeRate]:
    return ExchangeRate.objects.filter(engagement=engagement).select_related("recorded_by")


def rates_in_use(engagement: Engagement, reporting_currency: str) -> dict[str, RateUsed]:
    """Currency -> the rate used: the latest-dated recorded into the reporting currency. One query."""
    rows = ExchangeRate.objects.filter(engagement=engagement, reporting_currency=reporting_currency).order_by(
        "currency", "-rate_date", "-created_at"
    )
    used: dict[str, RateUsed] = {}
    for currency, rate, rate_date, source in rows.values_list("currency", "rate", "rate_date", "source"):
        used.setdefault(currency, RateUsed(currency, rate, rate_date, source))
    return used


def corridor_labels(engagement: Engagement) -> dict[str, str]:
    """Nationality (origin country) -> the corridor a worker of it travelled, as the engagement maps them.

    A worker's corridor is not recorded per worker; it follows from their nationality when exactly one
    of the engagement's corridors starts in that country. When several do, the workers are grouped under
    their origin ("Myanmar → several corridors"); with none, their corridor is not recorded.
    """
    by_origin: dict[str, list[Corridor]] = {}
    for corridor in Corridor.objects.filter(engagement=engagement):
        by_origin.setdefault(str(corridor.origin), []).append(corridor)
    several = _("%(origin)s → several corridors")
    return {
        origin: str(found[0]) if len(found) == 1 else several % {"origin": found[0].origin.name}
        for origin, found in by_origin.items()
    }


def _with_corridors(labels: Mapping[str, str]) -> Any:
    def hook(profiles: dict[str, Profile]) -> dict[str, Profile]:
        replaced: dict[int, Profile] = {}  # profiles are shared: replace each once
        result = {}
        for respondent_id, profile in profiles.items():
            new = replaced.get(id(profile))
            if new is None:
                new = replaced[id(profile)] = dataclasses.replace(profile, corridor=labels.get(profile.nationality, ""))
            result[respondent_id] = new
        return result

    return hook


def fingerprint(engagement: Engagement, settings: AnalysisSettings) -> str:
    """Changes with the responses, the respondents, the exchange rates, the corridors or the currency."""
    rates = ExchangeRate.objects.filter(engagement=engagement).aggregate(n=Count("id"), changed=Max("updated_at"))
    corridors = Corridor.objects.filter(engagement=engagement).aggregate(n=Count("id"), changed=Max("updated_at"))
    stamp = "-".join(f"{row['n']}:{row['changed'].timestamp():.6f}" if row["n"] else "0" for row in (rates, corridors))
    return f"{debrief.fingerprint(engagement)}-{stamp}-{settings.reporting_currency}"


def compute_aggregates(engagement: Engagement, settings: AnalysisSettings | None = None) -> Aggregates:
    """Every figure, from one decryption pass over the engagement's responses (no cache)."""
    settings = settings or analysis_settings(engagement)
    reading = debrief.read_engagement(engagement.pk, profiles_hook=_with_corridors(corridor_labels(engagement)))
    orders = {**debrief.orders(), "choice_order": {**debrief.orders()["choice_order"], **choice_order()}}
    tally = count(
        reading,
        as_of=timezone.now(),
        dimensions=INDICATOR_DIMENSIONS,
        optional_dimensions=frozenset(INDICATOR_DIMENSIONS),
        **orders,
    )
    fees = fee_figures(
        reading.worker_fees(),
        reporting_currency=settings.reporting_currency,
        rates=rates_in_use(engagement, settings.reporting_currency),
        dimensions=FEE_DIMENSIONS,
        category_order=orders["fee_category_order"],
        group_order=lambda dimension, values: group_order(dimension, values, orders["choice_order"]),
    )
    return Aggregates(as_of=tally.as_of, tally=tally, fees=fees)


def aggregates(engagement: Engagement, settings: AnalysisSettings | None = None) -> Aggregates:
    """The engagement's aggregates, from the cache while its fingerprint holds. Unsuppressed."""
    settings = settings or analysis_settings(engagement)
    key = f"{CACHE_PREFIX}:{engagement.pk}:{fingerprint(engagement, settings)}"
    found = cache_get(key)
    if found is None:
        found = compute_aggregates(engagement, settings)
        cache_set(key, found, CACHE_SECONDS)
    return dataclasses.replace(found, as_of=timezone.now())


def indicator_tables(
    engagement: Engagement,
    *,
    sees_small_cells: bool,
    settings: AnalysisSettings | None = None,
    found: Aggregates | None = None,
) -> list[tables.Table]:
    """The indicator and risk tables (overall, then per site and demographic group), suppressed for the reader.

    ``settings`` and ``found`` spare a page that already read them the queries.
    """
    settings = settings or analysis_settings(engagement)
    found = found or aggregates(engagement, settings)
    return tables.indicator_tables(
        found.tally,
        rule=settings.rule,
        k=settings.k,
        sees_small_cells=sees_small_cells,
    )


def fee_analysis(
    engagement: Engagement,
    *,
    sees_small_cells: bool,
    settings: AnalysisSettings | None = None,
    found: Aggregates | None = None,
) -> tables.FeeAnalysis:
    """The recruitment-fee analysis and repayment owed, suppressed for the reader, with its explanation."""
    settings = settings or analysis_settings(engagement)
    found = found or aggregates(engagement, settings)
    return tables.fee_analysis(
        found.fees,
        rule=settings.rule,
        presence=tables.presence_for_reader(
            tables.presence_of(found.tally, settings.rule),
            found.tally,
            k=settings.k,
            sees_small_cells=sees_small_cells,
        ),
        k=settings.k,
        sees_small_cells=sees_small_cells,
    )


def isolated_or_systemic(engagement: Engagement) -> dict[str, Presence]:
    """Indicator or risk id -> its presence under the engagement's rule."""
    settings = analysis_settings(engagement)
    return tables.presence_of(aggregates(engagement, settings).tally, settings.rule)
