"""The sources of dated items this app knows of: actions, the draft plan's deadline, retention ending.

Each answers in a fixed number of queries whatever the number of items, yields only what is still open,
and names who is responsible now (see ``reminders.sources``). Titles name the item, never a worker's data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from engagements.models import EngagementStatus, Participant
from reminders.models import ReminderEvent
from reminders.rules import source_window
from reminders.sources import DueItem
from tenancy.roles import EngagementRole

QUIET = [EngagementStatus.ARCHIVED]


def _path(candidates: Iterable[tuple[str, dict[str, Any]]]) -> str:
    """The first of the candidate pages that exists (pages of phase 6-7 come from other parts)."""
    for name, kwargs in candidates:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return "/"


def _action_path(engagement_id: UUID, action_id: UUID) -> str:
    e, a = {"engagement_id": engagement_id}, {"engagement_id": engagement_id, "action_id": action_id}
    return _path(
        [
            ("monitoring:action", a),
            ("actionplans:action", a),
            ("actionplans:action_detail", a),
            ("actionplans:plan", e),
            ("engagements:detail", e),
        ]
    )


def _plan_path(engagement_id: UUID) -> str:
    e = {"engagement_id": engagement_id}
    return _path([("actionplans:plan", e), ("actionplans:action_plan", e), ("engagements:detail", e)])


def people_by_role(engagement_ids: Iterable[UUID], roles: Iterable[str]) -> dict[UUID, tuple[int, ...]]:
    """Active participants holding one of the roles, per engagement, in one query."""
    found: dict[UUID, list[int]] = defaultdict(list)
    rows = Participant.objects.filter(
        engagement_id__in=list(engagement_ids), role__in=list(roles), user__is_active=True
    ).values_list("engagement_id", "user_id")
    for engagement_id, user_id in rows.order_by("user_id"):
        found[engagement_id].append(user_id)
    return {key: tuple(value) for key, value in found.items()}


def open_actions(today: date) -> Iterator[DueItem]:
    """Actions not closed, due within reach of a rule. Reminders go to the person named to receive them,
    else to the business reviewers (the business owns its plan). Two queries."""
    from actionplans.models import Action, ActionStatus

    low, high = source_window(today)
    rows = list(
        Action.objects.filter(due_date__range=(low, high))
        .exclude(status=ActionStatus.CLOSED)
        .exclude(plan__engagement__status__in=QUIET)
        .values("pk", "number", "due_date", "responsible_user_id", "plan__engagement_id", "plan__engagement__title")
    )
    unassigned = {row["plan__engagement_id"] for row in rows if row["responsible_user_id"] is None}
    business = people_by_role(unassigned, [EngagementRole.BUSINESS_REVIEWER]) if unassigned else {}
    for row in rows:
        engagement_id = row["plan__engagement_id"]
        recipients = (row["responsible_user_id"],) if row["responsible_user_id"] else business.get(engagement_id, ())
        title = _("Action A%(number)s of %(engagement)s") % {
            "number": row["number"],
            "engagement": row["plan__engagement__title"],
        }
        url = _action_path(engagement_id, row["pk"])
        for event in (ReminderEvent.ACTION_DUE, ReminderEvent.ACTION_OVERDUE):
            yield DueItem(
                event=event,
                key=f"action:{row['pk']}",
                engagement_id=engagement_id,
                due_date=row["due_date"],
                recipient_ids=recipients,
                title=title,
                url=url,
            )


def draft_plans_due(today: date) -> Iterator[DueItem]:
    """The full draft of the action plan, due two weeks after the closing meeting (guide, phase 6 step 3),
    until it is complete. Responsible: the lead assessors and the business reviewers, who write it."""
    from actionplans.selectors import engagements_with_complete_draft
    from findings.models import ClosingMeeting
    from findings.selectors.closing import action_plan_days

    low, high = source_window(today)
    days = timedelta(days=action_plan_days())
    rows = list(
        ClosingMeeting.objects.filter(action_plan_from__range=(low - days, high - days))
        .exclude(engagement__status__in=QUIET)
        .values("engagement_id", "engagement__title", "action_plan_from")
    )
    if not rows:
        return
    ids = [row["engagement_id"] for row in rows]
    complete = engagements_with_complete_draft(ids)
    writers = people_by_role(ids, [EngagementRole.LEAD_ASSESSOR, EngagementRole.BUSINESS_REVIEWER])
    for row in rows:
        engagement_id = row["engagement_id"]
        if engagement_id in complete:
            continue
        yield DueItem(
            event=ReminderEvent.DRAFT_PLAN_DUE,
            key=f"draft_plan:{engagement_id}",
            engagement_id=engagement_id,
            due_date=row["action_plan_from"] + days,
            recipient_ids=writers.get(engagement_id, ()),
            title=_("The draft action plan of %(engagement)s") % {"engagement": row["engagement__title"]},
            url=_plan_path(engagement_id),
        )


def retention_ending(today: date) -> Iterator[DueItem]:
    """The agreed retention period of identities ends: the lead assessors decide to extend or let it run."""
    from vault.models import Retention

    low, high = source_window(today)
    rows = list(
        Retention.objects.filter(Q(keep_until__range=(low, high)), destroyed_at__isnull=True).values(
            "pk", "engagement_id", "engagement__title", "keep_until"
        )
    )
    if not rows:
        return
    leads = people_by_role([row["engagement_id"] for row in rows], [EngagementRole.LEAD_ASSESSOR])
    for row in rows:
        engagement_id = row["engagement_id"]
        yield DueItem(
            event=ReminderEvent.RETENTION_ENDING,
            key=f"retention:{row['pk']}",
            engagement_id=engagement_id,
            due_date=row["keep_until"],
            recipient_ids=leads.get(engagement_id, ()),
            title=_("The retention period of personal data in %(e)s") % {"e": row["engagement__title"]},
            url=_path([("vault:data_protection", {"engagement_id": engagement_id})]),
        )
