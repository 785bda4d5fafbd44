"""Reading the action plan: the rules other parts of the platform ask about (one place for each)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Count, QuerySet
from django.http import Http404

from actionplans.models import Action, ActionFeedback, ActionPlan, SignatoryGroup, Signature
from actionplans.versions import plan_fingerprint
from engagements.models import Engagement
from findings.models import Finding
from tenancy.roles import Capability


def plan_of(engagement: Engagement) -> ActionPlan | None:
    return ActionPlan.objects.filter(engagement=engagement).first()


def findings_to_answer(engagement: Engagement) -> QuerySet[Finding]:
    """Guide, phase 6 step 3: "give every finding actions". Released findings, good practice included
    (a good practice is kept, which is an action too)."""
    return Finding.objects.filter(engagement=engagement, status="released")


def findings_without_action(engagement: Engagement) -> QuerySet[Finding]:
    """The findings the plan does not answer yet, in one query."""
    return findings_to_answer(engagement).filter(actions__isnull=True)


def engagements_with_complete_draft(engagement_ids: Iterable[UUID]) -> set[UUID]:
    """THE rule of a complete draft plan, for many engagements in two queries: the plan has actions and
    answers every released finding (guide, phase 6 step 3; it ends the draft deadline's reminders)."""
    ids = list(engagement_ids)
    with_actions = set(
        Action.objects.filter(plan__engagement_id__in=ids).values_list("plan__engagement_id", flat=True).distinct()
    )
    unanswered = set(
        Finding.objects.filter(engagement_id__in=ids, status="released", actions__isnull=True)
        .values_list("engagement_id", flat=True)
        .distinct()
    )
    return with_actions - unanswered


def draft_is_complete(engagement: Engagement) -> bool:
    return engagement.pk in engagements_with_complete_draft([engagement.pk])


# --- Phase 6 pages: the plan as a reader sees it, its signatures -----------------------------------------


@dataclass
class FindingActions:
    finding: Finding
    actions: list[Action] = field(default_factory=list)


def actions_of(plan: ActionPlan | None) -> QuerySet[Action]:
    if plan is None:
        return Action.objects.none()
    return (
        Action.objects.filter(plan=plan)
        .select_related("responsible_user")
        .prefetch_related("findings")
        .annotate(feedback_count=Count("feedback"))
        .order_by("number")
    )


def actions_by_finding(engagement: Engagement, plan: ActionPlan | None) -> list[FindingActions]:
    """Released findings, most severe first, each with the actions answering it (an action may answer several)."""
    from findings.selectors.findings import findings_for

    findings = findings_for(engagement, frozenset({Capability.VIEW_FINDINGS}))
    groups = {f.pk: FindingActions(f) for f in findings}
    for action in actions_of(plan):
        for finding in action.findings.all():
            if finding.pk in groups:
                groups[finding.pk].actions.append(action)
    return list(groups.values())


@dataclass(frozen=True)
class GroupSignature:
    group: SignatoryGroup
    required: bool
    current: Signature | None  # the latest signature of the current version
    outdated: Signature | None  # the latest signature of an earlier version, when none is current

    @property
    def asks_to_sign_again(self) -> bool:
        return self.current is None and self.outdated is not None


@dataclass(frozen=True)
class SignOff:
    fingerprint: str
    groups: list[GroupSignature]
    has_actions: bool

    @property
    def signed_off(self) -> bool:
        """Guide, phase 6 step 3: the business's senior management, and every participating group if built jointly."""
        return self.has_actions and all(g.current is not None for g in self.groups if g.required)


def required_groups(plan: ActionPlan) -> set[SignatoryGroup]:
    return {SignatoryGroup.BUSINESS, SignatoryGroup.WORKERS} if plan.built_jointly else {SignatoryGroup.BUSINESS}


def sign_off(plan: ActionPlan | None) -> SignOff:
    """Which signatures hold for the plan as it stands, and which ask to be signed again."""
    if plan is None:
        return SignOff(fingerprint="", groups=[], has_actions=False)
    fingerprint = plan_fingerprint(plan)
    signatures = list(Signature.objects.filter(plan=plan).select_related("signer"))  # latest first
    required = required_groups(plan)
    groups = []
    for group in SignatoryGroup:
        mine = [s for s in signatures if s.group == group]
        current = next((s for s in mine if s.fingerprint == fingerprint), None)
        outdated = None if current else next(iter(mine), None)
        groups.append(GroupSignature(group, group in required, current, outdated))
    return SignOff(fingerprint=fingerprint, groups=groups, has_actions=plan.actions.exists())


def signatory_group_of(capabilities: Any) -> SignatoryGroup | None:
    """THE rule of whom a signer signs for: their side of the discussion, if they may sign at all."""
    from findings.selectors.findings import side_of

    if Capability.SIGN_ACTION_PLAN not in capabilities:
        return None
    side = side_of(capabilities)
    return SignatoryGroup(side.value) if side else None


def get_action_for_user(
    user: Any, engagement_id: Any, action_id: Any, capability: Capability
) -> tuple[Engagement, Action]:
    """One action through the engagement's access check: 404 when it is not in this engagement's plan."""
    from tenancy.access import get_engagement_for_user

    engagement = get_engagement_for_user(user, engagement_id, capability)
    action = Action.objects.filter(plan__engagement=engagement, pk=action_id).select_related("plan").first()
    if action is None:
        raise Http404
    action.plan.engagement = engagement  # already loaded, with the organisation the audit needs
    return engagement, action


@dataclass
class FeedbackThread:
    feedback: ActionFeedback
    replies: list[ActionFeedback] = field(default_factory=list)


def feedback_threads(action: Action) -> list[FeedbackThread]:
    """The action's feedback as threads in the order they began (one query)."""
    threads: dict[Any, FeedbackThread] = {}
    replies = []
    for item in ActionFeedback.objects.filter(action=action).select_related("author").order_by("created_at"):
        if item.parent_id is None:
            threads[item.pk] = FeedbackThread(item)
        else:
            replies.append(item)
    for reply in replies:
        if reply.parent_id in threads:
            threads[reply.parent_id].replies.append(reply)
    return list(threads.values())
