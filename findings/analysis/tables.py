"""The aggregates as a reader may see them: tables of display cells, already suppressed.

Pages, exports and reports render these objects and never compute a figure themselves. Each figure
that depends on a group of workers is checked line by line with ``findings.suppression``: a line is one
count (workers who reported an indicator, say) over every group of one dimension, "not recorded"
included, so that its cells add up to its total. What else a group shows follows its count: a
percentage needs both of its counts shown; fee statistics and the repayment need the group's count of
payers (and of workers whose payments converted) shown. Every hidden figure reads "suppressed".

A group's count of workers who reported an issue (or paid a fee) is not a line alone: it comes with the
number asked, shown beside it, and so with its complement, those asked who did not ("5 of 5 men" tells
what each man said as surely as "0 of 5" does). It is shown or hidden by ``suppression.suppress_split``,
one rule for the whole row (``count_row_display``), which hides the groups with the fewest workers asked
together; a reader who knows the rule and sees the numbers asked cannot work out a hidden count. What
hangs on a group's payers (those whose payments converted, the statistics, the repayment) hides with
them. The overall figures (everyone interviewed) are the assessment's findings: shown whenever they
are k or more.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from findings.analysis.fees import CategoryFigures, FeeFigures, FeeGroup, RateUsed
from findings.analysis.labels import DIMENSION_NAMES, DIMENSION_TITLES, group_label
from findings.analysis.rules import Presence, SystemicRule
from findings.suppression import Line, visible_line, visible_split
from interviews.debrief.tallies import Cell, Debrief, Group
from interviews.questionnaires.catalogue import fee_category_names, indicator_names, risk_groups

SUPPRESSED = gettext_lazy("suppressed")
NOT_ASKED = "–"


def legend(k: int) -> str:
    return _("“suppressed”: fewer than %(k)s respondents, or withheld so that such a figure cannot be worked out") % {
        "k": k
    }


def amount_text(value: Decimal) -> str:
    """1234567.5 -> "1,234,567.50": amounts of money, always to the cent so that columns line up."""
    return f"{value:,.2f}"


@dataclass(frozen=True)
class Figure:
    """One figure as a reader sees it: a number, or "suppressed", or a dash when there is nothing to show."""

    value: int | Decimal | None
    suppressed: bool = False
    is_amount: bool = False

    @property
    def shown(self) -> bool:
        return not self.suppressed and self.value is not None

    @property
    def text(self) -> str:
        if self.suppressed:
            return str(SUPPRESSED)
        if self.value is None:
            return NOT_ASKED
        return amount_text(Decimal(self.value)) if self.is_amount else str(self.value)

    def __str__(self) -> str:
        return self.text


HIDDEN = Figure(None, suppressed=True)
HIDDEN_AMOUNT = Figure(None, suppressed=True, is_amount=True)


def _count(line: Line, group: Hashable) -> Figure:
    return Figure(line.cells[group]) if line.shown(group) is not None else HIDDEN


def _amount(value: Decimal | None, visible: bool) -> Figure:
    if not visible:
        return HIDDEN_AMOUNT
    return Figure(value, is_amount=True)


@dataclass(frozen=True)
class CountCell:
    """Workers who reported an item, of the workers asked about it."""

    reported: Figure
    asked: Figure

    @property
    def suppressed(self) -> bool:
        return self.reported.suppressed or self.asked.suppressed

    @property
    def percent(self) -> int | None:
        if self.suppressed or not self.asked.value:
            return None
        return round(100 * int(self.reported.value or 0) / int(self.asked.value))

    @property
    def not_asked(self) -> bool:
        return not self.suppressed and not self.asked.value

    @property
    def text(self) -> str:
        if self.not_asked:
            return NOT_ASKED
        text = _("%(reported)s of %(asked)s") % {"reported": self.reported.text, "asked": self.asked.text}
        return text if self.percent is None else f"{text} ({self.percent}%)"

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Column:
    value: str
    label: str
    workers: Figure


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    kind: str  # "indicator" or "risk"
    overall: CountCell
    cells: tuple[CountCell, ...]
    presence: Presence

    @property
    def suppressed(self) -> bool:
        return any(c.suppressed for c in (self.overall, *self.cells))


@dataclass(frozen=True)
class RowGroup:
    label: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Table:
    """One breakdown of the ILO indicators and Annex B/C risks: overall, or per group of one dimension."""

    key: str  # "overall" or the dimension
    title: str
    dimension_label: str
    columns: tuple[Column, ...]
    row_groups: tuple[RowGroup, ...]
    k: int
    suppressed: bool  # True when the reader does not see small cells
    legend: str
    systemic_rule: str
    presence: Mapping[str, Presence] = field(default_factory=dict)

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(row for group in self.row_groups for row in group.rows)

    def isolated_or_systemic(self, item_id: str) -> Presence:
        return self.presence.get(item_id, Presence.NOT_ASKED)


# --- indicator tables -------------------------------------------------------------------------------


def _items(group: Group) -> dict[str, Cell]:
    return {**group.indicators, **group.risks}


# An item no worker was asked about says something of the questionnaire, not of any worker: shown as such.
UNASKED = CountCell(Figure(0), Figure(0))
NOBODY = Cell(0, 0)


def _overall_cell(total: Cell, k: int, sees_small_cells: bool) -> CountCell:
    if not total.asked:
        return UNASKED
    r = visible_line(total.reported, {"": total.reported}, k, sees_small_cells=sees_small_cells)
    a = visible_line(total.asked, {"": total.asked}, k, sees_small_cells=sees_small_cells)
    return CountCell(_count(r, ""), _count(a, ""))


@dataclass(frozen=True)
class CountRow:
    """One item's counts as a reader sees them: overall, and per group of one dimension."""

    overall: CountCell
    cells: Mapping[Hashable, CountCell]


def count_row_display(
    total: Cell, groups: Mapping[Hashable, Cell], k: int, *, sees_small_cells: bool = False
) -> CountRow:
    """What a reader sees of one item's counts over the groups of one dimension (whose cells add up to
    ``total``). Every indicator and risk table goes through here, and so does the test that tries every
    table a reader knowing these rules could think lies behind what is shown."""
    if (
        sum(c.reported for c in groups.values()) != total.reported
        or sum(c.asked for c in groups.values()) != total.asked
    ):
        raise ValueError("the groups of a breakdown must add up to its total (add a 'not recorded' group)")
    overall = _overall_cell(total, k, sees_small_cells)
    if overall is UNASKED:
        return CountRow(overall, dict.fromkeys(groups, UNASKED))
    asked = visible_line(total.asked, {g: c.asked for g, c in groups.items()}, k, sees_small_cells=sees_small_cells)
    hidden = visible_split(
        {g: c.reported for g, c in groups.items()},
        {g: c.asked for g, c in groups.items()},
        k,
        sees_small_cells=sees_small_cells,
    )
    cells = {g: CountCell(HIDDEN if g in hidden else Figure(c.reported), _count(asked, g)) for g, c in groups.items()}
    return CountRow(overall, cells)


def _row(
    item: str,
    name: str,
    kind: str,
    tally: Debrief,
    groups: Sequence[Group],
    presence: Presence,
    k: int,
    sees_small_cells: bool,
) -> Row:
    total = _items(tally.overall).get(item) or NOBODY
    if not groups:
        overall = _overall_cell(total, k, sees_small_cells)
        return Row(item, name, kind, overall, (overall,), presence)
    counts = {g.value: _items(g).get(item) or NOBODY for g in groups}
    display = count_row_display(total, counts, k, sees_small_cells=sees_small_cells)
    return Row(item, name, kind, display.overall, tuple(display.cells[g.value] for g in groups), presence)


def _row_groups(
    tally: Debrief, groups: Sequence[Group], presence: Mapping[str, Presence], k: int, sees: bool
) -> tuple[RowGroup, ...]:
    names = indicator_names()
    result = [
        RowGroup(
            _("ILO forced-labour indicators"),
            tuple(
                _row(i, names.get(i, i), "indicator", tally, groups, presence[i], k, sees) for i in tally.indicator_ids
            ),
        )
    ]
    asked = set(tally.risk_ids)
    placed: set[str] = set()
    for label, items in risk_groups():
        ids = [i for i, _text in items if i in asked]
        placed.update(ids)
        if ids:
            texts = dict(items)
            result.append(
                RowGroup(label, tuple(_row(i, texts[i], "risk", tally, groups, presence[i], k, sees) for i in ids))
            )
    unknown = [i for i in tally.risk_ids if i not in placed]
    if unknown:
        result.append(
            RowGroup(_("Other risks"), tuple(_row(i, i, "risk", tally, groups, presence[i], k, sees) for i in unknown))
        )
    return tuple(result)


def presence_of(tally: Debrief, rule: SystemicRule) -> dict[str, Presence]:
    """Every indicator and risk of the tally, isolated or systemic (or not reported, not asked)."""
    sites = next((b.groups for b in tally.breakdowns if b.dimension == "site"), ())
    result = {}
    for item in (*tally.indicator_ids, *tally.risk_ids):
        overall = _items(tally.overall).get(item)
        result[item] = rule.classify(overall, ((g.value, _items(g).get(item)) for g in sites))
    return result


def presence_for_reader(
    presence: Mapping[str, Presence], tally: Debrief, *, k: int, sees_small_cells: bool
) -> dict[str, Presence]:
    """The presence labels a reader may see: withheld wherever the overall counts behind them are hidden."""
    if sees_small_cells:
        return dict(presence)
    result = {}
    for item, label in presence.items():
        cell = _items(tally.overall).get(item)
        hidden = cell is not None and cell.asked and (cell.reported < k or cell.asked < k)
        result[item] = Presence.WITHHELD if hidden else label
    return result


def indicator_tables(tally: Debrief, *, rule: SystemicRule, k: int, sees_small_cells: bool) -> list[Table]:
    """The overall table, then one per dimension the tally breaks down by, as this reader may see them."""
    presence = presence_for_reader(presence_of(tally, rule), tally, k=k, sees_small_cells=sees_small_cells)
    common = {
        "k": k,
        "suppressed": not sees_small_cells,
        "legend": legend(k),
        "systemic_rule": rule.sentence(),
        "presence": presence,
    }
    workers = tally.overall.workers
    all_line = visible_line(workers, {"": workers}, k, sees_small_cells=sees_small_cells)
    overall = Table(
        key="overall",
        title=_("All workers"),
        dimension_label="",
        columns=(Column("", _("All workers"), _count(all_line, "")),),
        row_groups=_row_groups(tally, (), presence, k, sees_small_cells),
        **common,
    )
    tables = [overall]
    for breakdown in tally.breakdowns:
        groups = breakdown.groups
        line = visible_line(workers, {g.value: g.workers for g in groups}, k, sees_small_cells=sees_small_cells)
        columns = tuple(
            Column(g.value, group_label(breakdown.dimension, g.value), _count(line, g.value)) for g in groups
        )
        tables.append(
            Table(
                key=breakdown.dimension,
                title=str(DIMENSION_TITLES[breakdown.dimension]),
                dimension_label=str(DIMENSION_NAMES[breakdown.dimension]),
                columns=columns,
                row_groups=_row_groups(tally, groups, presence, k, sees_small_cells),
                **common,
            )
        )
    return tables


# --- fee analysis -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnconvertedFigure:
    currency: str
    amount: Figure
    workers: Figure

    @property
    def text(self) -> str:
        return f"{self.currency} {self.amount.text}"


@dataclass(frozen=True)
class FeeRow:
    value: str
    label: str
    asked: Figure  # workers asked about fees
    paid: Figure  # workers who paid
    converted: Figure  # of them, workers whose payments all converted (the statistics' basis)
    minimum: Figure
    maximum: Figure
    mean: Figure
    median: Figure
    repayment: Figure
    unconverted: tuple[UnconvertedFigure, ...] = ()

    @property
    def suppressed(self) -> bool:
        figures = (self.asked, self.paid, self.converted, self.minimum, self.repayment)
        return any(f.suppressed for f in figures) or any(u.amount.suppressed for u in self.unconverted)

    @property
    def range_text(self) -> str:
        if self.minimum.suppressed:
            return str(SUPPRESSED)
        if self.minimum.value is None:
            return NOT_ASKED
        if self.minimum.value == self.maximum.value:
            return self.minimum.text
        return f"{self.minimum.text}–{self.maximum.text}"


@dataclass(frozen=True)
class CategoryRow:
    id: str
    name: str
    paid: Figure
    converted: Figure
    minimum: Figure
    maximum: Figure
    mean: Figure
    median: Figure
    repayment: Figure
    unconverted: tuple[UnconvertedFigure, ...] = ()

    @property
    def suppressed(self) -> bool:
        return self.paid.suppressed or self.repayment.suppressed

    @property
    def range_text(self) -> str:
        return FeeRow.range_text.fget(self)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class FeeTable:
    key: str  # the dimension
    title: str
    dimension_label: str
    rows: tuple[FeeRow, ...]


@dataclass(frozen=True)
class FeeAnalysis:
    """The recruitment-fee analysis as this reader may see it (guide, phase 5 step 1)."""

    reporting_currency: str
    overall: FeeRow
    categories: tuple[CategoryRow, ...]
    tables: tuple[FeeTable, ...]
    rates: tuple[RateUsed, ...]
    missing_rates: tuple[str, ...]
    k: int
    suppressed: bool
    legend: str
    systemic_rule: str
    explanation: str
    presence: Mapping[str, Presence] = field(default_factory=dict)

    @property
    def total_repayment(self) -> Figure:
        return self.overall.repayment

    def isolated_or_systemic(self, item_id: str) -> Presence:
        return self.presence.get(item_id, Presence.NOT_ASKED)


def _fee_row(
    group: FeeGroup,
    label: str,
    lines: Mapping[str, Line],
    unconverted_lines: Mapping[str, Line],
    hidden_payers: frozenset[Hashable] | None = None,
    *,
    all_converted: bool = False,
) -> FeeRow:
    """One row of fees; in a breakdown, whether its payers show is ``hidden_payers``' to say (see
    ``count_row_display``: payers of the workers asked are a count and its complement, like reports)."""
    value = group.value
    if hidden_payers is None:
        paid = _count(lines["paid"], value)
    else:
        paid = HIDDEN if value in hidden_payers else Figure(group.paid)
    # Those whose payments all converted, and those with amounts left unconverted, are payers too: shown
    # beside hidden payers, they would give them away. When every payment converted (as the totals show),
    # they are the payers, and show as they do.
    converted = _count(lines["converted"], value) if paid.shown else HIDDEN
    if all_converted:
        converted = paid
    stats_visible = paid.shown and converted.shown
    stats = group.stats
    unconverted = []
    for entry in group.unconverted:
        workers = _count(unconverted_lines[entry.currency], value) if paid.shown else HIDDEN
        visible = paid.shown and workers.shown
        unconverted.append(UnconvertedFigure(entry.currency, _amount(entry.amount, visible), workers))
    return FeeRow(
        value=value,
        label=label,
        asked=_count(lines["asked"], value),
        paid=paid,
        converted=converted,
        minimum=_amount(stats.minimum if stats else None, stats_visible),
        maximum=_amount(stats.maximum if stats else None, stats_visible),
        mean=_amount(stats.mean if stats else None, stats_visible),
        median=_amount(stats.median if stats else None, stats_visible),
        repayment=_amount(group.repayment if group.paid else None, paid.shown),
        unconverted=tuple(unconverted),
    )


def _fee_lines(
    overall: FeeGroup, groups: Sequence[FeeGroup], k: int, sees: bool
) -> tuple[dict[str, Line], dict[str, Line]]:
    """The lines of a fee table: workers asked, payers, payers whose payments all converted, and per
    currency, payers with amounts that could not be converted. (In a breakdown, whether a group's payers
    show is ``hidden_payers``' to say, not the payers' line's.)"""
    lines = {
        name: visible_line(
            getattr(overall, name), {g.value: getattr(g, name) for g in groups}, k, sees_small_cells=sees
        )
        for name in ("asked", "paid", "converted")
    }
    unconverted = {}
    for entry in overall.unconverted:
        cells = {g.value: next((u.workers for u in g.unconverted if u.currency == entry.currency), 0) for g in groups}
        unconverted[entry.currency] = visible_line(entry.workers, cells, k, sees_small_cells=sees)
    return lines, unconverted


def hidden_payers(groups: Sequence[FeeGroup], k: int, *, sees_small_cells: bool = False) -> frozenset[Hashable]:
    """The groups of a fee breakdown whose number of payers this reader may not see (nor what hangs on it)."""
    return visible_split(
        {g.value: g.paid for g in groups}, {g.value: g.asked for g in groups}, k, sees_small_cells=sees_small_cells
    )


def _category_rows(categories: Sequence[CategoryFigures], k: int, sees: bool) -> tuple[CategoryRow, ...]:
    """Per ILO category. A worker may pay in several categories, so the categories do not add up to the
    number of payers; but their amounts add up to the total repayment, so they are checked as one line
    (and so is each currency's unconverted amounts), lest a hidden category be the total minus the rest."""
    names = fee_category_names()
    paid_cells = {c.category: c.paid for c in categories}
    paid = visible_line(sum(paid_cells.values()), paid_cells, k, sees_small_cells=sees)
    converted_cells = {c.category: c.converted for c in categories}
    converted = visible_line(sum(converted_cells.values()), converted_cells, k, sees_small_cells=sees)
    currencies = sorted({u.currency for c in categories for u in c.unconverted})
    unconverted_lines = {}
    for currency in currencies:
        cells = {c.category: next((u.workers for u in c.unconverted if u.currency == currency), 0) for c in categories}
        unconverted_lines[currency] = visible_line(sum(cells.values()), cells, k, sees_small_cells=sees)
    rows = []
    for c in categories:
        paid_figure = _count(paid, c.category)
        converted_figure = _count(converted, c.category)
        stats_visible = paid_figure.shown and converted_figure.shown
        stats = c.stats
        unconverted = tuple(
            UnconvertedFigure(
                u.currency,
                _amount(u.amount, paid_figure.shown and unconverted_lines[u.currency].shown(c.category) is not None),
                _count(unconverted_lines[u.currency], c.category),
            )
            for u in c.unconverted
        )
        rows.append(
            CategoryRow(
                id=c.category,
                name=names.get(c.category, c.category),
                paid=paid_figure,
                converted=converted_figure,
                minimum=_amount(stats.minimum if stats else None, stats_visible),
                maximum=_amount(stats.maximum if stats else None, stats_visible),
                mean=_amount(stats.mean if stats else None, stats_visible),
                median=_amount(stats.median if stats else None, stats_visible),
                repayment=_amount(c.repayment, paid_figure.shown),
                unconverted=unconverted,
            )
        )
    return tuple(rows)


def explanation(figures: FeeFigures, *, k: int, sees_small_cells: bool) -> str:
    """How the repayment was calculated, in words, for the report (guide, phase 5 step 1, key action 4)."""
    currency = figures.reporting_currency
    names = fee_category_names()
    parts = [
        _(
            "Each amount a worker reported paying to obtain this job is classified by the ILO category of the "
            "question it answered (%(categories)s). Under the ILO General principles and operational guidelines "
            "for fair recruitment and definition of recruitment fees and related costs (2019), no worker should "
            "pay any of them (the Employer Pays Principle), so the repayment owed is everything workers reported "
            "paying, in every category."
        )
        % {"categories": ", ".join(_(str(n)).lower() for n in names.values())},  # names: findings/reports/terms.py
        _(
            "A worker interviewed more than once is counted once, with the larger amount given in each category. "
            "Amounts are converted into %(currency)s; each worker's total is rounded to the cent, and the "
            "repayment owed to a group of workers is the sum of their totals."
        )
        % {"currency": currency},
    ]
    if figures.rates:
        rates = "; ".join(
            _("1 %(from)s = %(rate)s %(to)s (%(date)s, %(source)s)")
            % {
                "from": r.currency,
                "rate": f"{r.rate.normalize():f}",
                "to": currency,
                "date": r.rate_date.isoformat(),
                "source": r.source,
            }
            for r in figures.rates
        )
        parts.append(_("Rates used, the latest recorded for each currency: %(rates)s.") % {"rates": rates})
    if figures.missing_rates:
        parts.append(
            _(
                "No exchange rate was recorded for %(currencies)s: those amounts are listed unconverted and are "
                "owed in addition to the converted total."
            )
            % {"currencies": ", ".join(figures.missing_rates)}
        )
    parts.append(
        _(
            "Range, mean and median describe the total paid per worker who paid, among the workers whose every "
            "payment could be converted. No interest, inflation or compensation for harm is added: those are "
            "decided case by case. The amounts are what workers reported; they should be checked against "
            "recruiters' and employers' records when repayment is agreed."
        )
    )
    if not sees_small_cells:
        parts.append(
            _("Figures about fewer than %(k)s workers are suppressed, so that no worker can be identified.") % {"k": k}
        )
    return " ".join(parts)


def fee_analysis(
    figures: FeeFigures, *, rule: SystemicRule, presence: Mapping[str, Presence], k: int, sees_small_cells: bool
) -> FeeAnalysis:
    overall_lines, overall_unconverted = _fee_lines(figures.overall, (figures.overall,), k, sees_small_cells)
    overall = _fee_row(figures.overall, _("All workers"), overall_lines, overall_unconverted)
    tables = []
    for breakdown in figures.breakdowns:
        if not breakdown.groups or all(g.value == "" for g in breakdown.groups):
            continue  # nobody's record gives it
        lines, unconverted = _fee_lines(figures.overall, breakdown.groups, k, sees_small_cells)
        hidden = hidden_payers(breakdown.groups, k, sees_small_cells=sees_small_cells)
        every = figures.overall.converted == figures.overall.paid
        rows = tuple(
            _fee_row(g, group_label(breakdown.dimension, g.value), lines, unconverted, hidden, all_converted=every)
            for g in breakdown.groups
        )
        tables.append(
            FeeTable(
                key=breakdown.dimension,
                title=str(DIMENSION_TITLES[breakdown.dimension]),
                dimension_label=str(DIMENSION_NAMES[breakdown.dimension]),
                rows=rows,
            )
        )
    return FeeAnalysis(
        reporting_currency=figures.reporting_currency,
        overall=overall,
        categories=_category_rows(figures.categories, k, sees_small_cells),
        tables=tuple(tables),
        rates=figures.rates,
        missing_rates=figures.missing_rates,
        k=k,
        suppressed=not sees_small_cells,
        legend=legend(k),
        systemic_rule=rule.sentence(),
        explanation=explanation(figures, k=k, sees_small_cells=sees_small_cells),
        presence=dict(presence),
    )


def figures_of(items: Any) -> list[Figure]:
    """Every Figure inside a table or fee analysis (for tests and exports that check what is shown)."""
    found: list[Figure] = []
    stack = [items]
    while stack:
        obj = stack.pop()
        if isinstance(obj, Figure):
            found.append(obj)
        elif isinstance(obj, list | tuple):
            stack.extend(obj)
        elif hasattr(obj, "__dataclass_fields__"):
            stack.extend(getattr(obj, f) for f in obj.__dataclass_fields__)
    return found
