"""The limitations the report states (guide, phase 5 step 1, key action 4: "if it is not possible to
conclude the nature of an issue ... indicate a limitation and recommend a follow-up assessment"; phase 4
step 3: documents withheld or falsified are "both a finding and a limitation").

Four kinds: documents not received, received in part, or suspected withheld or falsified; findings no
two kinds of source agree on (not triangulated); interviews held against the sample planned; and the
suppression of small figures in the stakeholders' copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from findings.reports.content.fieldwork import Fieldwork, SitePlan
from findings.reports.content.findings import FindingView
from interviews.sitevisits.selectors import Limitation
from interviews.sitevisits.selectors import limitations as document_limitations


@dataclass
class Limitations:
    documents: list[Limitation]
    single_source: list[FindingView]
    shortfalls: list[SitePlan]
    no_sites: bool
    no_sample: bool
    k: int
    suppressed: bool
    legend: str
    confidential: bool

    @property
    def any(self) -> bool:
        return bool(self.documents or self.single_source or self.shortfalls or self.no_sample or self.no_sites)


def limitations(
    engagement: Any, findings: Sequence[FindingView], fieldwork: Fieldwork, figures: Any, *, confidential: bool
) -> Limitations:
    documents = document_limitations(engagement)
    if not confidential:
        # The reviewer's explanation of a flag is the team's own words; the business never sees it.
        documents = [
            Limitation(kind=d.kind, request_id=d.request_id, document=d.document, category=d.category)
            for d in documents
        ]
    overall = figures.overall if figures else None
    return Limitations(
        documents=documents,
        single_source=[f for f in findings if f.single_source and not f.is_good_practice],
        shortfalls=fieldwork.shortfalls,
        no_sites=not fieldwork.sites,
        no_sample=bool(fieldwork.sites) and not any(s.planned for s in fieldwork.sites),
        k=int(figures.settings.k),
        suppressed=not confidential,
        legend=overall.legend if overall else "",
        confidential=confidential,
    )
