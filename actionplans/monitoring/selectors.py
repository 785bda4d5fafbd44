"""Reading phase 7: the monitoring dashboard of an engagement, an action's history, the organisation overview.

Each function runs a fixed number of queries whatever the number of actions or engagements (the
dashboards' tests assert it). The indicators across assessments read the phase 5 tables
(``findings.analysis.selectors.indicator_tables``), already suppressed for the reader.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from actionplans.models import Action, ActionStatus
from actionplans.monitoring.models import (
    Evidence,
    ExternalVerification,
    FinancialRemediation,
    ProgressUpdate,
    Verification,
)
from engagements.models import Engagement, Phase
from findings.analysis import selectors as analysis
from findings.analysis.tables import CountCell
from findings.models import Finding
from findings.models.findings import FindingStatus, Severity
from tenancy.access import engagements_for_user
from tenancy.models import Organisation
from tenancy.roles import Capability

UPCOMING_DAYS = 30
# How far up and down the chain of follow-up assessments the indicators reach (each level is one query).
MAX_FOLLOW_UP_DEPTH = 5


def is_overdue(action: Action, today: date) -> bool:
    return action.status != ActionStatus.CLOSED and action.due_date < today


def is_upcoming(action: Action, today: date) -> bool:
    return action.status != ActionStatus.CLOSED and today <= action.due_date <= today + timedelta(days=UPCOMING_DAYS)


def monitored_actions(engagement: Engagement) -> QuerySet[Action]:
    """The plan's actions with what the dashboard shows of each, in one query."""
    return (
        Action.objects.filter(plan__engagement=engagement)
        .select_related("verified_by")
        .annotate(
            evidence_count=Count("evidence", distinct=True),
            update_count=Count("progress_updates", distinct=True),
            is_financial=Exists(FinancialRemediation.objects.filter(action=OuterRef("pk"))),
        )
        .order_by("number")
    )


@dataclass
class PartyRow:
    organisation: str
    person: str
    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in ActionStatus})
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Dashboard:
    actions: list[Action]
    by_status: list[tuple[str, str, int]]  # (value, label, count)
    overdue: list[Action]
    upcoming: list[Action]
    parties: list[PartyRow]
    today: date

    @property
    def total(self) -> int:
        return len(self.actions)


def dashboard(engagement: Engagement, *, today: date | None = None) -> Dashboard:
    """Actions by status, overdue and upcoming (next 30 days), and per responsible party. One query."""
    today = today or timezone.localdate()
    actions = list(monitored_actions(engagement))
    counts = {s.value: 0 for s in ActionStatus}
    parties: dict[tuple[str, str], PartyRow] = {}
    for action in actions:
        counts[action.status] += 1
        key = (action.responsible_organisation.strip(), action.responsible_person.strip())
        row = parties.setdefault(key, PartyRow(*key))
        row.counts[action.status] += 1
        row.overdue += is_overdue(action, today)
    by_due = sorted(actions, key=lambda a: (a.due_date, a.number))
    return Dashboard(
        actions=actions,
        by_status=[(s.value, str(s.label), counts[s.value]) for s in ActionStatus],
        overdue=[a for a in by_due if is_overdue(a, today)],
        upcoming=[a for a in by_due if is_upcoming(a, today)],
        parties=sorted(parties.values(), key=lambda r: (r.organisation.lower(), r.person.lower())),
        today=today,
    )


def action_history(action: Action) -> dict[str, Any]:
    """An action's progress updates (with their evidence), decisions and external verifications. Four queries."""
    updates = list(ProgressUpdate.objects.filter(action=action).select_related("reported_by").order_by("-created_at"))
    evidence: dict[Any, list[Evidence]] = {}
    for item in Evidence.objects.filter(action=action).order_by("created_at"):
        evidence.setdefault(item.update_id, []).append(item)
    for update in updates:
        update.files = evidence.get(update.pk, [])  # type: ignore[attr-defined]
    return {
        "updates": updates,
        "evidence_count": sum(len(files) for files in evidence.values()),
        "decisions": list(Verification.objects.filter(action=action).select_related("decided_by")),
        "external": list(ExternalVerification.objects.filter(action=action).select_related("recorded_by")),
    }


# --- indicators across the first assessment and its follow-ups ---------------------------------------


def assessment_chain(engagement: Engagement) -> list[Engagement]:
    """The first assessment and its follow-up assessments (Engagement.follow_up_of), oldest first."""
    root = engagement
    seen = {root.pk}
    for _step in range(MAX_FOLLOW_UP_DEPTH):
        if root.follow_up_of_id is None:
            break
        parent = Engagement.objects.filter(pk=root.follow_up_of_id).first()
        if parent is None or parent.pk in seen:
            break
        root, _ = parent, seen.add(parent.pk)
    chain = [root]
    level = [root.pk]
    for _step in range(MAX_FOLLOW_UP_DEPTH):
        children = list(Engagement.objects.filter(follow_up_of__in=level).exclude(pk__in=[e.pk for e in chain]))
        if not children:
            break
        chain.extend(children)
        level = [c.pk for c in children]
    return sorted(chain, key=lambda e: (e.start_date or e.created_at.date(), e.created_at))


@dataclass(frozen=True)
class IndicatorAcross:
    id: str
    name: str
    cells: tuple[CountCell | None, ...]  # one per assessment; None: not asked in it


@dataclass(frozen=True)
class IndicatorsAcross:
    assessments: list[Engagement]
    rows: list[IndicatorAcross]
    suppressed: bool  # some column is suppressed for this reader
    legend: str


def indicators_across(user: Any, engagement: Engagement) -> IndicatorsAcross:
    """For each ILO indicator: workers reporting it, of those asked, in every assessment of the chain the
    reader may see aggregates of, suppressed unless they hold SEE_SMALL_CELLS there."""
    chain = assessment_chain(engagement)
    ids = [e.pk for e in chain]
    readable = set(
        engagements_for_user(user, Capability.VIEW_AGGREGATES).filter(pk__in=ids).values_list("pk", flat=True)
    )
    unsuppressed = set(
        engagements_for_user(user, Capability.SEE_SMALL_CELLS).filter(pk__in=ids).values_list("pk", flat=True)
    )
    assessments = [e for e in chain if e.pk in readable]
    tables = [analysis.indicator_tables(e, sees_small_cells=e.pk in unsuppressed)[0] for e in assessments]
    order: list[str] = []
    names: dict[str, str] = {}
    per_assessment: list[dict[str, CountCell]] = []
    for table in tables:
        cells = {}
        for row in table.rows:
            if row.kind != "indicator":
                continue
            if row.id not in names:
                order.append(row.id)
                names[row.id] = row.name
            cells[row.id] = row.overall
        per_assessment.append(cells)
    rows = [IndicatorAcross(i, names[i], tuple(cells.get(i) for cells in per_assessment)) for i in order]
    return IndicatorsAcross(
        assessments=assessments,
        rows=rows,
        suppressed=any(t.suppressed for t in tables),
        legend=tables[0].legend if tables else "",
    )


# --- the organisation overview -----------------------------------------------------------------------


def _critical_open() -> Any:
    """Released critical findings of the engagement whose actions are not all closed, or that have none."""
    open_action = Action.objects.filter(findings=OuterRef("pk")).exclude(status=ActionStatus.CLOSED)
    findings = (
        Finding.objects.filter(engagement=OuterRef("pk"), status=FindingStatus.RELEASED, severity=Severity.CRITICAL)
        .filter(Q(Exists(open_action)) | Q(actions__isnull=True))
        .order_by()
        .values("engagement")
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(findings, output_field=IntegerField()), Value(0))


def _actions_overdue(today: date) -> Any:
    overdue = (
        Action.objects.filter(plan__engagement=OuterRef("pk"), due_date__lt=today)
        .exclude(status=ActionStatus.CLOSED)
        .order_by()
        .values("plan__engagement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(overdue, output_field=IntegerField()), Value(0))


@dataclass(frozen=True)
class OrganisationOverview:
    organisation: Organisation
    engagements: list[Engagement]


def organisation_overview(user: Any, *, today: date | None = None) -> list[OrganisationOverview]:
    """For each organisation the user is a member of: its engagements the user may see, with the current
    phase, critical findings open and actions overdue. Counts only. Two queries, whatever the number."""
    today = today or timezone.localdate()
    organisations = list(Organisation.objects.filter(memberships__user=user).distinct().order_by("name"))
    if not organisations:
        return []
    open_phases = Phase.objects.filter(engagement=OuterRef("pk"), closed_at__isnull=True).order_by("number")
    engagements = (
        engagements_for_user(user)
        .filter(organisation__in=organisations)
        .annotate(
            current_phase_number=Subquery(open_phases.values("number")[:1]),
            current_phase_name=Subquery(open_phases.values("name")[:1]),
            critical_open=_critical_open(),
            actions_overdue=_actions_overdue(today),
        )
        .order_by("title")
    )
    by_org: dict[Any, list[Engagement]] = {}
    for engagement in engagements:
        by_org.setdefault(engagement.organisation_id, []).append(engagement)
    return [OrganisationOverview(org, by_org.get(org.pk, [])) for org in organisations]


def totals(items: Iterable[Engagement]) -> dict[str, int]:
    items = list(items)
    return {
        "critical_open": sum(e.critical_open for e in items),
        "actions_overdue": sum(e.actions_overdue for e in items),
    }
