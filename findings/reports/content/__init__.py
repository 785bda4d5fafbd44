"""Everything a report says, gathered for its templates: one function per part of the report.

``report_context`` is called once per language of the rendering, inside that language, so that every
label (the analysis's included) is in it. Figures come ready-made from the analysis and the findings,
already suppressed for the report's audience; this package only collects and arranges.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from findings.models import Severity
from findings.numbers import analysis_rules
from findings.reports.content import chain, fieldwork, figures, findings, journey, limitations, regulatory
from findings.reports.languages import language
from findings.reports.models import Audience, ReportKind, ReportRendering

Progress = Callable[[float], None]


def report_context(rendering: ReportRendering, code: str, progress: Progress = lambda _f: None) -> dict[str, Any]:
    """The context of one language's part of the report; ``progress`` hears fractions of the work done."""
    engagement = rendering.engagement
    confidential = rendering.audience == Audience.TEAM
    rules = analysis_rules(engagement)
    loaded = findings.load(engagement, confidential=confidential)
    finding_views = findings.views(loaded, rules, confidential=confidential)
    progress(0.15)
    numbers = figures.figures(engagement, sees_small_cells=confidential)
    progress(0.5)
    context: dict[str, Any] = {
        "rendering": rendering,
        "engagement": engagement,
        "kind": ReportKind(rendering.kind),
        "is_full": rendering.kind == ReportKind.FULL,
        "confidential": confidential,
        "language": language(code),
        "anchor": f"{code}-",
        "generated_at": timezone.now(),
        "corridors": list(engagement.corridors.all()),
        "rules": rules,
        "figures": numbers,
        "findings": finding_views,
        "critical": [v for v in finding_views if v.finding.severity == Severity.CRITICAL],
        "good_practices": [v for v in finding_views if v.is_good_practice],
        "recommendations": findings.recommendations(finding_views),
        "fieldwork": fieldwork.fieldwork(engagement, confidential=confidential),
    }
    progress(0.6)
    if rendering.kind == ReportKind.FULL:
        context["chain"] = chain.chain(engagement, confidential=confidential)
        progress(0.75)
        context["regulatory"] = regulatory.regulatory(engagement)
        context["journey"] = journey.journey(engagement, loaded, numbers)
    context["limitations"] = limitations.limitations(
        engagement, finding_views, context["fieldwork"], numbers, confidential=confidential
    )
    progress(1.0)
    return context
