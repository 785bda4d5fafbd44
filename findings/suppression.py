"""Small-cell suppression: no figure about fewer than k workers reaches someone who may not see it.

Every breakdown the platform shows is a *line*: a total (how many workers reported an indicator,
say) split over the groups of one dimension (sites, genders, nationalities...), with a group for
"not recorded" so that the cells always add up to the total. Lines share nothing but their total,
so making each line safe on its own makes the whole table safe.

Rules, for a line:

* a total below k hides the whole line;
* primary: every cell below k (zero included) is hidden;
* complementary: when a line hides any cell, it also hides every cell of the smallest size that is
  not below k (all of them, so that no tie is broken by name).

Every hidden cell carries the same mark ("suppressed"), whether it is small or withheld to protect
a small one. Why nothing hidden can be worked out, even by a reader who knows these rules: the rules
depend only on the values, never on the groups' names, so any reshuffling of the hidden values among
the hidden cells shows exactly the same thing. A hidden cell is pinned only if all hidden values are
equal; but when some cells are shown, the hidden ones include a small cell and a withheld one, which
differ; and when every cell is hidden, equal small values ``x, x, ...`` could as well have been
``x-1, x+1, ...`` (which the rules also hide entirely). ``tests/findings/test_suppression.py`` checks
this against a reader who tries every table that could have produced what is shown.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

DEFAULT_K = 5


class Cell(StrEnum):
    SHOWN = "shown"
    SMALL = "small"  # fewer than k
    WITHHELD = "withheld"  # k or more, hidden so that a small cell cannot be worked out

    @property
    def hidden(self) -> bool:
        return self is not Cell.SHOWN


@dataclass(frozen=True)
class Line:
    """The outcome for one line: the total's state and each cell's."""

    total: int
    total_state: Cell
    cells: dict[Hashable, int]
    states: dict[Hashable, Cell] = field(default_factory=dict)

    def shown(self, group: Hashable) -> int | None:
        return self.cells[group] if self.states[group] is Cell.SHOWN else None


def suppress_line(total: int, cells: Mapping[Hashable, int], k: int = DEFAULT_K) -> Line:
    """Which figures of a line may be shown to someone who must not see small cells."""
    if sum(cells.values()) != total:
        raise ValueError("the cells of a line must add up to its total (add a 'not recorded' group)")
    if total < k:
        return Line(total, Cell.SMALL, dict(cells), dict.fromkeys(cells, Cell.SMALL))
    states = {g: Cell.SMALL if v < k else Cell.SHOWN for g, v in cells.items()}
    if any(state.hidden for state in states.values()):
        large = [v for v in cells.values() if v >= k]
        if large:
            smallest = min(large)
            states.update({g: Cell.WITHHELD for g, v in cells.items() if v == smallest})
    return Line(total, Cell.SHOWN, dict(cells), states)


def visible_line(total: int, cells: Mapping[Hashable, int], k: int, *, sees_small_cells: bool) -> Line:
    """The line as a given reader sees it: lead assessors and assessors see every figure."""
    if sees_small_cells:
        return Line(total, Cell.SHOWN, dict(cells), dict.fromkeys(cells, Cell.SHOWN))
    return suppress_line(total, cells, k)
