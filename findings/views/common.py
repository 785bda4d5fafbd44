"""What the phase 5 pages share: the phase page frame, and a finding's page as one reader sees it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from engagements.models import Engagement
from findings import numbers, selectors
from findings.forms import CommentForm, PositionForm
from findings.models import Finding
from findings.selectors import evidence
from interviews.questionnaires.catalogue import indicator_names, risk_names
from tenancy.roles import Capability

PHASE = 5


def phase_page(request: HttpRequest, template: str, engagement: Any, title: Any, **context: Any) -> HttpResponse:
    return render(request, template, {"engagement": engagement, "phase_number": PHASE, "page_title": title, **context})


def sees_small_cells(engagement: Engagement) -> bool:
    return Capability.SEE_SMALL_CELLS in engagement.capabilities


def finding_page(
    request: HttpRequest,
    engagement: Engagement,
    finding: Finding,
    *,
    comment_form: CommentForm | None = None,
    reply_to: Any = None,
    position_form: PositionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """A finding with what this reader may see of its numbers, sources, position and discussion."""
    capabilities = engagement.capabilities
    team = Capability.EDIT_FINDINGS in capabilities
    context: dict[str, Any] = {
        "finding": finding,
        "numbers": numbers.affected_numbers(
            finding, numbers.analysis_rules(engagement), sees_small_cells=sees_small_cells(engagement)
        ),
        "indicators": [(i, indicator_names().get(i, i)) for i in finding.indicators],
        "risks": [(r, risk_names().get(r, r)) for r in finding.risks],
        "summary": selectors.source_summary(finding),
        "positions": list(finding.positions.select_related("given_by")),
        "threads": selectors.threads(finding, capabilities),
        "side": selectors.side_of(capabilities),
        "can_comment": finding.is_released and Capability.COMMENT_ON_FINDINGS in capabilities,
        "can_respond": finding.is_released and selectors.speaks_for_business(capabilities),
        "comment_form": comment_form or CommentForm(),
        "reply_to": str(reply_to) if reply_to else "",
        "position_form": position_form or PositionForm(),
    }
    if team:
        context["sources"] = [(s, evidence.source_label(s)) for s in evidence.team_sources(finding)]
        context["worker_figures"] = evidence.worker_figures(engagement, finding)
    title = f"F{finding.number} · {finding.title}"
    response = phase_page(request, "findings/finding.html", engagement, title, **context)
    response.status_code = status
    return response
