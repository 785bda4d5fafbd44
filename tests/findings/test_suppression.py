"""Small-cell suppression cannot be undone from what is shown (issue 6, item 2).

The attacker here knows the algorithm: given what a line shows, they try every table that could
have produced exactly that view. A hidden cell is safe only if those tables disagree about it.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from findings.analysis import selectors
from findings.analysis.fees import FeeBreakdown, FeeFigures, FeeGroup, Stats
from findings.analysis.models import MIN_K
from findings.analysis.rules import SystemicRule
from findings.analysis.tables import (
    HIDDEN,
    CountCell,
    CountRow,
    FeeTable,
    count_row_display,
    fee_analysis,
    figures_of,
)
from findings.analysis.tables import (
    Figure as CountFigure,
)
from findings.suppression import Cell, suppress_line, visible_line
from interviews.debrief.tallies import Cell as Tally
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


# --- an indicator's table: per group, the workers asked and those who reported it --------------------------
#
# The lines above are safe one by one; a breakdown table shows two at once. For one indicator a reader sees the
# overall counts and, per group, the number asked and the number who reported it (each a figure or
# "suppressed"), and knows the rules. Between the two lines lies a third they can work out (asked - reported),
# and the number asked bounds the number who reported: the reshuffling that keeps a single line safe no longer
# works. So the reader below tries every table that could lie behind what is shown, through the very function
# the pages use, and every hidden figure must take two values or more among those that show exactly the same.

Counts = dict[str, tuple[int, int]]  # group -> (asked, reported)
FigureKey = tuple[str, str | None]  # ("asked" | "reported" | "not reported", group or None for the overall)


def row_shown(counts: Counts, k: int) -> CountRow:
    """What a business or a worker representative sees of one indicator, broken down by these groups."""
    total = Tally(sum(r for _a, r in counts.values()), sum(a for a, _r in counts.values()))
    return count_row_display(total, {g: Tally(r, a) for g, (a, r) in counts.items()}, k, sees_small_cells=False)


def hidden_figures(row: CountRow) -> list[FigureKey]:
    found: list[FigureKey] = []
    for group, cell in ((None, row.overall), *row.cells.items()):
        if cell.asked.suppressed:
            found.append(("asked", group))
        if cell.reported.suppressed:
            found.append(("reported", group))
        if cell.suppressed:
            found.append(("not reported", group))
    return found


def value_of(counts: Counts, figure: FigureKey) -> int:
    what, group = figure
    if group is None:
        asked, reported = sum(a for a, _r in counts.values()), sum(r for _a, r in counts.values())
    else:
        asked, reported = counts[group]
    return {"asked": asked, "reported": reported, "not reported": asked - reported}[what]


def fits(counts: Counts, row: CountRow) -> bool:
    """Whether a table has every figure that is shown (a quick sieve before the full comparison)."""
    asked, reported = sum(a for a, _r in counts.values()), sum(r for _a, r in counts.values())
    pairs = [(row.overall, asked, reported), *((row.cells[g], a, r) for g, (a, r) in counts.items())]
    return all(
        0 <= r <= a
        and (not cell.asked.shown or cell.asked.value == a)
        and (not cell.reported.shown or cell.reported.value == r)
        for cell, a, r in pairs
    )


def reordered(counts: Counts) -> Iterator[Counts]:
    """The same counts under other groups' names: the rules never look at names, so these often fit."""
    for order in itertools.permutations(counts.values()):
        yield dict(zip(counts, order, strict=True))


def nearby(counts: Counts, row: CountRow, groups: int, reach: int) -> Iterator[Counts]:
    """Tables that move the hidden figures of a few groups a little: most alternatives are found here."""
    steps = range(-reach, reach + 1)
    for chosen in itertools.combinations(counts, groups):
        free = [
            (g, i)
            for g in chosen
            for i, what in ((0, "asked"), (1, "reported"))
            if getattr(row.cells[g], what).suppressed
        ]
        for deltas in itertools.product(steps, repeat=len(free)):
            table = {g: list(v) for g, v in counts.items()}
            for (g, i), d in zip(free, deltas, strict=True):
                table[g][i] += d
            yield {g: (v[0], v[1]) for g, v in table.items()}


def splits(total: int, caps: list[int]) -> Iterator[tuple[int, ...]]:
    """Every way to share ``total`` among cells with these upper bounds."""
    if not caps:
        if total == 0:
            yield ()
        return
    rest = sum(caps[1:])
    for first in range(max(0, total - rest), min(caps[0], total) + 1):
        for tail in splits(total - first, caps[1:]):
            yield (first, *tail)


def same_asked(one: CountRow, other: CountRow) -> bool:
    return one.overall.asked == other.overall.asked and all(
        one.cells[g].asked == c.asked for g, c in other.cells.items()
    )


def every_table(row: CountRow, groups: tuple[str, ...], k: int) -> Iterator[Counts]:
    """Every table with the figures shown. A hidden total is below k (totals are never withheld); a hidden
    count of a group is anything that adds up."""
    overall = row.overall
    for asked_total in [overall.asked.value] if overall.asked.shown else range(k):
        fixed = {g: row.cells[g].asked.value for g in groups if row.cells[g].asked.shown}
        free = [g for g in groups if g not in fixed]
        left = asked_total - sum(fixed.values())
        for shares in splits(left, [left] * len(free)) if left >= 0 else ():
            asked = {**fixed, **dict(zip(free, shares, strict=True))}
            if not same_asked(row_shown({g: (n, 0) for g, n in asked.items()}, k), row):
                continue  # the numbers asked are shown whatever was reported: no need to try those
            known = {g: row.cells[g].reported.value for g in groups if row.cells[g].reported.shown}
            unknown = [g for g in groups if g not in known]
            totals = [overall.reported.value] if overall.reported.shown else range(min(k, asked_total + 1))
            for reported_total in totals:
                for counts in splits(reported_total - sum(known.values()), [asked[g] for g in unknown]):
                    reported = {**known, **dict(zip(unknown, counts, strict=True))}
                    yield {g: (asked[g], reported[g]) for g in groups}


def what_a_reader_can_tell(counts: Counts, k: int) -> dict[FigureKey, set[int]]:
    """The values each hidden figure takes over every table that shows the same (stopping as soon as each has
    two: nearby tables first, then all of them)."""
    row = row_shown(counts, k)
    values = {figure: {value_of(counts, figure)} for figure in hidden_figures(row)}
    pinned = set(values)
    candidates = itertools.chain(
        reordered(counts), nearby(counts, row, 2, 2), nearby(counts, row, 3, 1), every_table(row, tuple(counts), k)
    )
    for table in candidates:
        if not pinned:
            break
        if table == counts or not fits(table, row) or row_shown(table, k) != row:
            continue
        for figure in list(pinned):
            values[figure].add(value_of(table, figure))
            if len(values[figure]) > 1:
                pinned.discard(figure)
    return values


def told_by_the_overall(row: CountRow, figure: FigureKey) -> bool:
    """ "12 of 12" overall says that in every group all those asked reported it: a group's count is then its
    number asked, and none did not. The breakdown adds nothing to that; whether the overall may say it is
    the overall's rule (the assessment's findings, shown whenever they are k or more), not the table's."""
    what, group = figure
    everyone = row.overall.reported.shown and row.overall.reported.value == row.overall.asked.value
    return everyone and group is not None and (what == "not reported" or row.cells[group].asked.shown)


@st.composite
def indicator_rows(draw: Any, max_asked: int = 12) -> tuple[Counts, int]:
    counts = {}
    for group in GROUPS[: draw(st.integers(2, 4))]:
        asked = draw(st.integers(0, max_asked))
        counts[group] = (asked, draw(st.integers(0, asked)))
    return counts, draw(st.integers(MIN_K, 5))


PAGES_RULE = count_row_display


def two_lines_checked_apart(total: Tally, groups: dict[str, Tally], k: int, *, sees_small_cells: bool) -> CountRow:
    """The rule the pages followed before: the reported line and the not-reported line each suppressed on
    its own, a group's count shown only if both showed it. Kept here to show that the reader is not idle."""
    if sees_small_cells:
        return PAGES_RULE(total, groups, k, sees_small_cells=True)
    reported = visible_line(total.reported, {g: c.reported for g, c in groups.items()}, k, sees_small_cells=False)
    not_reported = visible_line(
        total.asked - total.reported, {g: c.asked - c.reported for g, c in groups.items()}, k, sees_small_cells=False
    )
    outsider = PAGES_RULE(total, groups, k, sees_small_cells=False)  # the overall and the numbers asked
    both = {g for g in groups if reported.shown(g) is not None and not_reported.shown(g) is not None}
    cells = {
        g: CountCell(CountFigure(c.reported) if g in both else HIDDEN, outsider.cells[g].asked)
        for g, c in groups.items()
    }
    return CountRow(outsider.overall, cells)


def test_the_reader_works_out_what_two_lines_checked_apart_hid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(f"{__name__}.count_row_display", two_lines_checked_apart)
    # With k = 4, 4, 3, 9 and 5 of 9, 12, 11 and 11 asked: the reported line hides the 3 and withholds the 4,
    # the not-reported line (5, 9, 2, 6) hides the 2 and withholds the 5. Three counts hidden, yet the first
    # could only be 4: 3 would have shown it, 5 would have withheld the last group's 5 too.
    values = what_a_reader_can_tell({"a": (9, 4), "b": (12, 3), "c": (11, 9), "d": (11, 5)}, 4)
    assert values[("reported", "a")] == {4} and values[("not reported", "a")] == {5}
    # Two groups, 8 of 10 and 10 of 20: both hidden (the 2 who did not, and the 10 withheld beside them), and
    # nothing pinned, even then.
    values = what_a_reader_can_tell({"a": (10, 8), "b": (20, 10)}, 5)
    assert values and all(len(v) > 1 for v in values.values())


@settings(max_examples=200, deadline=None)
@given(indicator_rows())
@example(({"a": (9, 4), "b": (12, 3), "c": (11, 9), "d": (11, 5)}, 4))  # what two lines checked apart gave away
@example(({"a": (10, 3), "b": (12, 7), "c": (4, 0)}, 3))
@example(({"a": (11, 4), "b": (5, 3), "c": (11, 1), "d": (12, 6)}, 3))
@example(({"a": (10, 8), "b": (20, 10)}, 5))
@example(({"a": (11, 2), "b": (10, 2), "c": (10, 4), "d": (3, 3)}, 4))  # hidden numbers asked: only swaps fit
@example(({"a": (12, 12), "b": (1, 1), "c": (2, 2)}, 5))  # everyone asked reported it
def test_no_hidden_figure_of_an_indicator_table_can_be_worked_out(row_and_k: tuple[Counts, int]) -> None:
    counts, k = row_and_k
    row = row_shown(counts, k)
    # The reader takes a hidden total to be below k (totals are never withheld): check that they are right.
    for figure in (("asked", None), ("reported", None)):
        if figure in hidden_figures(row):
            assert value_of(counts, figure) < k
    for figure, values in what_a_reader_can_tell(counts, k).items():
        if told_by_the_overall(row, figure):
            continue
        assert len(values) > 1, f"{figure} of {counts} (k={k}) is {values} whatever the table: {row}"


@settings(max_examples=500, deadline=None)
@given(indicator_rows(max_asked=40))
def test_no_figure_of_an_indicator_table_below_k_is_shown(row_and_k: tuple[Counts, int]) -> None:
    counts, k = row_and_k
    row = row_shown(counts, k)
    if row.overall.not_asked:
        assert all(cell.not_asked for cell in row.cells.values())
        return
    for cell, (asked, reported) in [(row.overall, _totals(counts)), *((row.cells[g], c) for g, c in counts.items())]:
        assert not cell.asked.shown or cell.asked.value == asked >= k
        assert not cell.reported.shown or cell.reported.value == reported >= k
    for group, (asked, reported) in counts.items():
        if not row.cells[group].suppressed:  # asked - reported can be read off
            assert asked - reported >= k
    # What can be worked out, the hidden groups' sum (the total less the counts shown), is k or more both ways,
    # unless every group is hidden: then it is the overall's, whose own rule applies.
    hidden = [g for g, cell in row.cells.items() if cell.reported.suppressed]
    assert len(hidden) != 1
    if hidden and len(hidden) < len(counts):
        assert sum(counts[g][1] for g in hidden) >= k and sum(counts[g][0] - counts[g][1] for g in hidden) >= k
    # The team reads every figure of the same row.
    total = Tally(_totals(counts)[1], _totals(counts)[0])
    team = count_row_display(total, {g: Tally(r, a) for g, (a, r) in counts.items()}, k, sees_small_cells=True)
    assert [(c.asked.value, c.reported.value) for c in team.cells.values()] == list(counts.values())
    assert not any(c.suppressed for c in team.cells.values())


def _totals(counts: Counts) -> tuple[int, int]:
    return sum(a for a, _r in counts.values()), sum(r for _a, r in counts.values())


def test_a_row_hides_the_groups_with_fewest_workers_asked_together() -> None:
    # k = 3. Sites C and D are exposed (1 of 4 and 1 of 5 reported it); hidden together they would still
    # count only 2 who reported it, so A, the next smallest, is hidden with them. B, the largest, is shown.
    row = row_shown({"site A": (12, 5), "site B": (30, 11), "site C": (4, 1), "site D": (5, 1)}, 3)
    assert {g: c.text for g, c in row.cells.items()} == {
        "site A": "suppressed of 12",
        "site B": "11 of 30 (37%)",
        "site C": "suppressed of 4",
        "site D": "suppressed of 5",
    }
    # k = 5: 8 of 10 leaves 2 who did not; a group is never hidden alone.
    row = row_shown({"women": (10, 8), "men": (20, 10)}, 5)
    assert [c.text for c in row.cells.values()] == ["suppressed of 10", "suppressed of 20"]
    # No group exposed: every count is shown, whatever the groups' sizes.
    row = row_shown({"site A": (12, 5), "site B": (30, 11), "site C": (10, 5)}, 5)
    assert [c.text for c in row.cells.values()] == ["5 of 12 (42%)", "11 of 30 (37%)", "5 of 10 (50%)"]


def fee_table_shown(counts: Counts, k: int) -> FeeTable:
    """The fee table of a breakdown by site, as an outsider sees it: per group, (asked, paid); every payment
    converted at 100 a head."""

    def group(value: str, asked: int, paid: int) -> FeeGroup:
        stats = Stats(paid, Decimal(100), Decimal(100), Decimal(100), Decimal(100)) if paid else None
        return FeeGroup(value, asked, paid, paid, stats, Decimal(100 * paid))

    asked, paid = _totals(counts)
    groups = tuple(group(g, a, p) for g, (a, p) in counts.items())
    figures = FeeFigures("USD", group("", asked, paid), (), (FeeBreakdown("site", groups),))
    return fee_analysis(figures, rule=SystemicRule(10), presence={}, k=k, sees_small_cells=False).tables[0]


@settings(max_examples=300, deadline=None)
@given(indicator_rows(max_asked=20))
@example(({"woman": (12, 6), "man": (7, 7)}, 5))
def test_a_fee_table_hides_payers_as_an_indicator_table_hides_reports(row_and_k: tuple[Counts, int]) -> None:
    """Payers of the workers asked about fees are the same two rows: what the reader above cannot work out of
    an indicator's table, they cannot work out of a fee table either."""
    counts, k = row_and_k
    indicator = row_shown(counts, k)
    for row in fee_table_shown(counts, k).rows:
        cell = indicator.cells[row.value]
        if indicator.overall.not_asked:
            assert not row.paid.shown  # nobody asked about fees: nothing to show either way
        else:
            assert (row.asked, row.paid) == (cell.asked, cell.reported)
        # Payers whose payments all converted are then all payers: shown beside hidden payers, they would
        # give them away (as they did: "suppressed" men who paid, and "7" whose payments converted).
        assert row.converted == row.paid
        assert row.repayment.shown == row.mean.shown == row.paid.shown


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
