"""Who reads which findings and which comments: the rules, and the ways in built on them.

* The team (EDIT_FINDINGS) reads every finding; anyone else holding VIEW_FINDINGS reads released
  findings only, and an unreleased one is a 404 to them, so its existence never shows.
* A comment is read by everyone who reads its finding, unless it is private to one outside side:
  then by that side and the team only.
* Sources (management interviews by pseudonym, documents reviewed, site observations, notes) are
  the team's; outsiders see only which kinds of source agree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from engagements.models import Engagement
from findings.models import (
    SEVERITY_RANK,
    BusinessPosition,
    Finding,
    FindingComment,
    FindingSource,
    FindingStatus,
    Side,
    SourceKind,
    Stance,
)
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability


def side_of(capabilities: Any) -> Side | None:
    """THE rule of whom a participant speaks for: the team, the business, the workers' side, or none."""
    if Capability.EDIT_FINDINGS in capabilities:
        return Side.TEAM
    if Capability.RESPOND_FOR_BUSINESS in capabilities:
        return Side.BUSINESS
    if Capability.SEE_WORKER_SESSION in capabilities:
        return Side.WORKERS
    return None


def speaks_for_business(capabilities: Any) -> bool:
    """Whether this participant may agree with or dispute a finding for the business (only the business's
    side holds the capability: ``tenancy.roles.BUSINESS_OWN_CAPABILITIES``)."""
    return Capability.RESPOND_FOR_BUSINESS in capabilities


def _severity_rank() -> Case:
    return Case(
        *(When(severity=s, then=Value(rank)) for s, rank in SEVERITY_RANK.items()),
        output_field=IntegerField(),
    )


def findings_for(engagement: Engagement, capabilities: Any) -> QuerySet[Finding]:
    """The engagement's findings this reader may see, most severe first, with their sources."""
    if Capability.EDIT_FINDINGS in capabilities:
        findings = Finding.objects.filter(engagement=engagement)
    elif Capability.VIEW_FINDINGS in capabilities:
        findings = Finding.objects.filter(engagement=engagement, status=FindingStatus.RELEASED)
    else:
        return Finding.objects.none()
    return (
        findings.annotate(severity_rank=_severity_rank())
        .order_by("severity_rank", "number")
        .prefetch_related(Prefetch("sources", queryset=FindingSource.objects.order_by("created_at")))
    )


def visible_comments_q(capabilities: Any, prefix: str = "") -> Q:
    """The comments this reader may read (``prefix`` reaches them through a relation)."""
    side = side_of(capabilities)
    if side == Side.TEAM:
        return Q()
    public = Q(**{f"{prefix}private_to": ""})
    return public | Q(**{f"{prefix}private_to": side}) if side else public


def findings_list(engagement: Engagement, capabilities: Any) -> list[Finding]:
    """The findings page: each finding with its sources, current business position and comment count."""
    findings = findings_for(engagement, capabilities).annotate(
        comment_count=Count("comments", filter=visible_comments_q(capabilities, "comments__"), distinct=True)
    )
    findings = findings.prefetch_related(Prefetch("positions", queryset=BusinessPosition.objects.all()))
    return list(findings)


def get_finding_for_user(
    user: Any, engagement_id: Any, finding_id: Any, capability: Capability = Capability.VIEW_FINDINGS
) -> tuple[Engagement, Finding]:
    """One finding through the engagement: 404 when out of reach or not released to this reader."""
    engagement = get_engagement_for_user(user, engagement_id, capability)
    finding = findings_for(engagement, engagement.capabilities).filter(pk=finding_id).first()
    if finding is None:
        raise Http404
    finding.engagement = engagement  # already loaded, with the organisation the audit needs
    return engagement, finding


def current_position(finding: Finding) -> BusinessPosition | None:
    """The business's current position (the latest); uses prefetched positions when there are."""
    positions = list(finding.positions.all())
    return positions[0] if positions else None


@dataclass
class Thread:
    comment: FindingComment
    replies: list[FindingComment] = field(default_factory=list)


def threads(finding: Finding, capabilities: Any) -> list[Thread]:
    """The comments this reader may read, as threads in the order they began (one query)."""
    comments = (
        FindingComment.objects.filter(finding=finding)
        .filter(visible_comments_q(capabilities))
        .select_related("author")
        .order_by("created_at")
    )
    replies: dict[Any, list[FindingComment]] = defaultdict(list)
    roots = []
    for comment in comments:
        if comment.parent_id is None:
            roots.append(Thread(comment))
        else:
            replies[comment.parent_id].append(comment)
    for thread in roots:
        thread.replies = replies.get(thread.comment.pk, [])
    return roots


@dataclass(frozen=True)
class SourceSummary:
    """What an outside reader sees of one kind of source: how many say what."""

    kind: SourceKind
    agrees: int
    contradicts: int
    silent: int

    @property
    def stance(self) -> str:
        if self.agrees and not self.contradicts:
            return Stance.AGREES
        if self.contradicts and not self.agrees:
            return Stance.CONTRADICTS
        if self.agrees and self.contradicts:
            return "mixed"
        return Stance.SILENT


def source_summary(finding: Finding) -> list[SourceSummary]:
    """Per kind of source linked, how many agree, contradict or are silent (prefetched sources)."""
    counts: dict[str, dict[str, int]] = {}
    for source in finding.sources.all():
        counts.setdefault(source.kind, dict.fromkeys(Stance.values, 0))[source.stance] += 1
    return [
        SourceSummary(SourceKind(kind), c[Stance.AGREES], c[Stance.CONTRADICTS], c[Stance.SILENT])
        for kind in SourceKind.values
        if (c := counts.get(kind))
    ]
