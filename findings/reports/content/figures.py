"""The workers' figures in the report: the analysis's tables, already suppressed for the report's audience,
and the charts drawn from what they show (``findings.analysis.selectors``; nothing is counted here).

The stakeholders' copy reads them as someone without SEE_SMALL_CELLS does; the team's copy as the lead
assessor does. A chart draws only figures the table shows: a suppressed figure has no bar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from findings.reports import charts

GENDER = "gender"
REPORTED = frozenset({"systemic", "isolated"})


@dataclass(frozen=True)
class BarRow:
    name: str
    text: str  # the figure as the table shows it ("12 of 40 (30%)", or "suppressed")
    presence: str
    svg: SafeString
    suppressed: bool


@dataclass(frozen=True)
class RangeRow:
    label: str
    text: str
    svg: SafeString | None  # None when the group's statistics are suppressed or nobody paid
    suppressed: bool


@dataclass
class Figures:
    settings: Any  # findings.analysis AnalysisSettings: k, systemic_percent, reporting_currency
    tables: list[Any]  # findings.analysis.tables.Table, the overall one first
    fees: Any  # findings.analysis.tables.FeeAnalysis
    indicator_chart: list[BarRow] = field(default_factory=list)
    risk_chart: list[BarRow] = field(default_factory=list)
    percent_axis: str = ""
    fee_chart: list[tuple[str, list[RangeRow]]] = field(default_factory=list)
    fee_axis: str = ""

    @property
    def overall(self) -> Any:
        return self.tables[0] if self.tables else None

    @property
    def breakdowns(self) -> list[Any]:
        return self.tables[1:]

    @property
    def gender(self) -> Any:
        return next((t for t in self.tables if t.key == GENDER), None)

    @property
    def systemic_rows(self) -> list[Any]:
        return [row for row in self.overall.rows if row.presence == "systemic"] if self.overall else []

    def rows_for(self, ids: frozenset[str]) -> list[Any]:
        """The overall table's rows of these indicators or risks (a stage of the journey, say)."""
        return [row for row in self.overall.rows if row.id in ids] if self.overall else []


def _bar_rows(rows: list[Any], threshold: float | None) -> list[BarRow]:
    bars = []
    for row in rows:
        if row.overall.not_asked:
            continue
        name = _(row.name)  # the reference's name, in the part's language (findings/reports/terms.py)
        bars.append(
            BarRow(
                name=name,
                text=row.overall.text,
                presence=str(row.presence.label),
                suppressed=row.overall.suppressed,
                svg=charts.percent_bar(row.overall.percent, threshold=threshold, label=f"{name}: {row.overall.text}"),
            )
        )
    return bars


def _fee_chart(fees: Any) -> tuple[list[tuple[str, list[RangeRow]]], str]:
    """Range, median and mean paid per worker, overall and per group of each fee table, on one scale."""
    sections = [("", [fees.overall])]
    sections += [(table.title, list(table.rows)) for table in fees.tables]
    shown = [r for _t, rows in sections for r in rows if r.maximum.shown]
    if not shown:
        return [], ""
    axis, top = charts.amount_axis(max(Decimal(r.maximum.value) for r in shown))
    result = []
    for title, rows in sections:
        result.append(
            (
                title,
                [
                    RangeRow(
                        label=row.label,
                        text=row.range_text,
                        suppressed=row.minimum.suppressed,
                        svg=charts.range_bar(
                            Decimal(row.minimum.value),
                            Decimal(row.maximum.value),
                            Decimal(row.mean.value),
                            Decimal(row.median.value),
                            top=top,
                            label=f"{row.label}: {row.range_text}",
                        )
                        if row.maximum.shown
                        else None,
                    )
                    for row in rows
                ],
            )
        )
    return result, axis


def figures(engagement: Any, *, sees_small_cells: bool) -> Figures:
    from findings.analysis.selectors import analysis_settings, fee_analysis, indicator_tables

    settings = analysis_settings(engagement)
    tables = indicator_tables(engagement, sees_small_cells=sees_small_cells)
    fees = fee_analysis(engagement, sees_small_cells=sees_small_cells)
    result = Figures(settings=settings, tables=tables, fees=fees, percent_axis=charts.percent_axis())
    threshold = float(settings.systemic_percent) if settings.systemic_percent else None
    if result.overall:
        groups = result.overall.row_groups
        result.indicator_chart = _bar_rows(list(groups[0].rows) if groups else [], threshold)
        # Only the risks some worker reported: the chart shows where the issues are, the table shows every risk.
        reported = [r for g in groups[1:] for r in g.rows if r.presence in REPORTED]
        result.risk_chart = _bar_rows(reported, threshold)
    result.fee_chart, result.fee_axis = _fee_chart(fees)
    return result
