"""Reading the public version: its approval state, the published version a public address shows, the log.

THE approval rule: a public version is approved when the business and the workers' side each hold a standing
approval of the *current* fingerprint (``is_approved``). Anything else (one side only, an approval of an earlier
fingerprint, a withdrawn one) is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from disclosure.content import current
from disclosure.models import Approval, ApprovalSide, Disclosure, ExternalEngagement, PublishedVersion
from engagements.models import Engagement
from findings.models import Side
from findings.selectors.findings import side_of

SIDES = {Side.BUSINESS: ApprovalSide.BUSINESS, Side.WORKERS: ApprovalSide.WORKERS}


def approval_side_of(capabilities: Any) -> ApprovalSide | None:
    """The side a participant approves for, from the one rule of sides (``side_of``); the team has none."""
    return SIDES.get(side_of(capabilities))  # type: ignore[call-overload]


def disclosure_of(engagement: Engagement) -> Disclosure | None:
    return Disclosure.objects.filter(engagement=engagement).select_related("engagement__organisation").first()


def standing_approvals(disclosure: Disclosure, fingerprint: str) -> dict[str, Approval]:
    """Side -> its standing approval of this fingerprint."""
    approvals = Approval.objects.filter(
        disclosure=disclosure, fingerprint=fingerprint, withdrawn_at__isnull=True
    ).select_related("approved_by")
    return {a.side: a for a in approvals}


def is_approved(disclosure: Disclosure, fingerprint: str) -> bool:
    return set(standing_approvals(disclosure, fingerprint)) >= set(ApprovalSide.values)


@dataclass
class State:
    """Everything the disclosure page shows about the current public version."""

    disclosure: Disclosure | None
    content: dict[str, Any]
    fingerprint: str
    approvals: dict[str, Approval]
    stale: list[Approval]  # standing approvals of an earlier fingerprint: that side must approve again
    live: PublishedVersion | None

    @property
    def approved(self) -> bool:
        return set(self.approvals) >= set(ApprovalSide.values)

    @property
    def published_current(self) -> bool:
        return self.live is not None and self.live.fingerprint == self.fingerprint


def state_of(engagement: Engagement) -> State:
    disclosure = disclosure_of(engagement)
    if disclosure is None:
        return State(None, {}, "", {}, [], None)
    content, fingerprint = current(disclosure)
    approvals = standing_approvals(disclosure, fingerprint)
    # The newest earlier approval of each side still waiting for the current version (a handful of rows;
    # picked in Python because DISTINCT ON is PostgreSQL's alone and `make run` uses SQLite).
    newest: dict[str, Approval] = {}
    for approval in (
        Approval.objects.filter(disclosure=disclosure, withdrawn_at__isnull=True)
        .exclude(fingerprint=fingerprint)
        .exclude(side__in=list(approvals))
        .order_by("side", "-approved_at")
    ):
        newest.setdefault(approval.side, approval)
    stale = list(newest.values())
    return State(disclosure, content, fingerprint, approvals, stale, live_version(disclosure))


def live_version(disclosure: Disclosure) -> PublishedVersion | None:
    return PublishedVersion.objects.filter(disclosure=disclosure, unpublished_at__isnull=True).first()


def versions_of(disclosure: Disclosure | None) -> QuerySet[PublishedVersion]:
    if disclosure is None:
        return PublishedVersion.objects.none()
    return PublishedVersion.objects.filter(disclosure=disclosure).select_related("published_by", "unpublished_by")


def published_for_slug(slug: Any) -> PublishedVersion | None:
    """The version a public address shows: the newest live one, or None (the page is then a 404)."""
    return (
        PublishedVersion.objects.filter(disclosure__slug=slug, unpublished_at__isnull=True).order_by("-number").first()
    )


def external_log(engagement: Engagement) -> QuerySet[ExternalEngagement]:
    return ExternalEngagement.objects.filter(engagement=engagement)
