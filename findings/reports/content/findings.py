"""The findings as the report shows them to its audience.

The stakeholders' copy holds released findings only, their numbers through small-cell suppression
(``findings.numbers``), and of their sources only which kinds agree (the team's notes and which
interview, document or observation stay with the team). The team's copy holds every finding, drafts
marked, with each source and its note.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from engagements.models import Engagement
from findings.models import BusinessPosition, Finding, FindingSource, Severity, Term
from findings.numbers import AffectedNumbers, AnalysisRules, affected_numbers
from findings.selectors import current_position, findings_for, source_summary
from findings.selectors.evidence import source_label
from interviews.questionnaires.catalogue import indicator_names, risk_names
from tenancy.roles import Capability

TEAM_READER = frozenset({Capability.VIEW_FINDINGS, Capability.EDIT_FINDINGS})
OUTSIDE_READER = frozenset({Capability.VIEW_FINDINGS})


@dataclass(frozen=True)
class SourceLine:
    kind: str
    stance: str
    what: str = ""  # the team's copy: which interview (pseudonym), document or observation
    note: str = ""  # the team's copy: what it says


@dataclass
class FindingView:
    finding: Finding
    numbers: AffectedNumbers | None
    indicators: list[str]
    risks: list[str]
    sources: list[SourceLine]
    position: BusinessPosition | None

    @property
    def single_source(self) -> bool:
        return self.finding.is_single_source

    @property
    def is_good_practice(self) -> bool:
        return self.finding.severity == Severity.GOOD_PRACTICE


@dataclass
class RecommendationGroup:
    term: str
    title: str
    findings: list[FindingView] = field(default_factory=list)


def load(engagement: Engagement, *, confidential: bool) -> list[Finding]:
    """The findings this copy may hold: the team's every finding; the stakeholders' released ones only."""
    queryset = findings_for(engagement, TEAM_READER if confidential else OUTSIDE_READER)
    sources = FindingSource.objects.order_by("created_at")
    if confidential:
        sources = sources.select_related("respondent", "document_review__request", "observation__site")
    return list(
        queryset.prefetch_related(None).prefetch_related(
            Prefetch("sources", queryset=sources), Prefetch("positions", queryset=BusinessPosition.objects.all())
        )
    )


def _sources(finding: Finding, *, confidential: bool) -> list[SourceLine]:
    if confidential:
        return [
            SourceLine(
                kind=str(s.get_kind_display()), stance=str(s.get_stance_display()), what=source_label(s), note=s.note
            )
            for s in finding.sources.all()
        ]
    stances = {"agrees": _("Agrees"), "contradicts": _("Contradicts"), "silent": _("Silent"), "mixed": _("Mixed")}
    return [SourceLine(kind=str(s.kind.label), stance=str(stances[s.stance])) for s in source_summary(finding)]


def views(findings: Sequence[Finding], rules: AnalysisRules, *, confidential: bool) -> list[FindingView]:
    indicators: dict[str, Any] = indicator_names()
    risks: dict[str, Any] = risk_names()
    return [
        FindingView(
            finding=f,
            numbers=affected_numbers(f, rules, sees_small_cells=confidential),
            # The reference's names, in the part's language (findings/reports/terms.py lists them).
            indicators=[_(str(indicators.get(i, i))) for i in f.indicators or ()],
            risks=[_(str(risks.get(r, r))) for r in f.risks or ()],
            sources=_sources(f, confidential=confidential),
            position=current_position(f),
        )
        for f in findings
    ]


def recommendations(findings: Sequence[FindingView]) -> list[RecommendationGroup]:
    """Recommendations by when they are due (immediate, medium, long term; then those not yet timed)."""
    groups = {term.value: RecommendationGroup(term.value, str(term.label)) for term in Term}
    groups[""] = RecommendationGroup("", _("Timing not set"))
    for view in findings:
        if view.finding.recommendation:
            groups[view.finding.recommendation_term or ""].findings.append(view)
    return [g for g in groups.values() if g.findings]
