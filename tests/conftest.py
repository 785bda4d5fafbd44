"""Shared fixtures: a small world of two organisations and one named persona per role."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from engagements.models import Engagement
from engagements.services.engagements import corridor_add, engagement_create
from engagements.services.participants import participant_set
from tenancy.models import Organisation
from tenancy.roles import EngagementRole, OrgRole
from tenancy.services import membership_set, organisation_create
from tests.factories import UserFactory

# The personas every security test speaks of, in the order the access matrix lists them.
PERSONAS = (
    "org_admin",
    "lead",
    "assessor",
    "interviewer",
    "business",
    "workerrep",
    "other_org",
    "anonymous",
)


@dataclass
class World:
    org: Organisation
    engagement: Engagement
    other_org: Organisation
    other_engagement: Engagement
    users: dict[str, Any] = field(default_factory=dict)

    def user(self, persona: str) -> Any:
        return self.users.get(persona)


def build_world() -> World:
    users = {
        "org_admin": UserFactory(email="org-admin@test.example", full_name="Org Admin"),
        "lead": UserFactory(email="lead@test.example", full_name="Lead Assessor"),
        "assessor": UserFactory(email="assessor@test.example", full_name="Assessor"),
        "interviewer": UserFactory(email="interviewer@test.example", full_name="Interviewer"),
        "business": UserFactory(email="business@test.example", full_name="Business Reviewer"),
        "workerrep": UserFactory(email="workerrep@test.example", full_name="Worker Rep"),
        "other_org": UserFactory(email="other@test.example", full_name="Other Org Lead"),
    }
    owner = UserFactory(email="owner@test.example", full_name="Org Owner")
    org = organisation_create(actor=owner, name="Organisation A", owner=owner)
    membership_set(actor=owner, organisation=org, user=users["org_admin"], role=OrgRole.ADMIN)
    for persona in ("lead", "assessor", "interviewer"):
        membership_set(actor=owner, organisation=org, user=users[persona], role=OrgRole.MEMBER)
    engagement = engagement_create(actor=owner, organisation=org, title="Engagement A", sector="Seafood")
    corridor_add(actor=owner, engagement=engagement, origin="MM", destination="TH")
    roles = {
        "lead": EngagementRole.LEAD_ASSESSOR,
        "assessor": EngagementRole.ASSESSOR,
        "interviewer": EngagementRole.INTERVIEWER,
        "business": EngagementRole.BUSINESS_REVIEWER,
        "workerrep": EngagementRole.WORKER_REPRESENTATIVE,
    }
    for persona, role in roles.items():
        participant_set(actor=owner, engagement=engagement, user=users[persona], role=role)

    other = users["other_org"]
    other_org = organisation_create(actor=other, name="Organisation B", owner=other)
    other_engagement = engagement_create(actor=other, organisation=other_org, title="Engagement B")
    participant_set(actor=other, engagement=other_engagement, user=other, role=EngagementRole.LEAD_ASSESSOR)
    return World(org=org, engagement=engagement, other_org=other_org, other_engagement=other_engagement, users=users)


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def client_for(client: Any, world: World) -> Any:
    """A test client signed in as the persona (or anonymous)."""

    def _client(persona: str) -> Any:
        client.logout()
        user = world.user(persona)
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _client
