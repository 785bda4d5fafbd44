"""Writes for phase 1. Every one takes the acting user and is audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record
from engagements.models import Engagement
from engagements.scoping.models import KnownRisk, Scope, WorkingGroupMember

SCOPE_FIELDS = (
    "responsible",
    "budget_amount",
    "budget_currency",
    "countries",
    "sectors",
    "business_partners",
    "sites",
    "supply_chain_tiers",
    "sites_to_assess",
    "notes",
)


@transaction.atomic
def scope_update(*, actor: Any, engagement: Engagement, **values: Any) -> Scope:
    unknown = set(values) - set(SCOPE_FIELDS)
    if unknown:
        raise ValueError(f"Not scope fields: {sorted(unknown)}")
    scope, _created = Scope.objects.select_for_update().get_or_create(engagement=engagement)
    for name, value in values.items():
        setattr(scope, name, value)
    scope.budget_currency = (scope.budget_currency or "").upper()
    if scope.budget_amount is not None and not scope.budget_currency:
        raise ValidationError({"budget_currency": _("Give the currency of the budget.")})
    scope.full_clean()
    scope.save()
    record(actor=actor, verb="scope.updated", target=scope, engagement=engagement, detail={"fields": sorted(values)})
    return scope


@transaction.atomic
def working_group_add(*, actor: Any, engagement: Engagement, **values: Any) -> WorkingGroupMember:
    member = WorkingGroupMember(engagement=engagement, **values)
    member.full_clean()
    member.save()
    record(actor=actor, verb="working_group.added", target=member, engagement=engagement)
    return member


@transaction.atomic
def working_group_remove(*, actor: Any, member: WorkingGroupMember) -> None:
    record(actor=actor, verb="working_group.removed", target=member, engagement=member.engagement)
    member.delete()


@transaction.atomic
def known_risk_add(*, actor: Any, engagement: Engagement, **values: Any) -> KnownRisk:
    risk = KnownRisk(engagement=engagement, **values)
    risk.full_clean()
    risk.save()
    record(actor=actor, verb="known_risk.added", target=risk, engagement=engagement)
    return risk


@transaction.atomic
def known_risk_remove(*, actor: Any, risk: KnownRisk) -> None:
    record(actor=actor, verb="known_risk.removed", target=risk, engagement=risk.engagement)
    risk.delete()


def working_group_has_worker_voice(engagement: Engagement) -> bool:
    """The guide asks to invite union or migrant worker representatives into the working group."""
    return WorkingGroupMember.objects.filter(engagement=engagement, represents_workers=True).exists()
