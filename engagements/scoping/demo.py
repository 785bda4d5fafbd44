"""Phase 1 of the demo engagement: fictional, idempotent."""

from __future__ import annotations

from typing import Any

from engagements.models import Engagement
from engagements.scoping.models import Scope
from engagements.scoping.services import known_risk_add, scope_update, working_group_add


def seed_demo_scoping(engagement: Engagement, users: dict[str, Any]) -> None:
    if Scope.objects.filter(engagement=engagement).exists():
        return
    lead = users["lead@demo.example"]
    scope_update(
        actor=lead,
        engagement=engagement,
        responsible="Responsible sourcing team (demo)",
        budget_amount=48000,
        budget_currency="USD",
        countries=["TH", "MM", "KH"],
        sectors=["Seafood processing"],
        business_partners=["Shrimp processor, Samut Sakhon", "Recruiter A (Yangon)", "Recruiter B (Phnom Penh)"],
        sites=["Processing plant 1", "Worker dormitory"],
        supply_chain_tiers="Tier 1 processors and their recruiters",
        sites_to_assess="One processing site and its dormitory in Thailand",
    )
    for name, organisation, role, workers in (
        ("Demo HR lead", "Shrimp processor", "Human resources", False),
        ("Demo sourcing manager", "Coastal Sourcing Collective (demo)", "Responsible sourcing", False),
        ("Demo union delegate", "Migrant workers' union (demo)", "Worker representative", True),
    ):
        working_group_add(
            actor=lead,
            engagement=engagement,
            name=name,
            organisation=organisation,
            role=role,
            represents_workers=workers,
        )
    for description, country, stage, gender, age in (
        ("Recruitment fees and loans charged by subagents in villages", "MM", "recruitment", "all", "young"),
        ("Passports kept by the employer or the agency", "TH", "employment", "all", "all"),
        ("Sexual harassment in dormitories and on night shifts", "TH", "employment", "women", "young"),
        ("Unpaid final wages on return", "KH", "return", "all", "all"),
    ):
        known_risk_add(
            actor=lead,
            engagement=engagement,
            description=description,
            country=country,
            stage=stage,
            most_exposed_gender=gender,
            most_exposed_age=age,
        )
