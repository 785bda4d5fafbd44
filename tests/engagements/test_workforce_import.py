"""The workforce breakdown from a CSV or XLSX file: refused whole with each bad row's number and reason, or
saved exactly."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from audit.models import AuditEntry
from engagements.supplychain import services
from engagements.supplychain.models import ActorType, AgeBand, ContractType, Employment, Site, WorkforceRow
from engagements.supplychain.workforce_import import (
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    normalise,
    parse_file,
    parse_table,
)
from tests.conftest import World

YEAR = 2026
RECRUITERS = {normalise("Recruiter A (Yangon)"): "rec-a", normalise("Recruiter B (Phnom Penh)"): "rec-b"}

GOOD = [
    ["nationality", "gender", "age_band", "contract_type", "recruiter", "recruitment_year", "employment", "count"],
    ["MM", "Woman", "18-24", "Permanent", "Recruiter A (Yangon)", "2024", "Direct", "64"],
    ["Myanmar", "man", "25–34", "fixed_term", "recruiter a (yangon)", "2023", "direct", "41"],
    ["KH", "Woman", "35_44", "Seasonal", "Recruiter B (Phnom Penh)", "2025", "Subcontracted", "19"],
    ["Cambodia", "", "", "", "", "", "", "7"],
]


def _parse(table: list[list[Any]]) -> Any:
    return parse_table(table, recruiters=RECRUITERS, current_year=YEAR)


def _csv(rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def _xlsx(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- The parser, on its own ----------------------------------------------------------------------------------------


def test_a_good_table_parses_every_row_with_labels_codes_and_names() -> None:
    result = _parse(GOOD)
    assert result.ok
    assert [(r.row, r.nationality, r.gender, r.age_band, r.recruiter, r.count) for r in result.rows] == [
        (2, "MM", "woman", AgeBand.A18_24, "rec-a", 64),
        (3, "MM", "man", AgeBand.A25_34, "rec-a", 41),
        (4, "KH", "woman", AgeBand.A35_44, "rec-b", 19),
        (5, "KH", "", "", None, 7),
    ]
    assert result.rows[1].contract_type == ContractType.FIXED_TERM
    assert result.rows[2].employment == Employment.SUBCONTRACTED
    assert result.rows[0].recruitment_year == 2024 and result.rows[3].recruitment_year is None


def test_each_bad_row_is_reported_with_its_number_and_reason() -> None:
    table = [
        *GOOD[:2],
        ["Atlantis", "Woman", "18-24", "", "", "", "", "3"],
        GOOD[2],
        ["KH", "female", "", "", "Recruiter Z", "2031", "", "0"],
    ]
    result = _parse(table)
    assert not result.ok
    assert [e.row for e in result.errors] == [3, 5]
    assert "nationality “Atlantis” is not a country" in result.errors[0].message
    reason = result.errors[1].message
    assert "gender “female” is not one of: Woman, Man, Another designation, Prefer not to disclose" in reason
    assert "no recruiter or subagent named “Recruiter Z”" in reason
    assert "recruitment year “2031”" in reason
    assert "workers “0” is not a whole number" in reason


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["nationality", "gendr", "count"], "Unknown column “gendr”"),
        (["gender", "count"], "Column “nationality” is missing"),
        (["nationality", "count", "Count"], "Column “count” appears twice"),
    ],
)
def test_a_bad_header_refuses_the_file_at_row_one(header: list[str], expected: str) -> None:
    result = _parse([header, ["MM", "Woman", "3"]])
    assert [e.row for e in result.errors] == [1]
    assert expected in result.errors[0].message


def test_header_aliases_and_blank_lines_are_accepted() -> None:
    result = _parse(
        [[], ["Nationality", "Age", "Workers", "Direct or subcontracted"], ["TH", "55+", "2", "agency"], []]
    )
    assert result.ok
    assert result.rows[0].row == 3 and result.rows[0].age_band == AgeBand.A55_PLUS
    assert result.rows[0].employment == Employment.SUBCONTRACTED


def test_an_empty_file_and_a_header_alone_are_refused() -> None:
    assert not _parse([]).ok
    assert "no rows" in _parse([["nationality", "count"]]).errors[0].message


def test_too_many_rows_are_refused() -> None:
    table = [["nationality", "count"], *([["MM", "1"]] * (MAX_ROWS + 1))]
    result = _parse(table)
    assert not result.ok and f"more than {MAX_ROWS} rows" in result.errors[-1].message


def test_fractional_counts_are_refused_but_spreadsheet_floats_are_whole_numbers() -> None:
    result = _parse([["nationality", "count", "recruitment_year"], ["MM", 12.0, 2024.0], ["MM", "12.5", ""]])
    assert result.rows[0].count == 12 and result.rows[0].recruitment_year == 2024
    assert [e.row for e in result.errors] == [3]


def test_parse_file_refuses_other_formats_and_oversized_files() -> None:
    common = {"recruiters": RECRUITERS, "current_year": YEAR}
    assert "Upload a .csv or .xlsx" in parse_file("list.xls", b"x", **common).errors[0].message
    assert "larger than 2 MB" in parse_file("big.csv", b"x" * (MAX_BYTES + 1), **common).errors[0].message
    assert "not an Excel workbook" in parse_file("fake.xlsx", b"nationality,count\n", **common).errors[0].message
    assert "not UTF-8" in parse_file("latin.csv", "nationalité,count\n".encode("latin-1"), **common).errors[0].message


def test_a_semicolon_separated_csv_and_an_xlsx_parse_alike() -> None:
    common = {"recruiters": RECRUITERS, "current_year": YEAR}
    semicolons = "\n".join(";".join(row) for row in GOOD).encode("utf-8-sig")
    from_csv = parse_file("a.csv", semicolons, **common)
    from_xlsx = parse_file("a.xlsx", _xlsx(GOOD), **common)
    assert from_csv.ok and from_xlsx.ok
    assert from_csv.rows == from_xlsx.rows == _parse(GOOD).rows


valid_rows = st.lists(
    st.tuples(
        st.sampled_from(["MM", "KH", "TH", "LA", "NP", "BD"]),
        st.sampled_from(["", "woman", "man", "another_designation", "prefer_not_to_disclose"]),
        st.sampled_from(["", *AgeBand.values]),
        st.sampled_from(["", *ContractType.values]),
        st.sampled_from(["", "Recruiter A (Yangon)", "Recruiter B (Phnom Penh)"]),
        st.one_of(st.just(""), st.integers(min_value=1950, max_value=YEAR).map(str)),
        st.sampled_from(["", *Employment.values]),
        st.integers(min_value=1, max_value=100_000),
    ),
    min_size=1,
    max_size=40,
)


@given(rows=valid_rows)
def test_any_valid_csv_round_trips_exactly(rows: list[tuple[Any, ...]]) -> None:
    content = _csv([list(COLUMNS), *[list(r) for r in rows]])
    result = parse_file("w.csv", content, recruiters=RECRUITERS, current_year=YEAR)
    assert result.ok, result.errors
    assert len(result.rows) == len(rows)
    assert [r.count for r in result.rows] == [r[-1] for r in rows]
    assert [r.row for r in result.rows] == list(range(2, len(rows) + 2))


@given(content=st.binary(max_size=2000), name=st.sampled_from(["a.csv", "a.xlsx", "a.txt"]))
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_bytes_are_refused_or_parsed_never_crash(content: bytes, name: str) -> None:
    result = parse_file(name, content, recruiters=RECRUITERS, current_year=YEAR)
    assert result.ok or all(e.message for e in result.errors)


@given(rows=valid_rows, bad_at=st.integers(min_value=0, max_value=39))
def test_one_bad_row_anywhere_is_named_and_nothing_is_parsed_into_a_partial_file(
    rows: list[tuple[Any, ...]], bad_at: int
) -> None:
    table = [list(COLUMNS), *[list(r) for r in rows]]
    index = 1 + bad_at % len(rows)
    table[index][-1] = "-3"
    result = parse_file("w.csv", _csv(table), recruiters=RECRUITERS, current_year=YEAR)
    assert not result.ok
    assert [e.row for e in result.errors] == [index + 1]


# --- Through the service and the page ------------------------------------------------------------------------------


@pytest.fixture
def site(world: World) -> Site:
    lead = world.user("lead")
    employer = services.actor_create(
        actor=lead,
        engagement=world.engagement,
        name="Seafood Supplier Example",
        actor_type=ActorType.SUPPLIER,
        country="TH",
    )
    for name, country in (("Recruiter A (Yangon)", "MM"), ("Recruiter B (Phnom Penh)", "KH")):
        services.actor_create(
            actor=lead, engagement=world.engagement, name=name, actor_type=ActorType.RECRUITER, country=country
        )
    site = services.site_create(actor=lead, engagement=world.engagement, employer=employer, name="Plant 1")
    services.workforce_row_add(actor=lead, site=site, nationality="LA", count=5)  # an earlier breakdown
    return site


def _upload(client: Any, world: World, site: Site, name: str, content: bytes) -> Any:
    return client.post(
        reverse("supplychain:workforce_import", args=[world.engagement.pk, site.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


BAD = [*GOOD[:3], ["KH", "Woman", "", "", "", "", "", "many"], *GOOD[3:]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_file_with_one_bad_row_is_refused_with_its_number_and_reason_and_nothing_is_saved(
    fmt: str, world: World, site: Site, client_for: Any
) -> None:
    content = _csv(BAD) if fmt == "csv" else _xlsx(BAD)
    response = _upload(client_for("lead"), world, site, f"breakdown.{fmt}", content)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The file was refused: 1 problem. Nothing was saved" in html
    assert "<strong>Row 4:</strong> workers “many” is not a whole number from 1 to 100000" in html
    assert list(WorkforceRow.objects.filter(site=site).values_list("nationality", "count")) == [("LA", 5)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_good_file_saves_exactly_its_rows_in_place_of_the_old_ones(
    fmt: str, world: World, site: Site, client_for: Any
) -> None:
    content = _csv(GOOD) if fmt == "csv" else _xlsx(GOOD)
    response = _upload(client_for("assessor"), world, site, f"breakdown.{fmt}", content)
    assert response.status_code == 302
    rows = WorkforceRow.objects.filter(site=site).order_by("-count")
    assert [(r.nationality.code, r.gender, r.age_band, r.recruiter and r.recruiter.name, r.count) for r in rows] == [
        ("MM", "woman", "18_24", "Recruiter A (Yangon)", 64),
        ("MM", "man", "25_34", "Recruiter A (Yangon)", 41),
        ("KH", "woman", "35_44", "Recruiter B (Phnom Penh)", 19),
        ("KH", "", "", None, 7),
    ]
    page = client_for("interviewer").get(reverse("supplychain:site", args=[world.engagement.pk, site.pk]))
    html = page.content.decode()
    assert "131 workers" in html and "Recruiter B (Phnom Penh)" in html and "Laos" not in html
    entry = AuditEntry.objects.get(engagement=world.engagement, verb="workforce.imported")
    assert entry.detail == {"rows": 4, "replaced": 1, "workers": 131}


def test_an_oversized_upload_is_refused_without_being_kept(world: World, site: Site, client_for: Any) -> None:
    content = _csv(GOOD) + b"#" * MAX_BYTES
    response = _upload(client_for("lead"), world, site, "big.csv", content)
    assert response.status_code == 200
    assert "The file is larger than 2 MB." in response.content.decode()
    assert WorkforceRow.objects.filter(site=site).count() == 1


def test_the_service_refuses_the_whole_file(world: World, site: Site) -> None:
    with pytest.raises(services.WorkforceFileRefused) as refused:
        services.workforce_import(actor=world.user("lead"), site=site, filename="b.csv", content=_csv(BAD))
    assert [(e.row, e.message.split(" ")[0]) for e in refused.value.row_errors] == [(4, "workers")]
    assert WorkforceRow.objects.filter(site=site).count() == 1
    assert services.workforce_import(actor=world.user("lead"), site=site, filename="g.csv", content=_csv(GOOD)) == 4


def test_a_row_entered_in_the_form_is_added(world: World, site: Site, client_for: Any) -> None:
    response = client_for("lead").post(
        reverse("supplychain:workforce_row_add", args=[world.engagement.pk, site.pk]),
        {"nationality": "MM", "gender": "woman", "age_band": "18_24", "employment": "direct", "count": "12"},
    )
    assert response.status_code == 302
    assert WorkforceRow.objects.filter(site=site).count() == 2
    totals = client_for("lead").get(reverse("supplychain:workforce", args=[world.engagement.pk])).content.decode()
    assert "Myanmar" in totals and "Plant 1" in totals


def test_the_example_file_imports_cleanly(world: World, site: Site, client_for: Any) -> None:
    example = client_for("lead").get(reverse("supplychain:workforce_template", args=[world.engagement.pk]))
    assert example["Content-Type"].startswith("text/csv")
    assert (
        services.workforce_import(actor=world.user("lead"), site=site, filename="example.csv", content=example.content)
        == 2
    )


def test_the_upload_handler_holds_at_most_the_limit_in_memory() -> None:
    from engagements.supplychain.uploads import CappedMemoryUploadHandler

    handler = CappedMemoryUploadHandler(limit=10)
    handler.new_file("file", "a.csv", "text/csv", 25)
    for chunk in (b"12345", b"67890", b"abcde", b"fghij", b"klmno"):
        handler.receive_data_chunk(chunk, 0)
    too_big = handler.file_complete(25)
    assert too_big.size == 25 and too_big.read() == b""
    handler.new_file("file", "b.csv", "text/csv", 4)
    handler.receive_data_chunk(b"ok,1", 0)
    assert handler.file_complete(4).read() == b"ok,1"
