"""How the assessment was done, as the report states it: interviews held against the plan, documents
reviewed, and what the working- and living-area checklists found (guide, phase 5 step 1, key action 1)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from engagements.models import Engagement
from interviews.preparation.models import DocumentRequest
from interviews.sampling.models import AssessmentSite, SampleDraw
from interviews.sitevisits import checklist
from interviews.sitevisits.models import DocumentReview, ObservationStatus, SiteObservation
from vault.models import Respondent, RespondentKind


@dataclass(frozen=True)
class SitePlan:
    site: str
    planned: int | None  # the current sample's target; None when no sample was drawn
    interviewed: int

    @property
    def short(self) -> int:
        return max(0, (self.planned or 0) - self.interviewed)


@dataclass
class SiteFindings:
    site: str
    observed: int
    total: int
    issues: list[tuple[str, str, str]] = field(default_factory=list)  # (section, item, team's note)


@dataclass
class Fieldwork:
    interviews: list[tuple[str, int]]  # per kind of interviewee
    group_participants: int
    sites: list[SitePlan]
    documents_requested: int
    documents_reviewed: int
    site_findings: list[SiteFindings]

    @property
    def workers_interviewed(self) -> int:
        return dict(self.interviews).get(str(RespondentKind.WORKER.label), 0)

    @property
    def planned(self) -> int:
        return sum(s.planned or 0 for s in self.sites)

    @property
    def shortfalls(self) -> list[SitePlan]:
        return [s for s in self.sites if s.planned and s.short]


def _site_plans(engagement: Engagement) -> list[SitePlan]:
    """Per assessment site, the current draw's target against the workers interviewed there (three queries)."""
    targets: dict[Any, int] = {}
    draws = SampleDraw.objects.filter(engagement=engagement).order_by("-created_at")
    for site_id, summary in draws.values_list("attendance_list__site_id", "summary"):
        targets.setdefault(site_id, int((summary or {}).get("target") or 0))
    interviewed = Counter(
        dict(
            Respondent.objects.filter(engagement=engagement, kind=RespondentKind.WORKER)
            .values_list("site")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )
    plans = [
        SitePlan(site=site.name, planned=targets.get(site.pk), interviewed=interviewed.pop(site.name, 0))
        for site in AssessmentSite.objects.filter(engagement=engagement).order_by("name")
    ]
    # Interviews recorded at a site that has no sample (or none named) are listed too, so the totals agree.
    plans.extend(SitePlan(site=name, planned=None, interviewed=n) for name, n in sorted(interviewed.items()) if n)
    return plans


def _site_findings(engagement: Engagement, *, confidential: bool) -> list[SiteFindings]:
    """Per site, the checklist items found to be an issue (one query)."""
    items = checklist.items_by_id()
    sections = {section.key: str(section.label) for section in checklist.sections()}
    total = len(items)
    by_site: dict[str, SiteFindings] = {}
    rows = (
        SiteObservation.objects.filter(engagement=engagement)
        .exclude(status="")
        .select_related("site")
        .order_by("site__name", "item")
    )
    issues: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for observation in rows:
        found = by_site.setdefault(
            observation.site.name, SiteFindings(site=observation.site.name, observed=0, total=total)
        )
        found.observed += 1
        item = items.get(observation.item)
        if observation.status == ObservationStatus.ISSUE and item is not None:
            note = observation.note if confidential else ""
            # The reference's prompt, in the part's language (listed in findings/reports/terms.py).
            issues[observation.site.name].append((sections.get(item.section, ""), _(item.prompt), note))
    for name, found in by_site.items():
        found.issues = issues.get(name, [])
    return list(by_site.values())


def fieldwork(engagement: Engagement, *, confidential: bool) -> Fieldwork:
    kinds = dict(
        Respondent.objects.filter(engagement=engagement).values_list("kind").annotate(n=Count("pk")).order_by()
    )
    participants = sum(
        Respondent.objects.filter(engagement=engagement, kind=RespondentKind.GROUP)
        .values_list("group_size", flat=True)
        .exclude(group_size=None)
    )
    return Fieldwork(
        interviews=[(str(kind.label), kinds[kind.value]) for kind in RespondentKind if kinds.get(kind.value)],
        group_participants=participants,
        sites=_site_plans(engagement),
        documents_requested=DocumentRequest.objects.filter(engagement=engagement).count(),
        documents_reviewed=DocumentReview.objects.filter(engagement=engagement).count(),
        site_findings=_site_findings(engagement, confidential=confidential),
    )
