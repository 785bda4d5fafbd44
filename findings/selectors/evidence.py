"""What a finding can be triangulated against, for the team: the sources it may link, and the workers' figures.

Worker interviews are never linked one by one: the finding's indicators and risks are their link, and
the figures are the analysis of every interview (``findings.analysis``: reported of asked, unsuppressed,
so for the team's pages only). Management and labour-recruiter interviews are named by pseudonym.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from engagements.models import Engagement
from findings.analysis.tables import NOT_ASKED
from findings.models import Finding, FindingSource
from interviews.questionnaires.catalogue import indicator_names, risk_names
from interviews.sitevisits import checklist
from interviews.sitevisits.models import DocumentReview, SiteObservation
from vault.models import Respondent, RespondentKind

MANAGEMENT_KINDS = (RespondentKind.MANAGEMENT, RespondentKind.RECRUITER)


def management_respondents(engagement: Engagement) -> QuerySet[Respondent]:
    """Management and labour-recruiter interviewees, by pseudonym (never an identity)."""
    return Respondent.objects.filter(engagement=engagement, kind__in=MANAGEMENT_KINDS).order_by("kind", "pseudonym")


def document_reviews(engagement: Engagement) -> QuerySet[DocumentReview]:
    return DocumentReview.objects.filter(engagement=engagement).select_related("request")


def site_observations(engagement: Engagement) -> QuerySet[SiteObservation]:
    """Checklist items observed (fine or an issue) at any site."""
    return (
        SiteObservation.objects.filter(engagement=engagement)
        .exclude(status="")
        .select_related("site")
        .order_by("site__name", "item")
    )


def observation_label(observation: SiteObservation) -> str:
    item = checklist.item(observation.item)
    prompt = item.prompt if item else observation.item
    return f"{observation.site.name} · {prompt} ({observation.get_status_display()})"


def review_label(review: DocumentReview) -> str:
    flags = f", {review.get_flag_display().lower()}" if review.flag else ""
    return f"{review.request.title} ({review.get_received_display().lower()}{flags})"


def respondent_label(respondent: Respondent) -> str:
    where = f" · {respondent.site}" if respondent.site else ""
    return f"{respondent.pseudonym} · {respondent.get_kind_display()}{where}"


def team_sources(finding: Finding) -> list[FindingSource]:
    """The finding's sources with what each points at (one query)."""
    return list(
        FindingSource.objects.filter(finding=finding)
        .select_related("respondent", "document_review__request", "observation__site", "added_by")
        .order_by("created_at")
    )


def source_label(source: FindingSource) -> str:
    if source.respondent_id:
        return respondent_label(source.respondent)
    if source.document_review_id:
        return review_label(source.document_review)
    if source.observation_id:
        return observation_label(source.observation)
    return ""


@dataclass(frozen=True)
class WorkerFigure:
    item_id: str
    name: str
    text: str  # "12 of 40 (30%)", from the analysis tables (their NOT_ASKED mark when no worker was asked)
    presence: str  # isolated, systemic, not reported, not asked

    @property
    def not_asked(self) -> bool:
        return self.text == NOT_ASKED


def worker_figures(engagement: Engagement, finding: Finding) -> list[WorkerFigure]:
    """Reported of asked, over every worker interviewed, for each of the finding's indicators and risks.

    Unsuppressed: for the team's pages only (the overall table of ``findings.analysis``).
    """
    ids = [*finding.indicators, *finding.risks]
    if not ids:
        return []
    from findings.analysis.selectors import indicator_tables  # decrypts once per change of the responses

    overall = next(t for t in indicator_tables(engagement, sees_small_cells=True) if t.key == "overall")
    rows = {row.id: row for row in overall.rows}
    names: dict[str, Any] = {**indicator_names(), **risk_names()}
    figures = []
    for item_id in ids:
        row = rows.get(item_id)
        figures.append(
            WorkerFigure(
                item_id=item_id,
                name=str(names.get(item_id, item_id)),
                text=row.overall.text if row else NOT_ASKED,
                presence=overall.isolated_or_systemic(item_id).label,
            )
        )
    return figures
