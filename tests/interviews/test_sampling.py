"""The worker interview sample: reproducible, stratified, sized by the table, supervisors apart, no names kept."""

from __future__ import annotations

import csv
import hashlib
import io
import math
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.models import AuditEntry
from interviews.sampling import selectors
from interviews.sampling.models import AssessmentSite, AttendanceList, AttendanceRow, SampleDraw, SampledWorker
from interviews.sampling.selection import STRATUM_ATTRIBUTES, Band, ListRow, Parameters, draw, stratum_key
from interviews.sampling.services import sample as services
from tests.conftest import World

SMETA = (Band(1, 100, 10), Band(101, 500, 26), Band(501, 1000, 42), Band(1001, 2000, 60), Band(2001, None, 62))
NATIONALITIES = ["Myanmar", "Cambodia", "Laos"]
HEADER = ["No.", "Name", "Employee no.", "Phone", "Nationality", "Gender", "Recruiter", "Department", "Shift"]
HEADER += ["Contract type", "Supervisor"]
DAY = date(2026, 11, 3)


# --- helpers shared with test_schedule.py ------------------------------------------------------------


def attendance_csv(workers: int, supervisors: int = 0) -> bytes:
    """A fictional list with the columns a real one has, names and numbers included."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for n in range(1, workers + supervisors + 1):
        boss = n > workers
        writer.writerow(
            [
                n,
                f"Testname Fictional{n:03d}",
                f"EMP-{n:05d}",
                f"+66 800 000 {n:03d}",
                NATIONALITIES[n % 3],
                "Woman" if n % 2 else "Man",
                "Recruiter Alpha" if n % 3 else "Recruiter Beta",
                "Peeling" if n % 4 else "Packing",
                "Day" if n % 5 else "Night",
                "Direct",
                "yes" if boss else "no",
            ]
        )
    return out.getvalue().encode()


def site_with_draw(world: World, workers: int = 60, supervisors: int = 4, seed: int = 7) -> tuple[Any, SampleDraw]:
    lead = world.user("lead")
    site = services.site_create(actor=lead, engagement=world.engagement, name="Plant One", workers_on_site=None)
    attendance = services.attendance_list_import(
        actor=lead,
        site=site,
        content=attendance_csv(workers, supervisors),
        filename="list.csv",
        list_date=DAY,
    )
    return site, services.sample_draw(actor=lead, attendance_list=attendance, seed=seed)


def positions(result: SampleDraw, supervisors: bool | None = None) -> list[int]:
    rows = SampledWorker.objects.filter(draw=result)
    if supervisors is not None:
        rows = rows.filter(row__is_supervisor=supervisors)
    return sorted(rows.values_list("row__position", flat=True))


def rows_of(n: int, strata: int = 1, supervisors: int = 0) -> list[ListRow]:
    workers = [ListRow(position=i + 1, nationality=f"N{i % strata}") for i in range(n)]
    bosses = [ListRow(position=n + i + 1, is_supervisor=True) for i in range(supervisors)]
    return workers + bosses


# --- the algorithm -----------------------------------------------------------------------------------


def test_the_same_seed_and_list_give_the_same_selection() -> None:
    rows = [ListRow(i, NATIONALITIES[i % 3], "Woman" if i % 2 else "Man") for i in range(1, 400)]
    parameters = Parameters(bands=SMETA)
    assert draw(rows, 12345, parameters) == draw(list(reversed(rows)), 12345, parameters)
    assert draw(rows, 12345, parameters).workers != draw(rows, 12346, parameters).workers


@pytest.mark.django_db
def test_the_same_seed_and_list_give_the_same_selection_when_drawn_again(world: World) -> None:
    _site, first = site_with_draw(world, seed=99)
    second = services.sample_draw(actor=world.user("lead"), attendance_list=first.attendance_list, seed=99)
    third = services.sample_draw(actor=world.user("lead"), attendance_list=first.attendance_list, seed=100)
    assert positions(first) == positions(second)
    assert positions(first) != positions(third)
    # Anyone can re-run the published function on the stored rows with the stored parameters.
    again = draw(selectors.list_rows(first.attendance_list_id), first.seed, Parameters.from_json(first.parameters))
    assert sorted((*again.workers, *again.supervisors)) == positions(first)


def test_every_stratum_present_in_the_workforce_appears_in_the_sample() -> None:
    # 300 workers, one rare group of two: proportional allocation alone would leave it out.
    rows = [ListRow(i, "Myanmar", "Woman" if i % 2 else "Man", department="Peeling") for i in range(1, 299)]
    rows += [ListRow(299, "Laos", "Woman", department="Cold store"), ListRow(300, "Laos", "Man", department="Peeling")]
    selection = draw(rows, 1, Parameters(bands=SMETA))
    keys = {stratum_key(r, STRATUM_ATTRIBUTES) for r in rows}
    drawn = {stratum_key(r, STRATUM_ATTRIBUTES) for r in rows if r.position in selection.workers}
    assert drawn == keys
    assert all(s.allocated >= 1 for s in selection.strata)


@pytest.mark.parametrize(
    ("workforce", "table", "with_margin"),
    [(4, 4, 4), (50, 10, 12), (100, 10, 12), (101, 26, 32), (500, 26, 32), (800, 42, 51), (1500, 60, 72)],
)
def test_sizes_follow_the_table_with_the_margin(workforce: int, table: int, with_margin: int) -> None:
    selection = draw(rows_of(workforce), 5, Parameters(bands=SMETA, oversample_percent=20))
    assert selection.table_size == table
    assert selection.with_margin == with_margin
    assert len(selection.workers) == with_margin


def test_a_declared_workforce_picks_the_table_row_even_when_fewer_are_on_the_list() -> None:
    selection = draw(rows_of(90), 5, Parameters(bands=SMETA, oversample_percent=0, workforce=2500))
    assert selection.table_size == 62
    assert len(selection.workers) == 62


def test_the_default_table_is_the_reference_smeta_table_with_the_computed_floor() -> None:
    assert selectors.default_bands() == SMETA  # 1,001-2,000: 60, the computed figure the reference says to use


def test_strata_minimums_make_the_sample_larger_than_the_table_when_needed() -> None:
    selection = draw(rows_of(60, strata=20), 3, Parameters(bands=SMETA, oversample_percent=0, min_per_stratum=1))
    assert selection.table_size == 10
    assert len(selection.workers) == 20
    assert all(s.allocated == 1 for s in selection.strata)


def test_supervisors_are_drawn_apart_and_never_counted_as_workers() -> None:
    selection = draw(rows_of(50, supervisors=6), 8, Parameters(bands=SMETA, supervisors=2))
    assert len(selection.supervisors) == 2
    assert set(selection.supervisors) <= {51, 52, 53, 54, 55, 56}
    assert not set(selection.supervisors) & set(selection.workers)
    assert len(selection.workers) == 12  # the table row of 50 workers, not 56


def _workforce() -> st.SearchStrategy[list[ListRow]]:
    attributes = st.fixed_dictionaries({a: st.sampled_from(["", "a", "b", "B ", "c"]) for a in STRATUM_ATTRIBUTES})
    supervisor = st.integers(min_value=0, max_value=9).map(lambda n: n == 0)
    return st.lists(st.tuples(supervisor, attributes), min_size=1, max_size=400).map(
        lambda items: [ListRow(position=i + 1, is_supervisor=s, **kw) for i, (s, kw) in enumerate(items)]
    )


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=_workforce(),
    seed=st.integers(min_value=0, max_value=10**18 - 1),
    margin=st.integers(min_value=0, max_value=50),
    minimum=st.integers(min_value=1, max_value=3),
    strata=st.lists(st.sampled_from(STRATUM_ATTRIBUTES), unique=True, max_size=6),
    supervisors=st.integers(min_value=0, max_value=4),
    declared=st.none() | st.integers(min_value=1, max_value=3000),
)
def test_any_workforce_gives_a_reproducible_stratified_sample_of_the_table_size(
    rows: list[ListRow],
    seed: int,
    margin: int,
    minimum: int,
    strata: list[str],
    supervisors: int,
    declared: int | None,
) -> None:
    parameters = Parameters(
        bands=SMETA,
        oversample_percent=margin,
        min_per_stratum=minimum,
        strata=tuple(strata),
        supervisors=supervisors,
        workforce=declared,
    )
    selection = draw(rows, seed, parameters)
    assert selection == draw(list(reversed(rows)), seed, parameters)  # reproducible, whatever the row order

    workers = [r for r in rows if not r.is_supervisor]
    bosses = {r.position for r in rows if r.is_supervisor}
    workforce = declared if declared is not None else len(workers)
    table = next((b.sample_size for b in SMETA if b.holds(workforce)), 0) if workforce else 0
    size = min(table, len(workers))
    with_margin = min(len(workers), math.ceil(size * (100 + margin) / 100))
    groups: dict[tuple, list[int]] = {}
    for r in workers:
        groups.setdefault(stratum_key(r, strata), []).append(r.position)
    floors = sum(min(minimum, len(p)) for p in groups.values())

    # Sizes follow the table (with the margin), grown only as far as the strata minimums need.
    assert selection.table_size == size
    assert len(selection.workers) == max(with_margin, floors)
    assert len(set(selection.workers)) == len(selection.workers)
    # Every stratum present in the workforce is in the sample, with at least its minimum.
    for members in groups.values():
        assert len(set(members) & set(selection.workers)) >= min(minimum, len(members))
    # Supervisors apart: never among the workers, as many as asked (or as there are).
    assert not bosses & set(selection.workers)
    assert set(selection.supervisors) <= bosses
    assert len(selection.supervisors) == min(supervisors, len(bosses))


# --- storing, privacy, the pages -----------------------------------------------------------------


@pytest.mark.django_db
def test_stored_attendance_rows_hold_no_name_or_identifier(world: World) -> None:
    content = attendance_csv(30, 2)
    _site, result = site_with_draw(world, workers=30, supervisors=2)
    field_names = {f.name for f in AttendanceRow._meta.get_fields()}
    assert field_names == {
        "id",
        "created_at",
        "updated_at",
        "engagement",
        "attendance_list",
        "position",
        "nationality",
        "gender",
        "recruiter",
        "department",
        "shift",
        "contract_type",
        "is_supervisor",
    }
    stored = " ".join(
        str(v)
        for model in (AttendanceRow, AttendanceList, SampleDraw, SampledWorker, AuditEntry)
        for values in model.objects.values()
        for v in values.values()
    )
    assert "Testname" not in stored
    assert "EMP-0" not in stored
    assert "+66 800" not in stored
    assert AttendanceRow.objects.filter(attendance_list=result.attendance_list).count() == 32
    assert result.attendance_list.sha256 == hashlib.sha256(content).hexdigest()
    assert result.attendance_list.columns_dropped == 4  # No., Name, Employee no., Phone


@pytest.mark.django_db
def test_supervisors_are_never_mixed_with_workers_in_a_stored_draw(world: World) -> None:
    _site, result = site_with_draw(world, workers=60, supervisors=5)
    assert len(positions(result, supervisors=True)) == 2
    assert all(p > 60 for p in positions(result, supervisors=True))
    assert all(p <= 60 for p in positions(result, supervisors=False))
    assert result.summary["target"] == len(positions(result, supervisors=False))


@pytest.mark.django_db
def test_an_xlsx_list_is_read_like_a_csv(world: World) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in csv.reader(io.StringIO(attendance_csv(12, 1).decode())):
        sheet.append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    site = services.site_create(actor=world.user("lead"), engagement=world.engagement, name="X", workers_on_site=None)
    attendance = services.attendance_list_import(
        actor=world.user("lead"), site=site, content=buffer.getvalue(), filename="List.XLSX", list_date=DAY
    )
    rows = list(attendance.rows.order_by("position"))
    assert len(rows) == 13 and rows[-1].is_supervisor and not rows[0].is_supervisor
    assert rows[0].nationality == "Cambodia" and rows[0].shift == "Day"
    assert attendance.file_format == "xlsx"


@pytest.mark.django_db
def test_a_list_with_a_bad_row_is_refused_whole_with_the_row_number(world: World) -> None:
    content = attendance_csv(5).decode().replace("Direct,no\r\n", "Direct,maybe\r\n", 1).encode()
    site = services.site_create(actor=world.user("lead"), engagement=world.engagement, name="X", workers_on_site=None)
    with pytest.raises(ValidationError) as refused:
        services.attendance_list_import(
            actor=world.user("lead"), site=site, content=content, filename="l.csv", list_date=DAY
        )
    assert "Row 2" in " ".join(refused.value.messages)
    assert not AttendanceList.objects.exists() and not AttendanceRow.objects.exists()


@pytest.mark.django_db
def test_the_engagement_size_table_replaces_the_default(world: World) -> None:
    lead = world.user("lead")
    services.size_table_set(actor=lead, engagement=world.engagement, bands=[Band(1, 200, 15), Band(201, None, 40)])
    _site, result = site_with_draw(world, workers=60, supervisors=0)
    assert result.summary["table_size"] == 15
    with pytest.raises(ValidationError):
        services.size_table_set(actor=lead, engagement=world.engagement, bands=[Band(1, 100, 10), Band(150, None, 5)])
    services.size_table_set(actor=lead, engagement=world.engagement, bands=[])
    assert selectors.bands_for(world.engagement) == SMETA


@pytest.mark.django_db
def test_the_lead_uploads_a_list_and_draws_with_a_given_seed(world: World, client_for: Any) -> None:
    client = client_for("lead")
    site = services.site_create(
        actor=world.user("lead"), engagement=world.engagement, name="Plant", workers_on_site=120
    )
    upload = io.BytesIO(attendance_csv(120, 3))
    upload.name = "today.csv"
    response = client.post(
        reverse("sampling:list_upload", args=[world.engagement.pk, site.pk]),
        {"list_date": "2026-11-03", "file": upload},
    )
    attendance = AttendanceList.objects.get(site=site)
    assert response.status_code == 302
    response = client.post(reverse("sampling:draw_create", args=[world.engagement.pk, attendance.pk]), {"seed": "4242"})
    result = SampleDraw.objects.get(attendance_list=attendance)
    assert response["Location"] == reverse("sampling:draw_detail", args=[world.engagement.pk, result.pk])
    page = client.get(response["Location"]).content.decode()
    assert "4242" in page and attendance.sha256 in page
    assert len(positions(result, supervisors=False)) == 32  # 101-500 workers: 26, +20%


@pytest.mark.django_db
def test_the_business_never_sees_who_was_selected(world: World, client_for: Any) -> None:
    _site, result = site_with_draw(world, seed=918273645)
    client = client_for("business")
    for name, args in [
        ("sampling:sample", [world.engagement.pk]),
        ("sampling:draw_detail", [world.engagement.pk, result.pk]),
        ("sampling:list_detail", [world.engagement.pk, result.attendance_list_id]),
        ("sampling:plan", [world.engagement.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403
    # The page where the business enters its breaks shows nothing of the sample.
    page = client.get(reverse("sampling:periods", args=[world.engagement.pk])).content.decode()
    assert str(result.seed) not in page and "/sample/draws/" not in page and '/sample/plan/"' not in page


def test_the_phase_3_steps_link_to_the_sample_and_the_plan() -> None:
    from engagements.phase_pages import pages_by_step
    from tenancy.roles import Capability

    lead = pages_by_step(3, frozenset(Capability))
    assert "sampling:sample" in {p.url_name for p in lead["Gather information to design the methodology"]}
    assert {"sampling:plan", "sampling:periods"} <= {p.url_name for p in lead["Prepare an assessment plan"]}
    interviewer = pages_by_step(3, frozenset({Capability.VIEW_SAMPLE}))
    assert "sampling:plan" in {p.url_name for p in interviewer["Prepare an assessment plan"]}


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_sample_pages_do_not_issue_a_query_per_site_or_per_worker(world: World, client_for: Any) -> None:
    client = client_for("lead")
    overview = reverse("sampling:sample", args=[world.engagement.pk])
    _site, small = site_with_draw(world, workers=20, supervisors=1)
    client.get(overview)
    one_site = _queries(client, overview)
    small_draw = _queries(client, reverse("sampling:draw_detail", args=[world.engagement.pk, small.pk]))
    for n in range(3):
        site = AssessmentSite.objects.create(engagement=world.engagement, name=f"Extra {n}")
        attendance = services.attendance_list_import(
            actor=world.user("lead"), site=site, content=attendance_csv(700, 4), filename="l.csv", list_date=DAY
        )
        big = services.sample_draw(actor=world.user("lead"), attendance_list=attendance, seed=n)
    assert _queries(client, overview) == one_site
    assert _queries(client, reverse("sampling:draw_detail", args=[world.engagement.pk, big.pk])) == small_draw


@pytest.mark.django_db
def test_an_upload_with_errors_shows_each_bad_row_and_saves_nothing(world: World, client_for: Any) -> None:
    site = services.site_create(actor=world.user("lead"), engagement=world.engagement, name="P", workers_on_site=None)
    content = attendance_csv(6).decode().replace("Direct,no\r\n", "Direct,perhaps\r\n", 2).encode()
    upload = io.BytesIO(content)
    upload.name = "today.csv"
    response = client_for("lead").post(
        reverse("sampling:list_upload", args=[world.engagement.pk, site.pk]),
        {"list_date": "2026-11-03", "file": upload},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Row 2:" in page and "Row 3:" in page
    assert not AttendanceList.objects.exists()
