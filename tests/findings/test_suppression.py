"""Small-cell suppression cannot be undone from what is shown (issue 6, item 2).

The attacker here knows the algorithm: given what a line shows, they try every table that could
have produced exactly that view. A hidden cell is safe only if those tables disagree about it.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from findings.suppression import Cell, suppress_line, visible_line

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
