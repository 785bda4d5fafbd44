"""What a public version says, as plain data, and its fingerprint.

``snapshot`` gathers the chosen content into JSON-safe data: it is what the approvers see, what the
fingerprint binds and, once published, the frozen copy the public page and the PDF show (so a later edit
never changes what was published). Three rules hold whatever the reader's role:

* figures go through small-cell suppression (``sees_small_cells=False``); a group of a finding's breakdown
  whose figure is suppressed is left out entirely, its name included (a name beside a hidden figure still
  says that some worker of that group reported the issue);
* only released findings, and only what the lead chose;
* organisations, never people: no participant, signer, author or responsible person is named. Evidence
  (which documents, which interviews) stays with the team; the public version says which kinds of source agree.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import formats, translation

from actionplans.models import Action
from disclosure.models import Disclosure, Section
from engagements.models import Engagement
from findings.models import Finding, FindingStatus, Severity
from findings.numbers import analysis_rules
from findings.reports.content.findings import views as finding_views

FINDING_SECTIONS = frozenset({Section.SUMMARY, Section.FINDINGS, Section.RECOMMENDATIONS})
ACTION_SECTIONS = frozenset({Section.ACTION_PLAN, Section.PROGRESS})


def _day(value: Any) -> str:
    return formats.date_format(value, "j F Y") if value else ""


def ordered_sections(keys: Iterable[str]) -> list[str]:
    chosen = set(keys)
    return [s.value for s in Section if s.value in chosen]


def _engagement(engagement: Engagement) -> dict[str, Any]:
    return {
        "title": engagement.title,
        "sector": engagement.sector,
        "prepared_by": engagement.organisation.name,
        "enterprises": [str(e) for e in engagement.enterprises or []],
        "corridors": [str(c) for c in engagement.corridors.all()],
        "period": " – ".join(d for d in (_day(engagement.start_date), _day(engagement.end_date)) if d),
        "description": engagement.description,
    }


def _numbers(view: Any) -> dict[str, Any] | None:
    numbers = view.numbers
    if numbers is None:
        return None
    shown = [(label, figure.text) for label, figure in numbers.groups if not figure.suppressed]
    return {
        "affected": str(numbers.affected_text),
        "asked": numbers.asked.text if numbers.asked is not None else "",
        "scope": str(numbers.scope_label),
        "dimension": numbers.dimension,
        "groups": shown,
        "groups_left_out": len(shown) < len(numbers.groups),
    }


def _finding(view: Any) -> dict[str, Any]:
    f = view.finding
    return {
        "number": f.number,
        "title": f.title,
        "severity": f.severity,
        "severity_label": str(f.get_severity_display()),
        "description": f.description,
        "root_cause": f.root_cause,
        "indicators": view.indicators,
        "risks": view.risks,
        "numbers": _numbers(view),
        "sources": [[s.kind, s.stance] for s in view.sources],
        "recommendation": f.recommendation,
        "term": str(f.get_recommendation_term_display()) if f.recommendation_term else "",
    }


def _summary(views: list[Any]) -> dict[str, Any]:
    groups: list[list[Any]] = []
    for severity in Severity:
        titles = [f"F{v.finding.number} {v.finding.title}" for v in views if v.finding.severity == severity]
        if titles:
            groups.append([str(severity.label), titles])
    return {"by_severity": groups}


def _recommendations(views: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "number": v.finding.number,
            "title": v.finding.title,
            "term": str(v.finding.get_recommendation_term_display()) if v.finding.recommendation_term else "",
            "text": v.finding.recommendation,
        }
        for v in views
        if v.finding.recommendation
    ]


def _indicator_table(engagement: Engagement) -> dict[str, Any]:
    from findings.analysis.selectors import indicator_tables

    tables = indicator_tables(engagement, sees_small_cells=False)
    if not tables:
        return {"groups": [], "rule": "", "legend": "", "systemic": []}
    overall = tables[0]
    return {
        "rule": str(overall.systemic_rule),
        "legend": str(overall.legend) if overall.suppressed else "",
        "groups": [
            {
                "label": str(group.label),
                "rows": [[row.name, row.overall.text, str(row.presence.label)] for row in group.rows],
            }
            for group in overall.row_groups
        ],
        "systemic": [row.name for row in overall.rows if row.presence == "systemic"],
    }


def _fees(engagement: Engagement) -> dict[str, Any]:
    from findings.analysis.selectors import fee_analysis

    fees = fee_analysis(engagement, sees_small_cells=False)
    overall = fees.overall
    return {
        "currency": fees.reporting_currency,
        "asked": overall.asked.text,
        "paid": overall.paid.text,
        "range": overall.range_text,
        "median": overall.median.text,
        "mean": overall.mean.text,
        "repayment": fees.total_repayment.text,
        "categories": [[row.name, row.paid.text, row.range_text, row.repayment.text] for row in fees.categories],
        "explanation": str(fees.explanation),
        "legend": str(fees.legend) if fees.suppressed else "",
    }


def _actions(actions: list[Action], published_numbers: set[int]) -> list[dict[str, Any]]:
    return [
        {
            "number": a.number,
            "kind": str(a.get_kind_display()),
            "what": a.what,
            "target_outcome": a.target_outcome,
            "indicator": a.indicator,
            "organisation": a.responsible_organisation,
            "due": _day(a.due_date),
            # Only findings the public version shows: an action must not name a finding that is not published.
            "findings": [f"F{n}" for n in sorted(f.number for f in a.findings.all()) if n in published_numbers],
        }
        for a in actions
    ]


def _progress(actions: list[Action]) -> list[dict[str, Any]]:
    return [
        {
            "number": a.number,
            "what": a.what,
            "status": a.status,
            "status_label": str(a.get_status_display()),
            "closed": _day(a.closed_at.date() if a.closed_at else None),
        }
        for a in actions
    ]


def chosen_findings(disclosure: Disclosure) -> list[Finding]:
    """The chosen findings that are released (a finding not released is never published), by number."""
    return list(disclosure.findings.filter(status=FindingStatus.RELEASED).order_by("number"))


def chosen_actions(disclosure: Disclosure) -> list[Action]:
    return list(disclosure.actions.filter(plan__engagement=disclosure.engagement).prefetch_related("findings"))


def snapshot(disclosure: Disclosure) -> dict[str, Any]:
    """The public version's content as chosen now (in the site's language, so that it reads one way)."""
    engagement = disclosure.engagement
    sections = ordered_sections(disclosure.sections)
    with translation.override(settings.LANGUAGE_CODE):
        rules = analysis_rules(engagement)
        content: dict[str, Any] = {"engagement": _engagement(engagement), "sections": sections, "k": rules.k}
        findings = chosen_findings(disclosure) if FINDING_SECTIONS & set(sections) else []
        views = finding_views(findings, rules, confidential=False) if findings else []
        published_numbers = {f.number for f in findings} if Section.FINDINGS in sections else set()
        if Section.SUMMARY in sections:
            content["summary"] = _summary(views)
        if Section.FINDINGS in sections:
            content["findings"] = [_finding(v) for v in views]
        if Section.NUMBERS in sections or Section.SUMMARY in sections:
            content["numbers"] = _indicator_table(engagement)
        if Section.FEES in sections:
            content["fees"] = _fees(engagement)
        if Section.RECOMMENDATIONS in sections:
            content["recommendations"] = _recommendations(views)
        actions = chosen_actions(disclosure) if ACTION_SECTIONS & set(sections) else []
        if Section.ACTION_PLAN in sections:
            content["actions"] = _actions(actions, published_numbers)
        if Section.PROGRESS in sections:
            content["progress"] = _progress(actions)
    return content


def selection_of(disclosure: Disclosure) -> dict[str, Any]:
    return {
        "sections": sorted(disclosure.sections),
        "findings": sorted(str(pk) for pk in disclosure.findings.values_list("pk", flat=True)),
        "actions": sorted(str(pk) for pk in disclosure.actions.values_list("pk", flat=True)),
    }


def fingerprint_of(selection: dict[str, Any], content: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of what was chosen and of the text it shows."""
    canonical = json.dumps(
        {"selection": selection, "content": content}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def current(disclosure: Disclosure) -> tuple[dict[str, Any], str]:
    """The content as chosen now and its fingerprint."""
    content = snapshot(disclosure)
    return content, fingerprint_of(selection_of(disclosure), content)
