"""Reading a workforce breakdown from a CSV or XLSX file (guide, phase 2 step 1; phase 3 step 4).

Plain functions, no database: the caller passes the recruiters it knows (normalised name -> id).
The whole file is read from memory and checked before anything is saved; a file with any bad row
is refused whole, with every bad row's number (as a spreadsheet program shows it: the header is
row 1) and the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django_countries import countries

from engagements.supplychain.models import MAX_GROUP_SIZE, AgeBand, ContractType, Employment, gender_choices
from engagements.tabular import TableFileError, read_table

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_ERRORS_SHOWN = 100
FIRST_YEAR = 1950

COLUMNS = (
    "nationality",
    "gender",
    "age_band",
    "contract_type",
    "recruiter",
    "recruitment_year",
    "employment",
    "count",
)
REQUIRED = ("nationality", "count")
ALIASES = {
    "age": "age_band",
    "contract": "contract_type",
    "recruitment_actor": "recruiter",
    "year": "recruitment_year",
    "year_recruited": "recruitment_year",
    "direct_or_subcontracted": "employment",
    "employment_type": "employment",
    "employment_type_direct_or_indirect": "employment",
    "workers": "count",
    "number": "count",
    "headcount": "count",
    "number_of_workers": "count",
}


@dataclass(frozen=True)
class ParsedRow:
    row: int
    nationality: str
    gender: str = ""
    age_band: str = ""
    contract_type: str = ""
    recruiter: Any = None
    recruitment_year: int | None = None
    employment: str = ""
    count: int = 0


@dataclass(frozen=True)
class RowError:
    """``row`` 0 is the file itself."""

    row: int
    message: str


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def normalise(text: Any) -> str:
    """Lower case, single spaces, en dashes as hyphens: how names and labels are compared."""
    return re.sub(r"\s+", " ", str(text).replace("–", "-").replace("—", "-")).strip().casefold()


def _header_key(text: Any) -> str:
    key = re.sub(r"[\s\-/]+", "_", normalise(text)).strip("_")
    return ALIASES.get(key, key)


def _choice_lookup(choices: Iterable[tuple[str, Any]], extra: Mapping[str, str] | None = None) -> dict[str, str]:
    lookup = {}
    for value, label in choices:
        lookup[normalise(value)] = value
        lookup[normalise(label)] = value
    lookup.update({normalise(k): v for k, v in (extra or {}).items()})
    return lookup


def _age_lookup() -> dict[str, str]:
    extra = {"<18": AgeBand.UNDER_18, "under18": AgeBand.UNDER_18, "55+": AgeBand.A55_PLUS}
    lookup = _choice_lookup(AgeBand.choices, extra)
    for value in AgeBand.values:
        if "_" in value and value[0].isdigit():
            low, _sep, high = value.partition("_")
            lookup[f"{low}-{high}"] = value
            lookup[f"{low} - {high}"] = value
    return lookup


EMPLOYMENT_EXTRA = {"agency": Employment.SUBCONTRACTED, "indirect": Employment.SUBCONTRACTED}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _whole_number(text: str) -> int:
    """'12', '12.0' and 12.0 are 12; '12.5' and 'twelve' are refused."""
    if re.fullmatch(r"[+]?\d+(\.0+)?", text):
        return int(text.split(".")[0])
    raise ValueError


def _nationality(text: str) -> str:
    code = countries.alpha2(text) if len(text) in (2, 3) else ""
    if not code:
        code = countries.by_name(text) or ""
    if not code:
        raise ValueError(_("nationality “%(v)s” is not a country name or code") % {"v": text})
    return str(code)


def _from_choices(text: str, lookup: dict[str, str], what: str, allowed: Iterable[Any]) -> str:
    if not text:
        return ""
    value = lookup.get(normalise(text))
    if value is None:
        raise ValueError(
            _("%(what)s “%(v)s” is not one of: %(allowed)s")
            % {"what": what, "v": text, "allowed": ", ".join(str(a) for a in allowed)}
        )
    return value


def _year(text: str, current_year: int) -> int | None:
    if not text:
        return None
    try:
        year = _whole_number(text)
    except ValueError:
        year = 0
    if not FIRST_YEAR <= year <= current_year:
        raise ValueError(
            _("recruitment year “%(v)s” is not a year between %(a)s and %(b)s")
            % {"v": text, "a": FIRST_YEAR, "b": current_year}
        )
    return year


def _count(text: str) -> int:
    try:
        count = _whole_number(text)
    except ValueError:
        count = 0
    if not 1 <= count <= MAX_GROUP_SIZE:
        raise ValueError(
            _("workers “%(v)s” is not a whole number from 1 to %(max)s") % {"v": text, "max": MAX_GROUP_SIZE}
        )
    return count


def _recruiter(text: str, recruiters: Mapping[str, Any]) -> Any:
    if not text:
        return None
    found = recruiters.get(normalise(text))
    if found is None:
        raise ValueError(
            _("no recruiter or subagent named “%(v)s” is on the map (add it to the map first, or leave the cell empty)")
            % {"v": text}
        )
    return found


def parse_table(table: Iterable[list[Any]], *, recruiters: Mapping[str, Any], current_year: int) -> ParseResult:
    """Rows of cells (the first non-empty row is the header) -> parsed rows, or every bad row's reason."""
    result = ParseResult()
    header: list[str] | None = None
    genders = gender_choices()
    lookups = {
        "gender": (_choice_lookup(genders), _("gender"), [label for _v, label in genders]),
        "age_band": (_age_lookup(), _("age band"), AgeBand.labels),
        "contract_type": (_choice_lookup(ContractType.choices), _("contract type"), ContractType.labels),
        "employment": (_choice_lookup(Employment.choices, EMPLOYMENT_EXTRA), _("employment"), Employment.labels),
    }
    data_rows = 0
    for number, raw in enumerate(table, start=1):
        cells = [_cell(v) for v in raw]
        if not any(cells):
            continue
        if header is None:
            header = [_header_key(c) for c in cells]
            problem = _check_header(header)
            if problem:
                result.errors.append(RowError(number, problem))
                return result
            continue
        data_rows += 1
        if data_rows > MAX_ROWS:
            result.errors.append(RowError(0, _("The file has more than %(n)s rows.") % {"n": MAX_ROWS}))
            return result
        values = {key: (cells[i] if i < len(cells) else "") for i, key in enumerate(header) if key}
        extra = [c for c in cells[len(header) :] if c]
        reasons: list[str] = []
        if extra:
            reasons.append(_("more cells than the header has columns"))
        parsed: dict[str, Any] = {}
        parsers = {
            "nationality": lambda t: _nationality(t) if t else _raise(_("nationality is empty")),
            "count": lambda t: _count(t) if t else _raise(_("workers is empty")),
            "recruitment_year": lambda t: _year(t, current_year),
            "recruiter": lambda t: _recruiter(t, recruiters),
        }
        for key in COLUMNS:
            text = values.get(key, "")
            try:
                if key in lookups:
                    lookup, what, allowed = lookups[key]
                    parsed[key] = _from_choices(text, lookup, what, allowed)
                elif key in parsers:
                    parsed[key] = parsers[key](text)
            except ValueError as error:
                reasons.append(str(error))
        if reasons:
            result.errors.append(RowError(number, "; ".join(reasons)))
        else:
            result.rows.append(ParsedRow(row=number, **parsed))
    if header is None:
        result.errors.append(RowError(0, _("The file is empty: it needs a header row and at least one row.")))
    elif not result.rows and not result.errors:
        result.errors.append(RowError(0, _("The file has a header but no rows.")))
    return result


def _raise(message: str) -> Any:
    raise ValueError(message)


def _check_header(header: list[str]) -> str:
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        return _("Unknown column “%(c)s”: the columns are %(all)s.") % {"c": unknown[0], "all": ", ".join(COLUMNS)}
    duplicated = sorted({h for h in header if h and header.count(h) > 1})
    if duplicated:
        return _("Column “%(c)s” appears twice.") % {"c": duplicated[0]}
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return _("Column “%(c)s” is missing: the columns are %(all)s.") % {"c": missing[0], "all": ", ".join(COLUMNS)}
    return ""


def parse_file(name: str, content: bytes, *, recruiters: Mapping[str, Any], current_year: int) -> ParseResult:
    """Read a .csv or .xlsx upload and parse it; never raises on bad content."""
    if len(content) > MAX_BYTES:
        return ParseResult(errors=[RowError(0, _("The file is larger than 2 MB."))])
    try:
        table = read_table(name, content, max_rows=MAX_ROWS)
    except TableFileError as error:
        return ParseResult(errors=[RowError(0, str(error))])
    return parse_table(table, recruiters=recruiters, current_year=current_year)
