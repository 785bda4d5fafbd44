"""Small-cell suppression cannot be undone from what is shown (issue 6, item 2).

The attacker here knows the algorithm: given what a line shows, they try every table that could
have produced exactly that view. A hidden cell is safe only if those tables disagree about it.
"""

from __future__ import annotations

import csv
import io
import itertools
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from findings.analysis import selectors
from findings.analysis.tables import figures_of
from findings.suppression import Cell, suppress_line, visible_line
from tests.conftest import World
from tests.findings.test_aggregation import build_fixture

pytestmark = pytest.mark.django_db

GROUPS = ("a", "b", "c", "d")


def view(line) -> tuple:
    """What a reader without the right to small cells sees."""
    if line.total_state.hidden:
        return ("hidden",)
    return (line.total, tuple((g, line.shown(g)) for g in sorted(line.cells)))


def tables_with_total(groups: tuple[str, ...], total: int):
    for cut in itertools.combinations(range(total + len(groups) - 1), len(groups) - 1):
        bounds = (-1, *cut, total + len(groups) - 1)
        yield {g: bounds[i + 1] - bounds[i] - 1 for i, g in enumerate(groups)}


@st.composite
def lines(draw, max_groups: int = 4, max_cell: int = 9):
    groups = GROUPS[: draw(st.integers(1, max_groups))]
    cells = {g: draw(st.integers(0, max_cell)) for g in groups}
    return cells, draw(st.integers(2, 5))


@settings(max_examples=300, deadline=None)
@given(lines())
def test_no_hidden_cell_can_be_worked_out_even_knowing_the_algorithm(line_and_k):
    cells, k = line_and_k
    total = sum(cells.values())
    shown = view(suppress_line(total, cells, k))
    if shown == ("hidden",):
        return  # the whole line is withheld: nothing to work out from
    consistent = [t for t in tables_with_total(tuple(cells), total) if view(suppress_line(total, t, k)) == shown]
    assert cells in consistent
    line = suppress_line(total, cells, k)
    for group, state in line.states.items():
        if state.hidden:
            values = {t[group] for t in consistent}
            assert len(values) > 1, f"{group} is recoverable from {shown}"


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 400), min_size=1, max_size=12), st.integers(2, 10)
)
def test_no_figure_below_k_is_ever_shown(cells, k):
    total = sum(cells.values())
    line = suppress_line(total, cells, k)
    if total < k:
        assert line.total_state.hidden and all(s.hidden for s in line.states.values())
        return
    shown = {g: line.shown(g) for g in cells if line.shown(g) is not None}
    assert all(v >= k for v in shown.values())
    hidden = [g for g in cells if line.states[g].hidden]
    # One hidden cell would be the total minus the rest; equal hidden cells next to shown ones would be
    # their sum divided by their number.
    assert len(hidden) != 1
    if hidden and len(hidden) < len(cells):
        assert len({cells[g] for g in hidden}) > 1
    # Only what is needed is withheld: a line with no small cell is shown in full.
    if all(v >= k for v in cells.values()):
        assert not hidden


def test_the_complementary_cells_are_all_those_of_the_smallest_size():
    line = suppress_line(48, {"site A": 2, "site B": 8, "site C": 30, "site D": 8}, k=5)
    assert line.states == {"site A": Cell.SMALL, "site B": Cell.WITHHELD, "site C": Cell.SHOWN, "site D": Cell.WITHHELD}
    assert [line.shown(g) for g in ("site A", "site B", "site C", "site D")] == [None, None, 30, None]


def test_zero_is_a_figure_below_k_and_is_protected():
    line = suppress_line(20, {"women": 0, "men": 20}, k=5)
    assert line.shown("women") is None and line.shown("men") is None


def test_lead_assessors_and_assessors_see_every_figure():
    line = visible_line(12, {"women": 2, "men": 10}, 5, sees_small_cells=True)
    assert [line.shown("women"), line.shown("men")] == [2, 10]
    outsider = visible_line(12, {"women": 2, "men": 10}, 5, sees_small_cells=False)
    assert [outsider.shown("women"), outsider.shown("men")] == [None, None]


def test_cells_that_do_not_add_up_are_refused():
    import pytest

    with pytest.raises(ValueError, match="add up"):
        suppress_line(10, {"a": 3, "b": 3}, 5)


# --- pages and exports: business and worker representatives never see a figure below k ---
#
# Small cells on the analysis page and in its exports (issue 6 item 2): the business and the worker
# representatives never see a figure below k, in HTML, CSV or XLSX; the lead and assessors see them all.
#
# Figures are read the way a person would: every count printed on the page, every count column of a CSV,
# every count cell of the workbook. The fixture is tests/findings/test_aggregation.py's (twelve workers).


K = 5
OUTSIDERS = ("business", "workerrep")
TEAM = ("lead", "assessor")


class Figures(HTMLParser):
    """The text of every count and amount the page prints, and how many figures read "suppressed"."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: list[str] = []
        self.amounts: list[str] = []
        self.suppressed = 0
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        self._open = (
            next((c for c in ("count", "amount", "suppressed") if c in classes), None) if tag == "span" else None
        )

    def handle_data(self, data: str) -> None:
        if self._open == "count":
            self.counts.append(data.strip())
        elif self._open == "amount":
            self.amounts.append(data.strip())
        elif self._open == "suppressed":
            self.suppressed += 1
        self._open = None


def read_page(client: Any, world: World, query: str = "") -> Figures:
    response = client.get(reverse("analysis:overview", args=[world.engagement.pk]) + query)
    assert response.status_code == 200
    parser = Figures()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def fixture(world: World) -> World:
    build_fixture(world)
    return world


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_page_shows_no_count_below_k(fixture: World, client_for: Any, persona: str) -> None:
    page = read_page(client_for(persona), fixture)
    assert page.counts, "the page shows some counts"
    assert all(int(n) >= K for n in page.counts), page.counts
    assert page.suppressed > 0


@pytest.mark.parametrize("persona", TEAM)
def test_the_team_sees_the_small_figures(fixture: World, client_for: Any, persona: str) -> None:
    page = read_page(client_for(persona), fixture)
    assert page.suppressed == 0
    assert any(int(n) < K for n in page.counts)
    html = client_for(persona).get(reverse("analysis:overview", args=[fixture.engagement.pk])).content.decode()
    assert "Team view: every figure is shown." in html


def test_what_each_side_reads_for_the_same_issue(fixture: World, client_for: Any) -> None:
    url = reverse("analysis:overview", args=[fixture.engagement.pk])
    lead = client_for("lead").get(url).content.decode()
    business = client_for("business").get(url).content.decode()
    threats = '<tr data-item="intimidation_and_threats">'
    lead_row = lead[lead.index(threats) : lead.index("</tr>", lead.index(threats))]
    business_row = business[business.index(threats) : business.index("</tr>", business.index(threats))]
    # One worker of eleven asked: the lead reads it and that it is isolated; the business reads neither, since
    # "isolated" (under 10 % of the 11 asked) would pin the hidden count to exactly 1.
    assert '<span class="count">1</span>' in lead_row and '<span class="count">11</span>' in lead_row
    assert (
        '<span class="suppressed">suppressed</span>' in business_row and '<span class="count">11</span>' in business_row
    )
    assert "Isolated" in lead_row and "Isolated" not in business_row and "Suppressed" in business_row
    assert "fewer than 5 respondents, or withheld so that such a figure cannot be worked out" in business


def test_the_lead_can_preview_exactly_what_outsiders_see(fixture: World, client_for: Any) -> None:
    preview = read_page(client_for("lead"), fixture, "?view=suppressed")
    business = read_page(client_for("business"), fixture)
    assert (preview.counts, preview.amounts, preview.suppressed) == (
        business.counts,
        business.amounts,
        business.suppressed,
    )
    # An outsider asking for the team's view gets their own.
    assert read_page(client_for("business"), fixture, "?view=team").counts == business.counts


def test_fee_amounts_of_a_group_are_hidden_with_its_count(fixture: World, client_for: Any) -> None:
    lead = client_for("lead").get(reverse("analysis:overview", args=[fixture.engagement.pk])).content.decode()
    business = client_for("business").get(reverse("analysis:overview", args=[fixture.engagement.pk])).content.decode()
    # Women's repayment (5 payers) is withheld for outsiders, since men's (4 payers) is small.
    assert "4,150.00" in lead and "2,700.00" in lead
    assert "4,150.00" not in business and "2,700.00" not in business
    # The total is about 9 payers: shown to all, with its range, mean and median.
    assert "6,850.00" in business and "814.29" in business and "400.00–1,500.00" in business


def test_every_figure_an_outsider_gets_from_the_selectors_is_k_or_more(fixture: World) -> None:
    """What the reports render: the same objects, checked figure by figure."""
    tables = selectors.indicator_tables(fixture.engagement, sees_small_cells=False)
    checked = 0
    for table in tables:
        for column in table.columns:
            assert not column.workers.shown or column.workers.value >= K
        for row in table.rows:
            for cell in (row.overall, *row.cells):
                if cell.not_asked:
                    continue  # nobody was asked: a fact about the questionnaire, shown as a dash
                for figure in (cell.reported, cell.asked):
                    assert not figure.shown or figure.value >= K, (table.key, row.id, figure)
                    checked += figure.shown
    fees = selectors.fee_analysis(fixture.engagement, sees_small_cells=False)
    counts = [f for f in figures_of(fees) if not f.is_amount and f.shown]
    assert checked and counts and all(f.value >= K for f in counts)
    assert fees.overall.unconverted[0].amount.suppressed  # THB 4,000 came from two workers


def test_a_group_where_everyone_reported_is_suppressed_like_one_where_nobody_did() -> None:
    from django.utils import timezone

    from findings.analysis.rules import SystemicRule
    from findings.analysis.tables import indicator_tables
    from interviews.debrief.tallies import Breakdown, Cell, Debrief, Fees, Group

    def group(value: str, workers: int, reported: int) -> Group:
        return Group(value, workers, {"debt_bondage": Cell(reported, workers)}, {}, Fees(0, 0, (), ()))

    # 13 of 19 reported it: women 6 of 12, men 7 of 7. Every count is 5 or more, but "7 of 7" says what
    # each man answered; the 0 men who did not is a small cell, and its line withholds the women's 6.
    women, men = group("woman", 12, 6), group("man", 7, 7)
    tally = Debrief(
        as_of=timezone.now(), interviews=19, by_kind=(("worker", 19),), not_tallied=0,
        indicator_ids=("debt_bondage",), risk_ids=(), overall=group("", 19, 13),
        breakdowns=(Breakdown("gender", (women, men)),),
    )  # fmt: skip
    outsider = indicator_tables(tally, rule=SystemicRule(10), k=K, sees_small_cells=False)[1]
    assert [c.text for c in outsider.rows[0].cells] == ["suppressed of 12", "suppressed of 7"]
    assert outsider.rows[0].overall.text == "13 of 19 (68%)"
    lead = indicator_tables(tally, rule=SystemicRule(10), k=K, sees_small_cells=True)[1]
    assert [c.text for c in lead.rows[0].cells] == ["6 of 12 (50%)", "7 of 7 (100%)"]


# --- exports ----------------------------------------------------------------------------------------------

COUNT_COLUMNS_INDICATORS = ("Workers in the group", "Workers who reported it", "Workers asked")
COUNT_COLUMNS_FEES = ("Workers asked about fees", "Workers who paid", "Workers whose payments were all converted")


def _csv(client: Any, world: World, name: str, query: str = "") -> list[dict[str, str]]:
    response = client.get(reverse(name, args=[world.engagement.pk]) + query)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _counts(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> list[Any]:
    return [row[c] for row in rows for c in columns if row[c] not in ("", None)]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_csv_exports_show_no_count_below_k(fixture: World, client_for: Any, persona: str) -> None:
    client = client_for(persona)
    indicators = _csv(client, fixture, "analysis:export_indicators_csv")
    fees = _csv(client, fixture, "analysis:export_fees_csv")
    values = _counts(indicators, COUNT_COLUMNS_INDICATORS) + _counts(fees, COUNT_COLUMNS_FEES)
    numbers = [int(v) for v in values if v != "suppressed"]
    assert numbers and all(n >= K for n in numbers)
    assert "suppressed" in values
    # The small count the lead reads is not in the file.
    threats = next(r for r in indicators if r["Id"] == "intimidation_and_threats" and r["Breakdown"] == "All workers")
    assert (threats["Workers who reported it"], threats["Workers asked"]) == ("suppressed", "11")


def test_the_leads_csv_export_has_every_figure(fixture: World, client_for: Any) -> None:
    indicators = _csv(client_for("lead"), fixture, "analysis:export_indicators_csv")
    threats = next(r for r in indicators if r["Id"] == "intimidation_and_threats" and r["Breakdown"] == "All workers")
    assert (threats["Workers who reported it"], threats["Workers asked"], threats["Percent"]) == ("1", "11", "9")
    assert "suppressed" not in _counts(indicators, COUNT_COLUMNS_INDICATORS)
    fees = _csv(client_for("lead"), fixture, "analysis:export_fees_csv")
    women = next(r for r in fees if r["Breakdown"] == "By gender" and r["Group"] == "Woman")
    assert women["Repayment owed (USD)"] == "4150.00"


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_workbook_shows_no_count_below_k(fixture: World, client_for: Any, persona: str) -> None:
    response = client_for(persona).get(reverse("analysis:export_xlsx", args=[fixture.engagement.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), data_only=False)
    assert book.sheetnames == ["About", "Indicators and risks", "Recruitment fees"]
    values = []
    for sheet, columns in (
        (book["Indicators and risks"], COUNT_COLUMNS_INDICATORS),
        (book["Recruitment fees"], COUNT_COLUMNS_FEES),
    ):
        rows = list(sheet.iter_rows(values_only=True))
        header = list(rows[0])
        values += _counts([dict(zip(header, r, strict=True)) for r in rows[1:]], columns)
    numbers = [v for v in values if v != "suppressed"]
    assert numbers and all(isinstance(n, int) and n >= K for n in numbers)
    assert "suppressed" in values
    about = " ".join(str(c) for row in book["About"].iter_rows(values_only=True) for c in row if c)
    assert "fewer than 5 respondents" in about and "systemic" in about


def test_the_lead_may_export_what_outsiders_get(fixture: World, client_for: Any) -> None:
    preview = _csv(client_for("lead"), fixture, "analysis:export_indicators_csv", "?view=suppressed")
    business = _csv(client_for("business"), fixture, "analysis:export_indicators_csv")
    assert preview == business


def test_each_export_is_in_the_audit_log(fixture: World, client_for: Any) -> None:
    from audit.models import AuditEntry

    client_for("workerrep").get(reverse("analysis:export_xlsx", args=[fixture.engagement.pk]))
    entry = AuditEntry.objects.filter(engagement=fixture.engagement, verb="analysis.exported").latest("at")
    assert entry.actor == fixture.user("workerrep")
    assert entry.detail == {"format": "xlsx", "part": "all", "suppressed": True}


def test_no_presence_label_rests_on_a_hidden_count(fixture: World) -> None:
    # "Not reported" would say 0, and "isolated" beside the number asked can pin a hidden count.
    from findings.analysis.rules import Presence

    tables = selectors.indicator_tables(fixture.engagement, sees_small_cells=False)
    rows = tables[0].rows
    assert any(row.overall.suppressed for row in rows)
    for row in rows:
        if row.overall.suppressed:
            assert row.presence is Presence.WITHHELD
            assert tables[0].isolated_or_systemic(row.id) is Presence.WITHHELD
    team = selectors.indicator_tables(fixture.engagement, sees_small_cells=True)[0]
    assert all(team.isolated_or_systemic(row.id) is not Presence.WITHHELD for row in team.rows)
