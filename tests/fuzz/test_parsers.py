"""Hypothesis over the import parsers: any bytes give rows or messages for the person uploading, never a crash.

The workforce import (engagements/supplychain/workforce_import.py) must return errors rather than raise;
the attendance list (interviews/sampling/imports.py) raises ValidationError with a message. Neither stores
anything (they parse; the services that store call them first), so "changes nothing" is proved at the
services in tests/engagements/test_workforce_import.py and tests/interviews/test_sampling.py.
"""

from __future__ import annotations

import csv
import io
import zipfile

from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engagements.supplychain.workforce_import import COLUMNS, parse_file
from interviews.sampling.imports import parse_attendance_list

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "yes", "no", "Myanmar", "MM", "2024", "-1", "1e9", "=cmd|' /C calc'!A0", "\x00", "🙂"]),
    st.integers(-(10**12), 10**12).map(str),
)
headers = st.lists(st.sampled_from([*COLUMNS, "No.", "Nationality", "Gender", "Supervisor", "", "???"]), max_size=8)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    rows = [draw(headers), *draw(st.lists(st.lists(cells, max_size=8), max_size=12))]
    out = io.StringIO()
    csv.writer(out, delimiter=draw(st.sampled_from([",", ";", "\t"]))).writerows(rows)
    text = out.getvalue()
    return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"])), errors="replace")


def broken_zip(payload: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", payload)
    return buffer.getvalue()


contents = st.one_of(st.binary(max_size=400), csv_files(), st.binary(max_size=200).map(broken_zip))
names = st.sampled_from(["list.csv", "list.xlsx", "list.CSV", "list", "list.xls", "list.csv.exe"])


@FUZZ
@given(name=names, content=contents)
def test_the_workforce_import_answers_any_file_with_rows_or_messages(name: str, content: bytes) -> None:
    result = parse_file(name, content, recruiters={}, current_year=2026)
    if result.errors:
        assert all(str(e.message).strip() for e in result.errors)
    else:
        assert name.casefold().endswith((".csv", ".xlsx"))


@FUZZ
@given(name=names, content=contents)
def test_the_attendance_list_answers_any_file_with_rows_or_a_message(name: str, content: bytes) -> None:
    try:
        parsed = parse_attendance_list(content, name)
    except ValidationError as error:
        assert error.messages and all(m.strip() for m in error.messages)
    else:
        assert parsed.rows and name.casefold().endswith((".csv", ".xlsx"))
