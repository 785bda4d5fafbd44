"""Reading an attendance list (CSV or XLSX) down to what the sample needs, and nothing more.

Attendance lists carry names, employee numbers and sometimes phone numbers. Only each row's
list position and its stratum attributes (nationality, gender, recruiter, department, shift,
contract type, supervisor or not) are read; every other column is dropped on reading and
never reaches the database. The list position is the row's order among the non-empty rows
under the header (1 = the first worker), as the interviewers count on the paper list.
A file with an error is refused whole, with each bad row's number in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from engagements.tabular import TableFileError, read_table
from interviews.sampling.selection import ListRow

MAX_ROWS = 20_000
MAX_VALUE_LENGTH = 100
MAX_ERRORS_SHOWN = 20

# Accepted column headings (compared lower-case, punctuation as spaces) for each kept attribute.
HEADINGS: dict[str, tuple[str, ...]] = {
    "nationality": ("nationality", "country", "country of origin", "citizenship"),
    "gender": ("gender", "sex"),
    "recruiter": ("recruiter", "labour recruiter", "labor recruiter", "recruitment agency", "agency"),
    "department": ("department", "dept", "section", "unit"),
    "shift": ("shift",),
    "contract_type": ("contract type", "contract", "employment type", "type of contract"),
    "is_supervisor": ("supervisor", "is supervisor", "supervisor yes no", "supervisor team leader", "team leader"),
}
YES = frozenset({"yes", "y", "true", "1", "x", "supervisor", "team leader"})
NO = frozenset({"no", "n", "false", "0", "", "worker"})


@dataclass(frozen=True)
class ParsedList:
    rows: list[ListRow]
    kept: list[str]  # attribute names found in the file
    dropped: int  # how many other columns were thrown away


def _heading(value: Any) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", str(value or "")).split()).casefold()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _table_rows(content: bytes, filename: str) -> list[tuple[int, list[Any]]]:
    """(line number in the file, cells) for every row of the first sheet or the CSV."""
    if not filename.lower().endswith((".csv", ".xlsx")):
        raise ValidationError(_("Upload the attendance list as a CSV file or an Excel workbook (.xlsx)."))
    try:
        return list(enumerate(read_table(filename, content, max_rows=MAX_ROWS), start=1))
    except TableFileError as error:
        raise ValidationError(str(error)) from error


def _columns(header: list[Any]) -> tuple[dict[str, int], int]:
    found: dict[str, int] = {}
    for index, value in enumerate(header):
        heading = _heading(value)
        for attribute, names in HEADINGS.items():
            if heading in names:
                if attribute in found:
                    raise ValidationError(
                        _("Two columns of the file give the %(what)s: keep only one.") % {"what": heading}
                    )
                found[attribute] = index
    dropped = sum(1 for i, v in enumerate(header) if i not in found.values() and _cell(v))
    return found, dropped


def parse_attendance_list(content: bytes, filename: str) -> ParsedList:
    """The list's rows (positions and stratum attributes only), or a ValidationError naming each bad row."""
    table = [(n, cells) for n, cells in _table_rows(content, filename) if any(_cell(c) for c in cells)]
    if not table:
        raise ValidationError(_("The file is empty."))
    (_header_line, header), body = table[0], table[1:]
    columns, dropped = _columns(header)
    if not body:
        raise ValidationError(_("The file has a header row but no workers under it."))
    if len(body) > MAX_ROWS:
        raise ValidationError(_("The file has more than %(n)s rows.") % {"n": f"{MAX_ROWS:,}"})
    rows: list[ListRow] = []
    errors: list[str] = []
    for position, (line, cells) in enumerate(body, start=1):
        values = {a: _cell(cells[i]) if i < len(cells) else "" for a, i in columns.items()}
        supervisor = values.pop("is_supervisor", "").casefold()
        if supervisor not in YES | NO:
            errors.append(
                _("Row %(line)s: “%(value)s” in the supervisor column is neither yes nor no.")
                % {"line": line, "value": supervisor[:20]}
            )
        too_long = [a for a, v in values.items() if len(v) > MAX_VALUE_LENGTH]
        if too_long:
            errors.append(
                _("Row %(line)s: the %(what)s is longer than %(n)s characters.")
                % {"line": line, "what": too_long[0].replace("_", " "), "n": MAX_VALUE_LENGTH}
            )
        rows.append(ListRow(position=position, is_supervisor=supervisor in YES, **values))
    if errors:
        shown = errors[:MAX_ERRORS_SHOWN]
        if len(errors) > MAX_ERRORS_SHOWN:
            shown.append(_("…and %(n)s more rows with errors.") % {"n": len(errors) - MAX_ERRORS_SHOWN})
        raise ValidationError(shown)
    return ParsedList(rows=rows, kept=[a for a in HEADINGS if a in columns], dropped=dropped)
