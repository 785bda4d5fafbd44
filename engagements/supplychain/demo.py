"""The demo's supply-chain map: a shrimp processor in Samut Sakhon, Thailand, with workers from Myanmar
and Cambodia. Every name is fictional ("Recruiter A (Yangon)"); no real business is meant."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from engagements.models import Engagement
from engagements.supplychain import services
from engagements.supplychain.models import (
    Actor,
    ActorType,
    AssessmentMode,
    ContractType,
    Criterion,
    Delivery,
    Employment,
    LicenceStatus,
    LinkKind,
    LocationRole,
    Participation,
    Priority,
    RiskStage,
    ServiceKind,
)

B, S, R, SA, SP, G = (
    ActorType.BUSINESS,
    ActorType.SUPPLIER,
    ActorType.RECRUITER,
    ActorType.SUBAGENT,
    ActorType.SERVICE_PROVIDER,
    ActorType.GOVERNMENT,
)
ORI, TRA, DST = LocationRole.ORIGIN, LocationRole.TRANSIT, LocationRole.DESTINATION
L, U, N, NA = LicenceStatus.LICENSED, LicenceStatus.UNLICENSED, LicenceStatus.UNKNOWN, LicenceStatus.NOT_APPLICABLE

PROCESSOR = "Shrimp processor (Samut Sakhon)"
PEELING = "Peeling contractor B (Samut Sakhon)"
AGENCY = "Employment agency C (Bangkok)"
RECRUITER_A = "Recruiter A (Yangon)"
RECRUITER_B = "Recruiter B (Phnom Penh)"

# name, type, service, country, place, route, licence, migrant workers (estimate)
ACTORS: list[tuple[str, str, str, str, str, str, str, int | None]] = [
    (PROCESSOR, B, "", "TH", "Samut Sakhon", DST, NA, 420),
    (PEELING, S, "", "TH", "Samut Sakhon", DST, NA, 60),
    (AGENCY, R, "", "TH", "Bangkok", DST, L, None),
    (RECRUITER_A, R, "", "MM", "Yangon", ORI, L, None),
    (RECRUITER_B, R, "", "KH", "Phnom Penh", ORI, N, None),
    ("Subagent A1 (Magway)", SA, "", "MM", "Magway Region", ORI, U, None),
    ("Subagent A2 (Mawlamyine)", SA, "", "MM", "Mon State", ORI, N, None),
    ("Subagent B1 (Prey Veng)", SA, "", "KH", "Prey Veng", ORI, N, None),
    ("Subagent B2 (Kampong Cham)", SA, "", "KH", "Kampong Cham", ORI, N, None),
    ("Medical centre M (Yangon)", SP, ServiceKind.MEDICAL, "MM", "Yangon", ORI, L, None),
    ("Training centre T (Phnom Penh)", SP, ServiceKind.TRAINING, "KH", "Phnom Penh", ORI, L, None),
    ("Border transport V (Mae Sot)", SP, ServiceKind.TRANSPORT, "TH", "Mae Sot", TRA, N, None),
    ("Dormitory operator H (Samut Sakhon)", SP, ServiceKind.HOUSING, "TH", "Samut Sakhon", DST, NA, None),
    ("Overseas employment office (origin, Myanmar)", G, "", "MM", "Yangon", ORI, NA, None),
    ("Provincial employment office (destination)", G, "", "TH", "Samut Sakhon", DST, NA, None),
]

LINKS = [
    (PEELING, LinkKind.SUPPLIES, PROCESSOR),
    (AGENCY, LinkKind.RECRUITS_FOR, PROCESSOR),
    (RECRUITER_A, LinkKind.RECRUITS_FOR, AGENCY),
    (RECRUITER_B, LinkKind.RECRUITS_FOR, PROCESSOR),
    ("Subagent A1 (Magway)", LinkKind.SUBCONTRACTS, RECRUITER_A),
    ("Subagent A2 (Mawlamyine)", LinkKind.SUBCONTRACTS, RECRUITER_A),
    ("Subagent B1 (Prey Veng)", LinkKind.SUBCONTRACTS, RECRUITER_B),
    ("Medical centre M (Yangon)", LinkKind.SERVES, RECRUITER_A),
    ("Training centre T (Phnom Penh)", LinkKind.SERVES, RECRUITER_B),
    ("Border transport V (Mae Sot)", LinkKind.SERVES, AGENCY),
    ("Dormitory operator H (Samut Sakhon)", LinkKind.SERVES, PROCESSOR),
    ("Overseas employment office (origin, Myanmar)", LinkKind.SERVES, RECRUITER_A),
    ("Provincial employment office (destination)", LinkKind.SERVES, PROCESSOR),
]

# nationality, gender, age band, contract, employment, recruiter, years ago, count
PLANT_ROWS = [
    ("MM", "woman", "18_24", ContractType.PERMANENT, Employment.DIRECT, RECRUITER_A, 1, 64),
    ("MM", "woman", "25_34", ContractType.PERMANENT, Employment.DIRECT, RECRUITER_A, 2, 88),
    ("MM", "man", "18_24", ContractType.PERMANENT, Employment.DIRECT, RECRUITER_A, 1, 41),
    ("MM", "man", "25_34", ContractType.FIXED_TERM, Employment.DIRECT, RECRUITER_A, 3, 57),
    ("KH", "woman", "25_34", ContractType.PERMANENT, Employment.DIRECT, RECRUITER_B, 1, 52),
    ("KH", "man", "25_34", ContractType.SEASONAL, Employment.DIRECT, RECRUITER_B, 0, 38),
    ("KH", "woman", "35_44", ContractType.PERMANENT, Employment.DIRECT, RECRUITER_B, 4, 19),
    ("MM", "woman", "35_44", ContractType.DAILY, Employment.SUBCONTRACTED, "", 2, 23),
]
PEELING_ROWS = [
    ("MM", "woman", "18_24", ContractType.DAILY, Employment.SUBCONTRACTED, "", 1, 34),
    ("KH", "woman", "25_34", ContractType.DAILY, Employment.SUBCONTRACTED, "", 1, 26),
]

RISKS: list[dict[str, Any]] = [
    {
        "catalogue_id": "b_rd_worker_paid_fees",
        "corridor": "MM",
        "gender": "woman",
        "age_band": "18_24",
        "priority": Priority.HIGH,
        "description": "Subagents in Magway reportedly charge young women for placement and lend at high interest.",
        "sources": [("Regional NGO report on recruitment fees in the Myanmar–Thailand corridor (fictional)", "")],
    },
    {
        "catalogue_id": "b_rd_unlicensed_recruiters",
        "corridor": "MM",
        "priority": Priority.HIGH,
        "description": "Subagent A1 works without a licence; Subagent A2's status is unknown.",
        "sources": [("Recruiter A's list of subagents, shared at the scoping meeting", "")],
    },
    {
        "catalogue_id": "b_rd_documents_withheld",
        "corridor": "KH",
        "priority": Priority.MEDIUM,
        "sources": [
            ("Media review, seafood sector, destination country (fictional)", "https://example.org/media-review")
        ],
    },
    {
        "catalogue_id": "b_em_bad_housing",
        "priority": Priority.MEDIUM,
        "group_note": "Workers housed by the dormitory operator",
        "sources": [],
    },
    {
        "title": "Overtime peaks in the export season push hours past the legal limit",
        "stage": RiskStage.EMPLOYMENT,
        "priority": Priority.MEDIUM,
        "description": "The assessor's own risk, from the buyer's previous social audits.",
        "sources": [("Previous social audit summaries (2023, 2024)", "")],
    },
]


@transaction.atomic
def seed_demo_supplychain(engagement: Engagement, users: dict[str, Any]) -> None:
    """Fill the demo engagement's phase 2 once: the map, two sites' workforce, risks, the plan."""
    if Actor.objects.filter(engagement=engagement).exists():
        return
    lead = users.get("lead@demo.example") or next(iter(users.values()), None)
    actors = {}
    for name, kind, service, country, place, route, licence, workers in ACTORS:
        actors[name] = services.actor_create(
            actor=lead,
            engagement=engagement,
            name=name,
            actor_type=kind,
            service_kind=service,
            country=country,
            location=place,
            location_role=route,
            licence_status=licence,
            migrant_workers=workers,
        )
    for source, kind, target in LINKS:
        services.link_create(actor=lead, engagement=engagement, source=actors[source], target=actors[target], kind=kind)
    _workforce(engagement, lead, actors)
    _risks(engagement, lead)
    _plan(engagement, lead, actors)


def _workforce(engagement: Engagement, lead: Any, actors: dict[str, Actor]) -> None:
    year = timezone.localdate().year
    for site_name, employer, rows in (
        ("Processing plant 1", PROCESSOR, PLANT_ROWS),
        ("Peeling shed 2", PEELING, PEELING_ROWS),
    ):
        site = services.site_create(
            actor=lead, engagement=engagement, employer=actors[employer], name=site_name, location="Samut Sakhon"
        )
        for nationality, gender, age, contract, employment, recruiter, years_ago, count in rows:
            services.workforce_row_add(
                actor=lead,
                site=site,
                nationality=nationality,
                gender=gender,
                age_band=age,
                contract_type=contract,
                employment=employment,
                recruiter=actors[recruiter] if recruiter else None,
                recruitment_year=year - years_ago,
                count=count,
            )


def _risks(engagement: Engagement, lead: Any) -> None:
    corridors = {c.origin.code: c for c in engagement.corridors.all()}
    for spec in RISKS:
        spec = dict(spec)
        sources = spec.pop("sources")
        origin = spec.pop("corridor", None)
        risk = services.risk_create(
            actor=lead, engagement=engagement, corridor=corridors.get(origin) if origin else None, **spec
        )
        for text, url in sources:
            services.risk_source_add(actor=lead, risk=risk, text=text, url=url)


def _plan(engagement: Engagement, lead: Any, actors: dict[str, Actor]) -> None:
    services.plan_save(
        actor=lead,
        engagement=engagement,
        short_term_objectives="Know every recruiter and subagent in both corridors, and which of them recruit "
        "fairly (no worker-paid fees, licensed, contracts before departure).",
        long_term_objectives="Assess the processor, its contractors and every recruiter in the chain every two "
        "years as part of human rights due diligence, and map the whole supply chain, including the peeling "
        "contractors.",
        scope_refinement="Narrowed to the Samut Sakhon plant and its peeling contractor; both corridors; "
        "subagents in Magway and Prey Veng included because of the fee and licence risks.",
        criteria=[Criterion.MANY_MIGRANTS, Criterion.MANY_RECRUITERS, Criterion.NO_VISIBILITY],
        custom_criteria=["Workers housed by a third-party dormitory operator"],
        assessment_mode=AssessmentMode.ON_SITE,
        delivery=Delivery.PARTNERS,
        partners="A migrant workers' rights organisation in Samut Sakhon (fictional)",
        sites_planned=2,
        team_size=5,
        staff_days=40,
        budget_amount=Decimal("38000"),
        budget_currency="USD",
        interviewer_languages="Burmese, Khmer, Thai",
    )
    for name, criteria, participation in (
        (PROCESSOR, [Criterion.MANY_MIGRANTS], Participation.AGREED),
        (RECRUITER_A, [Criterion.MANY_RECRUITERS, Criterion.HIGH_RISK_COUNTRIES], Participation.AGREED),
        (RECRUITER_B, [Criterion.HIGH_RISK_COUNTRIES], Participation.INVITED),
        (PEELING, [Criterion.NO_VISIBILITY], Participation.NOT_INVITED),
    ):
        services.enterprise_select(
            actor=lead,
            engagement=engagement,
            chain_actor=actors[name],
            criteria=criteria,
            reason="",
            participation=participation,
        )
