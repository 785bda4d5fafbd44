"""A finding's affected numbers as one reader may see them: through small-cell suppression.

The team states how many workers reported the issue, of how many asked, optionally broken down by
one dimension (nationality, gender...). Those figures reach a reader without SEE_SMALL_CELLS only
through ``findings.suppression``: the breakdown is a line whose total is the number affected, with a
"not recorded" group for the rest, so hidden cells cannot be worked out from the shown ones; a total
or a number asked below k is hidden too. Hidden figures read as the analysis tables' do
(``findings.analysis.tables``: "suppressed", with the same legend).

Isolated or systemic follows the rule the lead assessor set (``findings.analysis``). It is not shown
beside a hidden number: with the number asked, the threshold could narrow the hidden one to a value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from findings.analysis.rules import Presence, SystemicRule
from findings.analysis.selectors import analysis_settings
from findings.analysis.tables import HIDDEN, Figure, legend
from findings.models import Dimension, Finding, Severity
from findings.suppression import Cell, visible_line
from interviews.debrief.tallies import Cell as Tally

NOT_RECORDED = gettext_lazy("not recorded")
_REST = ("rest",)


@dataclass(frozen=True)
class AnalysisRules:
    k: int
    rule: SystemicRule

    @property
    def legend(self) -> str:
        return legend(self.k)


def analysis_rules(engagement: Any) -> AnalysisRules:
    """The engagement's k and systemic rule, as the lead assessor set them (one query)."""
    settings = analysis_settings(engagement)
    return AnalysisRules(k=int(settings.k), rule=settings.rule)


@dataclass(frozen=True)
class AffectedNumbers:
    affected: Figure
    asked: Figure | None
    dimension: str
    groups: list[tuple[str, Figure]]
    presence: Presence | None  # isolated or systemic; None when not shown
    legend: str
    k: int

    @property
    def affected_text(self) -> str:
        """A hidden total is always below k (totals are never withheld), so it can say so in words."""
        if self.affected.suppressed:
            return _("fewer than %(k)s") % {"k": self.k}
        return self.affected.text

    @property
    def any_suppressed(self) -> bool:
        figures = [self.affected, self.asked, *(figure for _label, figure in self.groups)]
        return any(f is not None and f.suppressed for f in figures)

    @property
    def scope(self) -> str:
        return str(self.presence) if self.presence in (Presence.SYSTEMIC, Presence.ISOLATED) else ""

    @property
    def scope_label(self) -> str:
        return self.presence.label if self.scope else ""


def _figure(value: int, state: Cell) -> Figure:
    return HIDDEN if state.hidden else Figure(value)


def affected_numbers(finding: Finding, rules: AnalysisRules, *, sees_small_cells: bool) -> AffectedNumbers | None:
    """The finding's numbers for this reader; None when the finding states none."""
    if finding.workers_affected is None or finding.severity == Severity.GOOD_PRACTICE:
        return None
    total = finding.workers_affected
    rows = [(str(row["group"]), int(row["count"])) for row in finding.breakdown or []]
    cells: dict[Any, int] = {index: count for index, (_label, count) in enumerate(rows)}
    rest = total - sum(cells.values())
    if rest or not rows:  # workers in no group: a group of its own, so that the cells add up to the total
        cells[_REST] = rest
    line = visible_line(total, cells, rules.k, sees_small_cells=sees_small_cells)
    groups = []
    if rows:
        groups = [(label, _figure(count, line.states[index])) for index, (label, count) in enumerate(rows)]
        if rest:
            groups.append((str(NOT_RECORDED), _figure(rest, line.states[_REST])))
    asked = None
    if finding.workers_asked is not None:
        small = finding.workers_asked < rules.k and not sees_small_cells
        asked = HIDDEN if small else Figure(finding.workers_asked)
    presence = None
    if finding.workers_asked and not line.total_state.hidden:
        presence = rules.rule.classify(Tally(reported=total, asked=finding.workers_asked))
    return AffectedNumbers(
        affected=_figure(total, line.total_state),
        asked=asked,
        dimension=str(Dimension(finding.breakdown_dimension).label) if finding.breakdown_dimension else "",
        groups=groups,
        presence=presence,
        legend=rules.legend,
        k=rules.k,
    )
