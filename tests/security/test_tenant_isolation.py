"""A user of organisation B can neither read, change, list nor learn of anything of organisation A."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from engagements.models import ChecklistItem, Engagement, Participant
from tests.conftest import World


def _a_targets(world: World) -> list[tuple[str, str, dict[str, Any]]]:
    e = world.engagement
    item = ChecklistItem.objects.filter(engagement=e).first()
    participant = Participant.objects.filter(engagement=e).first()
    corridor = e.corridors.first()
    membership = world.org.memberships.first()
    return [
        ("GET", reverse("engagements:detail", args=[e.pk]), {}),
        ("GET", reverse("engagements:edit", args=[e.pk]), {}),
        ("POST", reverse("engagements:edit", args=[e.pk]), {"title": "Taken over", "status": "active"}),
        ("GET", reverse("engagements:phase", args=[e.pk, 1]), {}),
        ("POST", reverse("engagements:item_status", args=[e.pk, item.pk]), {"status": "done"}),
        ("GET", reverse("engagements:item_edit", args=[e.pk, item.pk]), {}),
        ("POST", reverse("engagements:phase_close", args=[e.pk, 1]), {}),
        ("GET", reverse("engagements:participants", args=[e.pk]), {}),
        ("POST", reverse("engagements:participants", args=[e.pk]), {"email": "spy@test.example", "role": "assessor"}),
        ("POST", reverse("engagements:participant_remove", args=[e.pk, participant.pk]), {}),
        ("POST", reverse("engagements:corridor_remove", args=[e.pk, corridor.pk]), {}),
        ("GET", reverse("engagements:audit_log", args=[e.pk]), {}),
        ("GET", reverse("tenancy:organisation", args=[world.org.pk]), {}),
        ("POST", reverse("tenancy:membership_remove", args=[world.org.pk, membership.pk]), {}),
        ("GET", reverse("tenancy:engagement_new", args=[world.org.pk]), {}),
        ("GET", reverse("api:engagement-detail", args=[e.pk]), {}),
    ]


def _snapshot(world: World) -> dict[str, Any]:
    e = Engagement.objects.get(pk=world.engagement.pk)
    return {
        "title": e.title,
        "done": ChecklistItem.objects.filter(engagement=e, status="done").count(),
        "participants": Participant.objects.filter(engagement=e).count(),
        "corridors": e.corridors.count(),
        "members": world.org.memberships.count(),
        "audit": AuditEntry.objects.filter(organisation=world.org).count(),
    }


@pytest.mark.django_db
def test_other_tenant_gets_404_on_everything_of_organisation_a(world: World, client_for: Any) -> None:
    client = client_for("other_org")
    before = _snapshot(world)
    for method, url, data in _a_targets(world):
        response = client.get(url) if method == "GET" else client.post(url, data)
        assert response.status_code == 404, f"{method} {url}: {response.status_code}"
        assert world.engagement.title not in response.content.decode()
    assert _snapshot(world) == before


@pytest.mark.django_db
def test_404_for_other_tenant_is_identical_to_404_for_an_id_that_does_not_exist(world: World, client_for: Any) -> None:
    client = client_for("other_org")
    real = client.get(reverse("engagements:detail", args=[world.engagement.pk]))
    made_up = client.get(reverse("engagements:detail", args=["00000000-0000-4000-8000-000000000000"]))
    assert real.status_code == made_up.status_code == 404

    def main(response: Any) -> str:  # the page less its per-request CSRF token
        return re.sub(r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', "", response.content.decode())

    assert main(real) == main(made_up)


@pytest.mark.django_db
def test_other_tenant_lists_show_only_their_own(world: World, client_for: Any) -> None:
    client = client_for("other_org")
    dashboard = client.get(reverse("engagements:dashboard")).content.decode()
    assert world.other_engagement.title in dashboard
    assert world.engagement.title not in dashboard
    api = client.get(reverse("api:engagement-list")).json()
    assert [row["id"] for row in api["results"]] == [str(world.other_engagement.pk)]


@pytest.mark.django_db
def test_invited_outsider_sees_their_engagement_and_nothing_else_of_the_organisation(
    world: World, client_for: Any
) -> None:
    from engagements.services.engagements import engagement_create

    second = engagement_create(actor=world.user("org_admin"), organisation=world.org, title="Second engagement of A")
    client = client_for("business")
    dashboard = client.get(reverse("engagements:dashboard")).content.decode()
    assert world.engagement.title in dashboard
    assert second.title not in dashboard
    assert client.get(reverse("engagements:detail", args=[second.pk])).status_code == 404
    assert client.get(reverse("tenancy:organisation", args=[world.org.pk])).status_code == 404
    ids = [row["id"] for row in client.get(reverse("api:engagement-list")).json()["results"]]
    assert ids == [str(world.engagement.pk)]


@pytest.mark.django_db
def test_member_of_the_organisation_gets_403_not_404_on_an_engagement_they_are_not_in(
    world: World, client_for: Any
) -> None:
    from engagements.services.engagements import engagement_create

    second = engagement_create(actor=world.user("org_admin"), organisation=world.org, title="Second engagement of A")
    response = client_for("interviewer").get(reverse("engagements:detail", args=[second.pk]))
    assert response.status_code == 403


@pytest.mark.django_db
def test_a_django_superuser_gets_no_silent_access_to_tenant_data(world: World, client: Any) -> None:
    from tests.factories import UserFactory

    root = UserFactory(email="root@test.example", is_superuser=True, is_staff=True)
    client.force_login(root, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("engagements:detail", args=[world.engagement.pk])).status_code == 404
    assert world.engagement.title not in client.get(reverse("engagements:dashboard")).content.decode()
