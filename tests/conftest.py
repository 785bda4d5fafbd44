"""Shared fixtures: a small world of two organisations and one named persona per role."""

from __future__ import annotations

import time
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


def confirmed_totp_device(user: Any) -> Any:
    """The user's confirmed authenticator-app device, made if there is none."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)


def totp_code(device: Any) -> str:
    """A code the device accepts now, as an authenticator app would show it.

    A code is good once: if this time step's code was already used, the next step's
    (still within the one-step tolerance) is given instead.
    """
    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step * (device.last_t + 1 - totp.t())
    return f"{totp.token():0{device.digits}d}"


def verify_session(client: Any, user: Any) -> None:
    """Mark the client's (signed-in) session as having passed two-factor sign-in."""
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = confirmed_totp_device(user).persistent_id
    session.save()


@pytest.fixture
def client_for(client: Any, world: World) -> Any:
    """A test client signed in as the persona (or anonymous).

    Personas who can read interview data have an authenticator app and a session that
    already passed two-factor sign-in (tests/accounts/test_mfa.py covers that step).
    """
    from tenancy.access import reads_interview_data

    def _client(persona: str) -> Any:
        client.logout()
        user = world.user(persona)
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            if reads_interview_data(user):
                verify_session(client, user)
        return client

    return _client
