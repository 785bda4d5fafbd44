"""Recruitment fees in the reporting currency, and the repayment owed (guide, phase 5 step 1; Annex A).

Pure. Input: per worker who was interviewed one by one, whether they were asked about fees and the
amounts they paid per ILO category and currency, as ``interviews.debrief.tallies.Reading.worker_fees``
gives them (a worker interviewed twice is counted once, with the larger amount per category).

The calculation (``explanation`` in ``tables.py`` says it in words for the report):

* every payment carries the ILO category of the question it answered; every category of the
  reference is a fee or cost the worker should not bear (ILO General Principle 7, the Employer Pays
  Principle), so what is owed is everything paid;
* an amount in the reporting currency counts as it is; another currency is converted at the latest
  recorded rate into the reporting currency; a currency without a rate is never dropped: its amounts are
  listed unconverted, per currency, and owed in addition;
* a worker's total is the sum of their converted payments, rounded to the cent (half up); the repayment
  owed to a group is the sum of its workers' totals;
* range, mean and median describe the totals of the workers who paid, among those whose every payment
  could be converted (a partly converted total would understate what they paid).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Stats:
    """Range, mean and median of amounts (one per worker), in the reporting currency."""

    workers: int
    minimum: Decimal
    maximum: Decimal
    mean: Decimal
    median: Decimal


@dataclass(frozen=True, slots=True)
class Unconverted:
    """Amounts in a currency without a recorded rate: listed as they are, never dropped."""

    currency: str
    amount: Decimal
    workers: int


@dataclass(frozen=True, slots=True)
class FeeGroup:
    """The fees of one group of workers (everyone, one nationality, one corridor...)."""

    value: str  # "" when the workers' records do not say
    asked: int  # workers asked about recruitment fees and related costs
    paid: int  # of them, workers who gave an amount above zero in a fee category
    converted: int  # of the payers, those whose every payment converted: the basis of ``stats``
    stats: Stats | None
    repayment: Decimal  # converted, in the reporting currency
    unconverted: tuple[Unconverted, ...] = ()


@dataclass(frozen=True, slots=True)
class CategoryFigures:
    """One ILO category: workers who paid in it, and what they paid, converted (plus unconverted)."""

    category: str
    paid: int
    converted: int
    stats: Stats | None
    repayment: Decimal
    unconverted: tuple[Unconverted, ...] = ()


@dataclass(frozen=True, slots=True)
class FeeBreakdown:
    dimension: str
    groups: tuple[FeeGroup, ...]


@dataclass(frozen=True, slots=True)
class RateUsed:
    currency: str
    rate: Decimal
    rate_date: Any  # datetime.date
    source: str


@dataclass(frozen=True, slots=True)
class FeeFigures:
    """Every fee figure of an engagement, unsuppressed (what ``tables.fee_analysis`` shows a reader)."""

    reporting_currency: str
    overall: FeeGroup
    categories: tuple[CategoryFigures, ...]
    breakdowns: tuple[FeeBreakdown, ...]
    rates: tuple[RateUsed, ...] = ()
    currencies: tuple[str, ...] = ()  # every currency a fee was reported in
    missing_rates: tuple[str, ...] = ()  # of them, those converted at no rate


def _stats(totals: Sequence[Decimal]) -> Stats | None:
    if not totals:
        return None
    ordered = sorted(totals)
    n, middle = len(ordered), len(ordered) // 2
    median = ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return Stats(
        workers=n,
        minimum=ordered[0],
        maximum=ordered[-1],
        mean=(sum(ordered, Decimal(0)) / n).quantize(CENT, rounding=ROUND_HALF_UP),
        median=median.quantize(CENT, rounding=ROUND_HALF_UP),
    )


@dataclass
class _Acc:
    """A group's running sums."""

    asked: int = 0
    paid: int = 0
    totals: list[Decimal] = field(default_factory=list)  # workers whose every payment converted
    repayment: Decimal = Decimal(0)
    unconverted: dict[str, list[Any]] = field(default_factory=dict)  # currency -> [amount, workers]

    def add(self, fee_asked: bool, worker: _Worker | None) -> None:
        self.asked += fee_asked
        if worker is None:
            return
        self.paid += 1
        self.repayment += worker.total
        if worker.complete:
            self.totals.append(worker.total)
        for currency, amount in worker.unconverted.items():
            entry = self.unconverted.setdefault(currency, [Decimal(0), 0])
            entry[0] += amount
            entry[1] += 1

    def merge(self, other: _Acc) -> None:
        self.asked += other.asked
        self.paid += other.paid
        self.totals.extend(other.totals)
        self.repayment += other.repayment
        for currency, (amount, workers) in other.unconverted.items():
            entry = self.unconverted.setdefault(currency, [Decimal(0), 0])
            entry[0] += amount
            entry[1] += workers

    def finish(self, value: str) -> FeeGroup:
        return FeeGroup(
            value=value,
            asked=self.asked,
            paid=self.paid,
            converted=len(self.totals),
            stats=_stats(self.totals),
            repayment=self.repayment,
            unconverted=_unconverted(self.unconverted),
        )


def _unconverted(sums: Mapping[str, list[Any]]) -> tuple[Unconverted, ...]:
    return tuple(Unconverted(currency, amount, workers) for currency, (amount, workers) in sorted(sums.items()))


@dataclass(frozen=True, slots=True)
class _Worker:
    total: Decimal  # converted part, rounded to the cent
    complete: bool  # every payment converted
    unconverted: Mapping[str, Decimal]
    by_category: Mapping[str, tuple[Decimal, bool, Mapping[str, Decimal]]]


def _convert(
    payments: Mapping[tuple[str, str], int | Decimal], reporting_currency: str, rates: Mapping[str, Decimal]
) -> _Worker:
    """One worker's payments (in hundredths, per category and currency), in the reporting currency."""
    total = Decimal(0)
    unconverted: dict[str, Decimal] = defaultdict(Decimal)
    categories: dict[str, list[Any]] = {}
    for (category, currency), hundredths in payments.items():
        amount = Decimal(hundredths).scaleb(-2)
        entry = categories.setdefault(category, [Decimal(0), True, defaultdict(Decimal)])
        rate = Decimal(1) if currency == reporting_currency else rates.get(currency)
        if rate is None:
            unconverted[currency] += amount
            entry[1] = False
            entry[2][currency] += amount
        else:
            total += amount * rate
            entry[0] += amount * rate
    return _Worker(
        total=total.quantize(CENT, rounding=ROUND_HALF_UP),
        complete=not unconverted,
        unconverted=dict(unconverted),
        by_category={
            c: (converted.quantize(CENT, rounding=ROUND_HALF_UP), complete, dict(left))
            for c, (converted, complete, left) in categories.items()
        },
    )


def _category_figures(category: str, workers: Sequence[tuple[Decimal, bool, Mapping[str, Decimal]]]) -> CategoryFigures:
    acc_left: dict[str, list[Any]] = {}
    totals = [converted for converted, complete, _left in workers if complete]
    for _converted, _complete, left in workers:
        for currency, amount in left.items():
            entry = acc_left.setdefault(currency, [Decimal(0), 0])
            entry[0] += amount
            entry[1] += 1
    return CategoryFigures(
        category=category,
        paid=len(workers),
        converted=len(totals),
        stats=_stats(totals),
        repayment=sum((converted for converted, _c, _l in workers), Decimal(0)),
        unconverted=_unconverted(acc_left),
    )


def fee_figures(
    workers: Iterable[tuple[Any, bool, Mapping[tuple[str, str], int | Decimal] | None]],
    *,
    reporting_currency: str,
    rates: Mapping[str, RateUsed],
    dimensions: Sequence[str],
    category_order: Sequence[str] = (),
    group_order: Any = None,
) -> FeeFigures:
    """Fee figures overall, per ILO category and per group of each dimension (a Profile attribute).

    ``workers``: (profile, asked about fees, payments in hundredths by (category, currency) or None).
    ``rates``: currency -> the rate used. ``group_order(dimension, values)`` orders a dimension's groups.
    """
    factors = {currency: used.rate for currency, used in rates.items()}
    # Workers are summed per profile first (respondents with the same facts share one), then per group;
    # identical payments (round amounts, as workers give them) are converted once.
    per_profile: dict[int, tuple[Any, _Acc]] = {}
    converted: dict[tuple[Any, ...], _Worker] = {}
    per_category: dict[str, list[tuple[Decimal, bool, Mapping[str, Decimal]]]] = defaultdict(list)
    currencies: set[str] = set()
    for profile, fee_asked, payments in workers:
        worker = None
        if payments:
            key = tuple(payments.items())
            worker = converted.get(key)
            if worker is None:
                worker = converted[key] = _convert(payments, reporting_currency, factors)
                currencies.update(currency for _category, currency in payments)
            for category, figures in worker.by_category.items():
                per_category[category].append(figures)
        found = per_profile.get(id(profile))
        if found is None:
            found = per_profile[id(profile)] = (profile, _Acc())
        found[1].add(fee_asked, worker)
    overall = _Acc()
    per_dimension: list[dict[str, _Acc]] = [defaultdict(_Acc) for _ in dimensions]
    for profile, acc in per_profile.values():
        overall.merge(acc)
        for index, dimension in enumerate(dimensions):
            per_dimension[index][getattr(profile, dimension)].merge(acc)

    order = list(category_order)
    categories = sorted(per_category, key=lambda c: (order.index(c) if c in order else len(order), c))
    breakdowns = []
    for dimension, groups in zip(dimensions, per_dimension, strict=True):
        values = group_order(dimension, groups) if group_order else sorted(groups, key=lambda v: (v == "", v))
        breakdowns.append(FeeBreakdown(dimension, tuple(groups[v].finish(v) for v in values)))
    used = tuple(rates[c] for c in sorted(currencies) if c in rates and c != reporting_currency)
    return FeeFigures(
        reporting_currency=reporting_currency,
        overall=overall.finish(""),
        categories=tuple(_category_figures(c, per_category[c]) for c in categories),
        breakdowns=tuple(breakdowns),
        rates=used,
        currencies=tuple(sorted(currencies)),
        missing_rates=tuple(sorted(c for c in currencies if c != reporting_currency and c not in rates)),
    )
