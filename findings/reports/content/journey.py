"""Workers' experiences through the labour migration process, stage by stage, and gender-specific
vulnerabilities (guide, phase 5 step 1, key action 4: "the experiences of migrant workers throughout the
labour migration process, gender-specific vulnerabilities and their root causes").

Each stage of Annex B gathers what the assessment holds about it: the key risks mapped in phase 2, and
the findings that name one of the stage's risks (with their root causes). The workers' own figures per
stage come from the analysis (``figures.py``); nothing here counts answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from engagements.reference import reference_data
from engagements.supplychain.models import Risk, RiskStage
from findings.models import Dimension, Finding

# Annex B's stages, in the reference's order, with the ids of their items.
STAGE_KEYS = (RiskStage.RECRUITMENT, RiskStage.EMPLOYMENT, RiskStage.RETURN, RiskStage.ALL)


@dataclass
class Stage:
    key: str
    title: str
    risk_ids: frozenset[str]
    mapped_risks: list[Risk] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    rows: list[Any] = field(default_factory=list)  # the analysis's rows of the stage's risks, as the reader sees them


@dataclass
class Journey:
    stages: list[Stage]
    gender_risks: list[Risk]
    gender_findings: list[Finding]


def _annex_b_stages() -> list[tuple[str, frozenset[str]]]:
    stages = reference_data()["risk_catalogue"]["annex_b"]
    return [(stage["name"], frozenset(item["id"] for item in stage["items"])) for stage in stages]


def _mentions_gender(finding: Finding) -> bool:
    return finding.breakdown_dimension == Dimension.GENDER


def journey(engagement: Any, findings: Sequence[Finding], figures: Any) -> Journey:
    """One query (the mapped risks); the findings are those the reader of the report may see, the figures
    (``content.figures.Figures``) those the reader may see."""
    risks = list(Risk.objects.filter(engagement=engagement).select_related("corridor").order_by("stage", "title"))
    stages = []
    for key, (title, ids) in zip(STAGE_KEYS, _annex_b_stages(), strict=False):
        stages.append(
            Stage(
                key=str(key),
                title=_(title),  # the reference's name, listed in findings/reports/terms.py
                risk_ids=ids,
                mapped_risks=[r for r in risks if r.stage == key],
                findings=[f for f in findings if ids.intersection(f.risks or ())],
                rows=figures.rows_for(ids),
            )
        )
    return Journey(
        stages=stages,
        gender_risks=[r for r in risks if r.gender],
        gender_findings=[f for f in findings if _mentions_gender(f)],
    )
