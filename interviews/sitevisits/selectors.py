"""Reads of phase 4 on site: checklist rows and progress per site, review rows, the report's limitations.

Each function runs a fixed number of queries, whatever the number of sites, items or documents.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _

from engagements.models import Engagement
from interviews.preparation.models import DocumentRequest, RequestedDocument
from interviews.sampling.models import AssessmentSite
from interviews.sitevisits import checklist
from interviews.sitevisits.models import DocumentFlag, DocumentReview, ObservationStatus, Received, SiteObservation

# --- Site checklists ------------------------------------------------------------------------------


@dataclass
class ChecklistRow:
    """One item on the page: what is saved, or (after a refused save) what the user had entered."""

    item: checklist.Item
    observation: SiteObservation | None
    status: str = ""
    note: str = ""
    error: str = ""
    saved: bool = False

    @classmethod
    def of(cls, item: checklist.Item, observation: SiteObservation | None) -> ChecklistRow:
        if observation is None:
            return cls(item=item, observation=None)
        return cls(item=item, observation=observation, status=observation.status, note=observation.note)


@dataclass
class Progress:
    observed: int
    total: int
    issues: int = 0


@dataclass
class SectionRows:
    section: checklist.Section
    groups: list[tuple[checklist.Group, list[ChecklistRow]]]
    progress: Progress


def section_progress(section: checklist.Section, observations: dict[str, SiteObservation]) -> Progress:
    statuses = [observations[i.id].status for i in section.items if i.id in observations]
    return Progress(
        observed=sum(1 for s in statuses if s),
        total=len(section.items),
        issues=statuses.count(ObservationStatus.ISSUE),
    )


def site_observations(site: AssessmentSite) -> dict[str, SiteObservation]:
    return {o.item: o for o in SiteObservation.objects.filter(site=site).select_related("observed_by")}


def site_checklist(site: AssessmentSite) -> list[SectionRows]:
    """Both sections of the site's checklist, in the reference's order, with what was observed (one query)."""
    observations = site_observations(site)
    return [
        SectionRows(
            section=section,
            groups=[(g, [ChecklistRow.of(i, observations.get(i.id)) for i in g.items]) for g in section.groups],
            progress=section_progress(section, observations),
        )
        for section in checklist.sections()
    ]


@dataclass
class SiteProgress:
    site: AssessmentSite
    sections: list[tuple[checklist.Section, Progress]] = field(default_factory=list)
    photos: int = 0


def sites_with_progress(engagement: Engagement) -> list[SiteProgress]:
    """Every site of the engagement with its progress per section (two queries)."""
    sites = list(AssessmentSite.objects.filter(engagement=engagement))
    rows = SiteObservation.objects.filter(engagement=engagement).values_list("site_id", "item", "status", "photo")
    by_site: dict[Any, dict[str, str]] = {}
    photos: Counter = Counter()
    for site_id, item, status, photo in rows:
        by_site.setdefault(site_id, {})[item] = status
        photos[site_id] += bool(photo)
    result = []
    for site in sites:
        statuses = by_site.get(site.pk, {})
        progress = []
        for section in checklist.sections():
            observed = [statuses.get(i.id, "") for i in section.items]
            progress.append(
                (
                    section,
                    Progress(
                        observed=sum(1 for s in observed if s),
                        total=len(section.items),
                        issues=observed.count(ObservationStatus.ISSUE),
                    ),
                )
            )
        result.append(SiteProgress(site=site, sections=progress, photos=photos[site.pk]))
    return result


# --- Document review ------------------------------------------------------------------------------


def review_of(request: DocumentRequest) -> DocumentReview | None:
    try:
        return request.review
    except ObjectDoesNotExist:
        return None


@dataclass
class ReviewRow:
    request: DocumentRequest
    review: DocumentReview | None
    documents: list[RequestedDocument]


def review_rows(engagement: Engagement) -> list[ReviewRow]:
    """Every requested document with what was uploaded against it and its review (two queries)."""
    requests = (
        DocumentRequest.objects.filter(engagement=engagement)
        .select_related("review")
        .prefetch_related(Prefetch("documents", queryset=RequestedDocument.objects.order_by("created_at")))
    )
    return [ReviewRow(request=r, review=review_of(r), documents=list(r.documents.all())) for r in requests]


class LimitationKind(models.TextChoices):
    SUSPECTED_WITHHELD = "suspected_withheld", _("Suspected withheld")
    SUSPECTED_FALSIFIED = "suspected_falsified", _("Suspected falsified")
    NOT_RECEIVED = "not_received", _("Requested but never received")
    PARTLY_RECEIVED = "partly_received", _("Received only in part")


FLAG_KINDS = {
    DocumentFlag.WITHHELD: LimitationKind.SUSPECTED_WITHHELD,
    DocumentFlag.FALSIFIED: LimitationKind.SUSPECTED_FALSIFIED,
}


@dataclass(frozen=True)
class Limitation:
    """A limitation of the assessment that the report lists (phase 5).

    ``explanation`` is the reviewer's own text for a flag (blank otherwise): the assessment team's
    words, for the team's report; the business never sees it in the platform.
    """

    kind: LimitationKind
    request_id: UUID
    document: str
    category: str
    explanation: str = ""

    @property
    def label(self) -> Any:
        return LimitationKind(self.kind).label


def _limitation_kind(request: DocumentRequest, review: DocumentReview | None) -> LimitationKind | None:
    if review is None:
        # Not reviewed: a request with nothing uploaded was never received.
        return LimitationKind.NOT_RECEIVED if not request.uploads else None
    if review.flag:
        return FLAG_KINDS[DocumentFlag(review.flag)]
    if review.received == Received.NO:
        return LimitationKind.NOT_RECEIVED
    if review.received == Received.PARTLY:
        return LimitationKind.PARTLY_RECEIVED
    return None


def limitations(engagement: Engagement) -> list[Limitation]:
    """The document review's limitations, in request-list order, one per document (one query).

    A flagged document (suspected withheld or falsified: the guide asks to record it "as both a
    finding and a limitation") is listed by its flag; otherwise a document requested and never
    received, or received only in part. A request not yet reviewed and with nothing uploaded
    counts as never received.
    """
    requests = (
        DocumentRequest.objects.filter(engagement=engagement)
        .select_related("review")
        .annotate(uploads=Count("documents"))
        .order_by("created_at", "pk")  # Meta.ordering does not apply to a GROUP BY
    )
    result = []
    for request in requests:
        review = review_of(request)
        kind = _limitation_kind(request, review)
        if kind is not None:
            result.append(
                Limitation(
                    kind=kind,
                    request_id=request.pk,
                    document=request.title,
                    category=str(request.get_category_display()),
                    explanation=review.flag_explanation if review and review.flag else "",
                )
            )
    return result
