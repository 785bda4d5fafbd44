from __future__ import annotations

import time
from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import World
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def _age_session(client: Any, seconds: int) -> None:
    session = client.session
    session["last_seen"] = int(time.time()) - seconds
    session.save()


@pytest.mark.parametrize("persona", ["lead", "assessor", "interviewer"])
def test_sessions_that_can_read_interview_data_end_after_an_hour_idle(
    persona: str, world: World, client_for: Any
) -> None:
    client = client_for(persona)
    url = reverse("engagements:dashboard")
    assert client.get(url).status_code == 200
    _age_session(client, 59 * 60)
    assert client.get(url).status_code == 200
    _age_session(client, 61 * 60)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("persona", ["business", "workerrep", "org_admin"])
def test_other_sessions_outlive_an_hour_idle(persona: str, world: World, client_for: Any) -> None:
    client = client_for(persona)
    url = reverse("engagements:dashboard")
    client.get(url)
    _age_session(client, 61 * 60)
    assert client.get(url).status_code == 200
    _age_session(client, 9 * 60 * 60)
    assert client.get(url).status_code == 302


def test_htmx_request_after_timeout_is_sent_to_sign_in(world: World, client_for: Any) -> None:
    client = client_for("lead")
    client.get(reverse("engagements:dashboard"))
    _age_session(client, 2 * 60 * 60)
    response = client.get(reverse("engagements:dashboard"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))


def test_a_page_refreshing_itself_does_not_keep_an_idle_session_alive(world: World, client_for: Any) -> None:
    client = client_for("interviewer")
    url = reverse("engagements:dashboard")
    client.get(url)
    _age_session(client, 50 * 60)
    for _poll in range(3):  # the debrief polls while the tablet lies on a table
        assert client.get(url, HTTP_HX_REQUEST="true", HTTP_X_BACKGROUND_POLL="1").status_code == 200
    _age_session_by(client, 11 * 60)
    response = client.get(url, HTTP_HX_REQUEST="true", HTTP_X_BACKGROUND_POLL="1")
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))


def _age_session_by(client: Any, seconds: int) -> None:
    session = client.session
    session["last_seen"] = session["last_seen"] - seconds
    session.save()


def test_signing_out_tells_the_browser_to_drop_the_sites_storage(world: World, client_for: Any) -> None:
    # A tablet's encrypted field outbox, its key and the offline app's caches go with the session.
    client = client_for("interviewer")
    response = client.post(reverse("accounts:logout"))
    assert response["Clear-Site-Data"] == '"storage"'
    assert client.get(reverse("engagements:dashboard")).status_code == 302


def test_login_works_and_is_throttled_after_repeated_failures(world: World, client: Any) -> None:
    url = reverse("accounts:login")
    email = world.user("lead").email
    response = client.post(url, {"username": email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    client.logout()
    for _ in range(5):
        response = client.post(url, {"username": email, "password": "wrong-password"})
        assert response.status_code in (200, 429)
    response = client.post(url, {"username": email, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_and_does_not_reveal_unknown_addresses(world: World, client: Any) -> None:
    from django.core import mail

    url = reverse("accounts:password_reset")
    known = client.post(url, {"email": world.user("lead").email})
    unknown = client.post(url, {"email": "nobody@test.example"})
    assert known["Location"] == unknown["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body
