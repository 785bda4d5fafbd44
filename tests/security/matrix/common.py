"""Shared vocabulary of the access matrix: expectations, rows, and kwargs for the world's objects.

Expectations:
  200 / 403 / 404 / 405   that status code
  "ok"                    a success: 200, or a redirect that is not to a sign-in page
  "login"                 a redirect to the sign-in page (anonymous)
  "admin_login"           a redirect to the Django admin's sign-in page
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from engagements.models import ChecklistItem, Invitation, Participant
from engagements.services.participants import invitation_token
from tenancy.models import Membership
from tests.conftest import PERSONAS, World
from vault.models import Respondent, Response

TEAM_AND_ADMIN = {"org_admin": "ok", "lead": "ok", "assessor": "ok", "interviewer": "ok"}
ALL_PARTICIPANTS = {**TEAM_AND_ADMIN, "business": "ok", "workerrep": "ok"}


def expect(default: Any, anonymous: Any = "login", other_org: Any = 404, **overrides: Any) -> dict[str, Any]:
    """Expected answer per persona: ``default`` for anyone not named."""
    table = {persona: default for persona in PERSONAS}
    table.update(anonymous=anonymous, other_org=other_org, **overrides)
    return table


def engagement_rule(*allowed: str) -> dict[str, Any]:
    """Inside the engagement: the named personas succeed, other participants get 403."""
    return expect(403, **dict.fromkeys(allowed, "ok"))


def org_admin_rule() -> dict[str, Any]:
    """Organisation administration: admins succeed; plain members 403; outsiders never learn it exists."""
    return expect(403, org_admin="ok", business=404, workerrep=404)


@dataclass
class Row:
    methods: dict[str, dict[str, Any]]
    kwargs: Callable[[World], dict[str, Any]] = lambda w: {}
    data: Callable[[World], dict[str, Any]] = lambda w: {}
    htmx: bool = False


def e_kw(w: World) -> dict[str, Any]:
    return {"engagement_id": w.engagement.pk}


def item_kw(w: World) -> dict[str, Any]:
    item = ChecklistItem.objects.filter(engagement=w.engagement, phase__number=4).order_by("position").first()
    return {**e_kw(w), "item_id": item.pk}


def participant_kw(w: World) -> dict[str, Any]:
    participant = Participant.objects.get(engagement=w.engagement, user=w.user("interviewer"))
    return {**e_kw(w), "participant_id": participant.pk}


def corridor_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "corridor_id": w.engagement.corridors.first().pk}


def invitation_kw(w: World) -> dict[str, Any]:
    invitation = Invitation.objects.filter(engagement=w.engagement).first()
    return {**e_kw(w), "invitation_id": invitation.pk}


def membership_kw(w: World) -> dict[str, Any]:
    membership = Membership.objects.get(organisation=w.org, user=w.user("assessor"))
    return {"organisation_id": w.org.pk, "membership_id": membership.pk}


def org_kw(w: World) -> dict[str, Any]:
    return {"organisation_id": w.org.pk}


def respondent_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "respondent_id": Respondent.objects.get(engagement=w.engagement).pk}


def response_kw(w: World) -> dict[str, Any]:
    response = Response.objects.get(engagement=w.engagement)
    return {**respondent_kw(w), "response_id": response.pk}


def token_kw(w: World) -> dict[str, Any]:
    return {"token": invitation_token(Invitation.objects.filter(engagement=w.engagement).first())}
