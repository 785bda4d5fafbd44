"""Exports of the aggregates as CSV and XLSX (issue 6 item 9), from the same tables the page shows.

What a reader exports is what they may see: the tables come already suppressed for them. Every text
cell is escaped against formula injection (site and recruiter names are typed by people, and a cell
starting with = + - @ tab or carriage return would run as a formula in a spreadsheet): it gets a
leading apostrophe. Numbers are written as numbers; hidden figures as the word "suppressed".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from findings.analysis.tables import CountCell, FeeAnalysis, FeeRow, Figure, Table, UnconvertedFigure

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: Any) -> str:
    """Text that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _value(figure: Figure) -> int | Decimal | str:
    """A figure as a cell: its number, "suppressed", or empty (nothing to show)."""
    if figure.suppressed:
        return figure.text
    if figure.value is None:
        return ""
    return Decimal(figure.value).quantize(Decimal("0.01")) if figure.is_amount else int(figure.value)


def _unconverted(entries: Sequence[UnconvertedFigure]) -> str:
    return "; ".join(f"{u.currency} {_value(u.amount)}" for u in entries)


def indicator_header() -> list[str]:
    return [
        _("Breakdown"),
        _("Group"),
        _("Workers in the group"),
        _("Type"),
        _("Id"),
        _("Indicator or risk"),
        _("Workers who reported it"),
        _("Workers asked"),
        _("Percent"),
        _("Isolated or systemic"),
    ]


def _cell_values(cell: CountCell) -> list[Any]:
    if cell.not_asked:
        return ["", "", ""]
    return [_value(cell.reported), _value(cell.asked), "" if cell.percent is None else cell.percent]


def indicator_rows(tables: Iterable[Table]) -> Iterable[list[Any]]:
    for table in tables:
        for index, column in enumerate(table.columns):
            for row in table.rows:
                yield [
                    table.title,
                    column.label,
                    _value(column.workers),
                    row.kind,
                    row.id,
                    row.name,
                    *_cell_values(row.cells[index]),
                    row.presence.label,
                ]


def fee_header(currency: str) -> list[str]:
    return [
        _("Breakdown"),
        _("Group"),
        _("Workers asked about fees"),
        _("Workers who paid"),
        _("Workers whose payments were all converted"),
        _("Lowest total (%(c)s)") % {"c": currency},
        _("Highest total (%(c)s)") % {"c": currency},
        _("Mean (%(c)s)") % {"c": currency},
        _("Median (%(c)s)") % {"c": currency},
        _("Repayment owed (%(c)s)") % {"c": currency},
        _("Unconverted amounts, owed in addition"),
    ]


def _fee_values(row: FeeRow) -> list[Any]:
    return [
        _value(row.asked),
        _value(row.paid),
        _value(row.converted),
        _value(row.minimum),
        _value(row.maximum),
        _value(row.mean),
        _value(row.median),
        _value(row.repayment),
        _unconverted(row.unconverted),
    ]


def fee_rows(analysis: FeeAnalysis) -> Iterable[list[Any]]:
    yield [_("All workers"), analysis.overall.label, *_fee_values(analysis.overall)]
    for category in analysis.categories:
        yield [
            _("By ILO fee or cost category"),
            category.name,
            "",
            _value(category.paid),
            _value(category.converted),
            _value(category.minimum),
            _value(category.maximum),
            _value(category.mean),
            _value(category.median),
            _value(category.repayment),
            _unconverted(category.unconverted),
        ]
    for table in analysis.tables:
        for row in table.rows:
            yield [table.title, row.label, *_fee_values(row)]


def to_csv(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    for line in (header, *rows):
        writer.writerow([v if isinstance(v, int | Decimal) else safe_text(v) for v in line])
    return ("\ufeff" + out.getvalue()).encode()  # a BOM, so that spreadsheets read UTF-8


def indicators_csv(tables: Iterable[Table]) -> bytes:
    return to_csv(indicator_header(), indicator_rows(tables))


def fees_csv(analysis: FeeAnalysis) -> bytes:
    return to_csv(fee_header(analysis.reporting_currency), fee_rows(analysis))


def _about(tables: Sequence[Table], analysis: FeeAnalysis) -> list[list[str]]:
    first = tables[0]
    rows = [
        [_("About these figures")],
        [first.systemic_rule],
        [first.legend if first.suppressed else _("Team view: no figure is suppressed. Do not share this file.")],
        [analysis.explanation],
    ]
    if analysis.rates:
        rows.append([_("Exchange rates used")])
        currency = analysis.reporting_currency
        rows.extend(
            [f"1 {r.currency} = {r.rate.normalize():f} {currency}", r.rate_date.isoformat(), r.source]
            for r in analysis.rates
        )
    return rows


def workbook(tables: Sequence[Table], analysis: FeeAnalysis) -> bytes:
    """One workbook: what the figures mean, the indicators and risks, the fees."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheets = (
        (_("About"), None, _about(tables, analysis)),
        (_("Indicators and risks"), indicator_header(), indicator_rows(tables)),
        (_("Recruitment fees"), fee_header(analysis.reporting_currency), fee_rows(analysis)),
    )
    for index, (title, header, rows) in enumerate(sheets):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = title[:31]
        if header:
            sheet.append([safe_text(h) for h in header])
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
        for line in rows:
            sheet.append([v if isinstance(v, int | Decimal) else safe_text(v) for v in line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
