"""Isolated or systemic: the rule the lead assessor sets, and the sentence the report prints.

Guide, phase 5 step 1: "the number of migrant workers that reported each issue, indicating if these are
isolated incidences or systemic issues". The guide leaves the line to the assessor; the platform's rule:

* an issue is **systemic** when at least ``percent`` % of the workers asked about it reported it, or
  (if the lead uses the second test) when workers at ``sites`` or more different sites reported it;
* otherwise, once reported, it is **isolated**;
* an issue asked about and reported by nobody is **not reported**; one nobody was asked about, **not asked**.

Computed on the full figures, whoever reads: the classification is a finding the report must state for
each issue. It says something of a count that may be suppressed: "not reported" means none, and
"isolated" means fewer than ``percent`` % of those asked; when that share of the workers asked is two or
fewer (few workers, or a low threshold), "isolated" pins the count at one. The lead assessor weighs
this when setting the rule; the count itself stays suppressed, and no breakdown is classified.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interviews.debrief.tallies import Cell


class Presence(StrEnum):
    SYSTEMIC = "systemic"
    ISOLATED = "isolated"
    NOT_REPORTED = "not_reported"
    NOT_ASKED = "not_asked"
    # For a reader without small cells, when the counts it rests on are hidden: "not reported" would say
    # 0, and "isolated" beside the number asked could pin a hidden count to one value.
    WITHHELD = "withheld"

    @property
    def label(self) -> str:
        return str(PRESENCE_LABELS[self])


PRESENCE_LABELS = {
    Presence.SYSTEMIC: gettext_lazy("Systemic"),
    Presence.ISOLATED: gettext_lazy("Isolated"),
    Presence.NOT_REPORTED: gettext_lazy("Not reported"),
    Presence.NOT_ASKED: gettext_lazy("Not asked"),
    Presence.WITHHELD: gettext_lazy("Suppressed"),
}


@dataclass(frozen=True)
class SystemicRule:
    percent: int
    sites: int | None = None

    def classify(self, overall: Cell | None, per_site: Iterable[tuple[str, Cell | None]] = ()) -> Presence:
        """The presence of one indicator or risk, from its overall cell and its cells per site."""
        if overall is None or overall.asked == 0:
            return Presence.NOT_ASKED
        if overall.reported == 0:
            return Presence.NOT_REPORTED
        # In whole numbers: reported / asked >= percent / 100, with no rounding at the threshold.
        if overall.reported * 100 >= self.percent * overall.asked:
            return Presence.SYSTEMIC
        if self.sites:
            reporting_sites = sum(1 for site, cell in per_site if site and cell is not None and cell.reported)
            if reporting_sites >= self.sites:
                return Presence.SYSTEMIC
        return Presence.ISOLATED

    def sentence(self) -> str:
        """The rule in one sentence, as the report states it."""
        by_share = _(
            "An issue is called systemic when at least %(percent)s%% of the workers asked about it reported it"
        ) % {"percent": self.percent}
        by_sites = (
            _(", or when workers at %(n)s or more different sites reported it") % {"n": self.sites}
            if self.sites
            else ""
        )
        return by_share + by_sites + _("; any other issue that a worker reported is called isolated.")
