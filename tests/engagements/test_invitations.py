from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from engagements.models import Invitation, Participant
from engagements.services.participants import invitation_create, invitation_token
from tenancy.models import Membership
from tenancy.roles import EngagementRole, OrgRole
from tests.conftest import World, verify_session

pytestmark = pytest.mark.django_db


def _invite(
    world: World, email: str = "newcomer@test.example", role: str = EngagementRole.BUSINESS_REVIEWER
) -> Invitation:
    return invitation_create(
        actor=world.user("lead"),
        organisation=world.org,
        engagement=world.engagement,
        email=email,
        engagement_role=role,
    )


def _accept_as_newcomer(client: Any, invitation: Invitation) -> Any:
    url = reverse("accounts:invitation", args=[invitation_token(invitation)])
    return client.post(
        url, {"full_name": "New Comer", "password1": "long-enough-pass-42", "password2": "long-enough-pass-42"}
    )


def test_invitation_email_carries_a_working_link(
    world: World, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(world)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["newcomer@test.example"]
    link = re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200
    assert response.context["invitation"] == invitation


def test_accepting_lands_the_user_in_exactly_one_engagement_with_exactly_the_invited_role(
    world: World, client: Any
) -> None:
    invitation = _invite(world)
    response = _accept_as_newcomer(client, invitation)
    assert response.status_code == 302
    assert response["Location"] == reverse("engagements:detail", args=[world.engagement.pk])
    participations = Participant.objects.filter(user__email="newcomer@test.example")
    assert [(p.engagement_id, p.role) for p in participations] == [
        (world.engagement.pk, EngagementRole.BUSINESS_REVIEWER)
    ]
    # An outsider joins the engagement, not the organisation.
    assert not Membership.objects.filter(user__email="newcomer@test.example").exists()
    dashboard = client.get(reverse("engagements:dashboard")).content.decode()
    assert world.engagement.title in dashboard
    assert AuditEntry.objects.filter(verb="invitation.accepted", engagement=world.engagement).exists()


def test_a_used_link_is_refused_with_a_clear_message(world: World, client: Any) -> None:
    invitation = _invite(world)
    _accept_as_newcomer(client, invitation)
    client.logout()
    response = _accept_as_newcomer(client, invitation)
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert Participant.objects.filter(user__email="newcomer@test.example").count() == 1


def test_an_expired_link_is_refused_with_a_clear_message_and_changes_nothing(world: World, client: Any) -> None:
    invitation = _invite(world)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = _accept_as_newcomer(client, invitation)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not Participant.objects.filter(user__email="newcomer@test.example").exists()


def test_links_expire_after_seven_days(world: World) -> None:
    invitation = _invite(world)
    assert timedelta(days=6, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=7)


def test_a_forged_or_withdrawn_link_is_refused(world: World, client: Any) -> None:
    assert client.get(reverse("accounts:invitation", args=["not-a-real-token"])).status_code == 404
    invitation = _invite(world)
    client.force_login(world.user("lead"), backend="django.contrib.auth.backends.ModelBackend")
    verify_session(client, world.user("lead"))  # past two-factor sign-in (tests/accounts/test_mfa.py)
    client.post(reverse("engagements:invitation_revoke", args=[world.engagement.pk, invitation.pk]))
    client.logout()
    response = _accept_as_newcomer(client, invitation)
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()


def test_an_existing_account_must_sign_in_with_the_invited_address(world: World, client: Any) -> None:
    invitation = _invite(world, email=world.user("assessor").email, role=EngagementRole.LEAD_ASSESSOR)
    client.force_login(world.user("interviewer"), backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("accounts:invitation", args=[invitation_token(invitation)])
    response = client.post(url, follow=True)
    assert "sent to another email address" in response.content.decode() or "was sent to" in response.content.decode()
    assert (
        Participant.objects.get(engagement=world.engagement, user=world.user("assessor")).role
        == EngagementRole.ASSESSOR
    )
    client.force_login(world.user("assessor"), backend="django.contrib.auth.backends.ModelBackend")
    client.post(url)
    assert (
        Participant.objects.get(engagement=world.engagement, user=world.user("assessor")).role
        == EngagementRole.LEAD_ASSESSOR
    )


def test_an_invited_interviewer_becomes_a_member_of_the_organisation(world: World, client: Any) -> None:
    invitation = _invite(world, email="fieldworker@test.example", role=EngagementRole.INTERVIEWER)
    url = reverse("accounts:invitation", args=[invitation_token(invitation)])
    client.post(
        url, {"full_name": "Field Worker", "password1": "long-enough-pass-42", "password2": "long-enough-pass-42"}
    )
    assert Membership.objects.get(user__email="fieldworker@test.example").role == OrgRole.MEMBER


def test_a_weak_password_is_refused_and_nothing_is_created(world: World, client: Any) -> None:
    invitation = _invite(world)
    url = reverse("accounts:invitation", args=[invitation_token(invitation)])
    response = client.post(url, {"full_name": "New Comer", "password1": "123", "password2": "123"})
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert not Participant.objects.filter(user__email="newcomer@test.example").exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_organisation_invitation_makes_a_member_with_the_chosen_role(world: World, client: Any) -> None:
    invitation = invitation_create(
        actor=world.user("org_admin"), organisation=world.org, email="colleague@test.example", org_role=OrgRole.ADMIN
    )
    url = reverse("accounts:invitation", args=[invitation_token(invitation)])
    client.post(
        url, {"full_name": "A Colleague", "password1": "long-enough-pass-42", "password2": "long-enough-pass-42"}
    )
    assert Membership.objects.get(user__email="colleague@test.example", organisation=world.org).role == OrgRole.ADMIN
    assert not Participant.objects.filter(user__email="colleague@test.example").exists()
