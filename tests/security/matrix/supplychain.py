"""Rows for phase 2, the supply-chain map: the team and the org admins see it; the lead and assessors change it.

The assessed business and the worker representatives do not see the map (it names recruiters and
subagents under assessment, and their licence status).
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from engagements.supplychain import services
from engagements.supplychain.models import (
    Actor,
    ActorType,
    Link,
    LinkKind,
    Risk,
    RiskSource,
    SelectedEnterprise,
    Site,
    WorkforceRow,
)
from tests.conftest import World
from tests.security.matrix.common import Row, e_kw, engagement_rule

VIEW = engagement_rule("org_admin", "lead", "assessor", "interviewer")
EDIT = engagement_rule("lead", "assessor")

BUSINESS = "Matrix Business"
RECRUITER = "Matrix Recruiter"
SUBAGENT = "Matrix Subagent"


def _actor(w: World, name: str) -> Actor:
    return Actor.objects.get(engagement=w.engagement, name=name)


def actor_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "actor_id": _actor(w, SUBAGENT).pk}


def link_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "link_id": Link.objects.get(engagement=w.engagement, source__name=RECRUITER).pk}


def site_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "site_id": Site.objects.get(engagement=w.engagement).pk}


def row_kw(w: World) -> dict[str, Any]:
    return {**site_kw(w), "row_id": WorkforceRow.objects.get(engagement=w.engagement).pk}


def risk_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "risk_id": Risk.objects.get(engagement=w.engagement).pk}


def source_kw(w: World) -> dict[str, Any]:
    return {**risk_kw(w), "source_id": RiskSource.objects.get(engagement=w.engagement).pk}


def selection_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "selection_id": SelectedEnterprise.objects.get(engagement=w.engagement).pk}


def _upload(w: World) -> dict[str, Any]:
    content = f"nationality,gender,recruiter,count\nMM,Woman,{RECRUITER},12\nKH,Man,,4\n".encode()
    return {"file": SimpleUploadedFile("breakdown.csv", content, content_type="text/csv")}


ROWS: dict[str, Row] = {
    "supplychain:map": Row({"GET": VIEW}, kwargs=e_kw),
    "supplychain:map_svg": Row({"GET": VIEW}, kwargs=e_kw),
    "supplychain:actor_new": Row(
        {"GET": EDIT, "POST": EDIT},
        kwargs=e_kw,
        data=lambda w: {
            "name": "Matrix Clinic",
            "actor_type": ActorType.SERVICE_PROVIDER,
            "service_kind": "medical",
            "country": "MM",
            "licence_status": "licensed",
        },
    ),
    "supplychain:actor": Row(
        {"GET": VIEW, "POST": EDIT},
        kwargs=actor_kw,
        data=lambda w: {
            "name": SUBAGENT,
            "actor_type": ActorType.SUBAGENT,
            "country": "MM",
            "licence_status": "unlicensed",
        },
    ),
    "supplychain:actor_delete": Row({"POST": EDIT}, kwargs=actor_kw),
    "supplychain:link_new": Row(
        {"GET": EDIT, "POST": EDIT},
        kwargs=e_kw,
        data=lambda w: {
            "source": _actor(w, SUBAGENT).pk,
            "kind": LinkKind.SUBCONTRACTS,
            "target": _actor(w, RECRUITER).pk,
        },
    ),
    "supplychain:link_delete": Row({"POST": EDIT}, kwargs=link_kw),
    "supplychain:workforce": Row({"GET": VIEW}, kwargs=e_kw),
    "supplychain:workforce_template": Row({"GET": VIEW}, kwargs=e_kw),
    "supplychain:site_new": Row(
        {"POST": EDIT}, kwargs=e_kw, data=lambda w: {"name": "Matrix Site 2", "employer": _actor(w, BUSINESS).pk}
    ),
    "supplychain:site": Row({"GET": VIEW}, kwargs=site_kw),
    "supplychain:site_delete": Row({"POST": EDIT}, kwargs=site_kw),
    "supplychain:workforce_row_add": Row(
        {"POST": EDIT}, kwargs=site_kw, data=lambda w: {"nationality": "KH", "gender": "man", "count": "3"}
    ),
    "supplychain:workforce_row_delete": Row({"POST": EDIT}, kwargs=row_kw),
    "supplychain:workforce_import": Row({"POST": EDIT}, kwargs=site_kw, data=_upload),
    "supplychain:risks": Row({"GET": VIEW}, kwargs=e_kw),
    "supplychain:risk_new": Row(
        {"GET": EDIT, "POST": EDIT},
        kwargs=e_kw,
        data=lambda w: {"catalogue_id": "b_em_bad_housing", "priority": "high"},
    ),
    "supplychain:risk": Row(
        {"GET": VIEW, "POST": EDIT},
        kwargs=risk_kw,
        data=lambda w: {"catalogue_id": "b_rd_worker_paid_fees", "priority": "low"},
    ),
    "supplychain:risk_delete": Row({"POST": EDIT}, kwargs=risk_kw),
    "supplychain:risk_source_add": Row(
        {"POST": EDIT}, kwargs=risk_kw, data=lambda w: {"text": "Matrix report", "url": "https://example.org/m"}
    ),
    "supplychain:risk_source_delete": Row({"POST": EDIT}, kwargs=source_kw),
    "supplychain:plan": Row(
        {"GET": VIEW, "POST": EDIT},
        kwargs=e_kw,
        data=lambda w: {"short_term_objectives": "Know every recruiter", "criteria": ["many_migrant_workers"]},
    ),
    "supplychain:selection_add": Row(
        {"POST": EDIT}, kwargs=e_kw, data=lambda w: {"actor": _actor(w, RECRUITER).pk, "participation": "invited"}
    ),
    "supplychain:selection_participation": Row(
        {"POST": EDIT}, kwargs=selection_kw, data=lambda w: {"participation": "agreed"}
    ),
    "supplychain:selection_remove": Row({"POST": EDIT}, kwargs=selection_kw),
}


def prepare(world: World) -> None:
    """A business, a recruiter linked to it, a stray subagent, a site with one row, a risk with a source,
    and the business selected for assessment."""
    lead, engagement = world.user("lead"), world.engagement
    business = services.actor_create(
        actor=lead, engagement=engagement, name=BUSINESS, actor_type=ActorType.BUSINESS, country="TH"
    )
    recruiter = services.actor_create(
        actor=lead, engagement=engagement, name=RECRUITER, actor_type=ActorType.RECRUITER, country="MM"
    )
    services.actor_create(actor=lead, engagement=engagement, name=SUBAGENT, actor_type=ActorType.SUBAGENT, country="MM")
    services.link_create(
        actor=lead, engagement=engagement, source=recruiter, target=business, kind=LinkKind.RECRUITS_FOR
    )
    site = services.site_create(actor=lead, engagement=engagement, employer=business, name="Matrix Site")
    services.workforce_row_add(actor=lead, site=site, nationality="MM", count=10)
    risk = services.risk_create(actor=lead, engagement=engagement, catalogue_id="b_rd_unlicensed_recruiters")
    services.risk_source_add(actor=lead, risk=risk, text="Matrix source")
    services.enterprise_select(actor=lead, engagement=engagement, chain_actor=business, criteria=[])
