"""Small-cell suppression: no figure about fewer than k workers reaches someone who may not see it.

Every breakdown the platform shows is a *line*: a total (how many workers reported an indicator,
say) split over the groups of one dimension (sites, genders, nationalities...), with a group for
"not recorded" so that the cells always add up to the total. Lines that share nothing but their
total are safe together when each is safe on its own; a count shown beside the number asked, group by
group, is not such a line, and is suppressed as a *split* (below).

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

A *split* is a count that comes with its complement: per group, the workers asked about an issue and
those who reported it (and so those who did not), or the workers asked about fees and those who paid.
Checking the reported line and the not-reported line each on its own is not enough: the numbers asked
are shown, they bound the hidden counts, and the reshuffling that keeps one line safe changes the other.
A reader who knew the rules could pin hidden counts (with k = 4: 4, 3, 9 and 5 of 9, 12, 11 and 11
asked; the first of them, hidden, could only be 4). So a split hides whole groups, by a rule that
looks at the values as little as possible:

* a group is *exposed* when fewer than k of those asked said yes, or fewer than k did not ("5 of 5
  men" says what each man answered as surely as "0 of 5");
* if none is, every count is shown;
* otherwise the counts of the groups with the fewest workers asked are hidden: from the smallest
  number asked up to the largest exposed group's, and on if need be (ties always together), until the
  hidden groups count, between them, at least k who said yes and k who did not (so they are never one
  group alone: an exposed group does not); every group, if they never do.

Why this holds against a reader who knows it: which groups are hidden follows the numbers asked,
which the reader sees anyway (a group whose number asked is hidden is among the smallest), and of the
other values little more than that some hidden group is exposed; so moving one answer between two hidden
groups (one who said yes in one, one who did not in the other) mostly shows exactly the same, and each
hidden count, and its complement, can take several values. What the reader can work out is the hidden
groups' sum, the total less the counts shown: k or more each way, it points at nobody. This is an
argument, not a proof: ``tests/findings/test_suppression.py`` checks splits against a reader who tries
every table that shows the same. The overall counts are checked alone (the assessment's findings); when
the overall says that every worker asked reported an issue, it says it of every group too, and no
breakdown can hide that.
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


# --- a count and its complement over groups: "reported it" and "did not", of the workers asked ----------


def exposed(yes: int, asked: int, k: int) -> bool:
    """Whether a group's count points at its workers: fewer than k said yes, or fewer than k did not
    ("5 of 5 men" tells what each man answered as surely as "0 of 5" does)."""
    return yes < k or asked - yes < k


def suppress_split(
    yes: Mapping[Hashable, int], asked: Mapping[Hashable, int], k: int = DEFAULT_K
) -> frozenset[Hashable]:
    """The groups whose count of workers who said yes (and so of those who did not) must be hidden.

    None, when no group is exposed. Otherwise the groups with the fewest workers asked, from the
    smallest number up to the largest exposed group's and on if need be (ties always together), until
    they count at least k workers who said yes and k who did not between them; every group if they
    never do.
    """
    if yes.keys() != asked.keys():
        raise ValueError("every group needs both counts")
    exposed_sizes = [asked[g] for g in asked if exposed(yes[g], asked[g], k)]
    if not exposed_sizes:
        return frozenset()
    largest = max(exposed_sizes)
    for size in sorted({n for n in asked.values() if n >= largest}):
        hidden = [g for g, n in asked.items() if n <= size]
        said_yes = sum(yes[g] for g in hidden)
        said_no = sum(asked[g] for g in hidden) - said_yes
        if said_yes >= k and said_no >= k:  # never one group alone, then: the exposed one does not
            return frozenset(hidden)
    return frozenset(asked)


def visible_split(
    yes: Mapping[Hashable, int], asked: Mapping[Hashable, int], k: int, *, sees_small_cells: bool
) -> frozenset[Hashable]:
    """The groups whose count this reader may not see: none for lead assessors and assessors."""
    return frozenset() if sees_small_cells else suppress_split(yes, asked, k)
