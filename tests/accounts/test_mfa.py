"""Two-factor sign-in: required of everyone who can read interview data, and only of them."""

from __future__ import annotations

import base64
import re
import time
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEntry
from tests.conftest import World, confirmed_totp_device, totp_code
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:mfa_setup")
VERIFY = reverse("accounts:mfa_verify")
DASHBOARD = reverse("engagements:dashboard")


def _password_login(world: World, persona: str) -> Client:
    """A fresh client (a new session) signed in with the password only, through the real form."""
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": world.user(persona).email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302 and not response["Location"].startswith(reverse("accounts:login"))
    return client


def _wrong_code(device: TOTPDevice) -> str:
    """A six-digit code the device does not accept now (none of the steps within tolerance)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    now = time.time()
    valid = set()
    for offset in range(-device.tolerance - 1, device.tolerance + 2):
        totp.time = now + offset * device.step
        valid.add(totp.token())
    return f"{next(n for n in range(123456, 10**6) if n not in valid):06d}"


def _enrol(world: World, persona: str) -> TOTPDevice:
    client = _password_login(world, persona)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=world.user(persona))
    response = client.post(SETUP, {"code": totp_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def _query(location: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(location).query)


def test_lead_is_sent_to_setup_then_reaches_the_dashboard_after_confirming_a_code(world: World) -> None:
    lead = world.user("lead")
    client = _password_login(world, "lead")

    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)
    assert _query(response["Location"])["next"] == [DASHBOARD]

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    device = TOTPDevice.objects.get(user=lead)
    assert not device.confirmed
    html = page.content.decode()
    # The secret for typing in, and a QR code of the provisioning URI as an SVG image without style attributes.
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html
    data_uri = re.search(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', html)
    assert data_uri is not None
    svg = base64.b64decode(data_uri.group(1)).decode()
    assert svg.startswith("<svg") and "style" not in svg and "<script" not in svg
    # Reloading shows the same device, not a new one.
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=lead).count() == 1

    response = client.post(SETUP, {"code": totp_code(device), "next": DASHBOARD})
    assert response.status_code == 302 and response["Location"] == DASHBOARD
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(DASHBOARD).status_code == 200

    entry = AuditEntry.objects.get(verb="mfa.enrolled")
    assert entry.actor == lead and entry.target_id == str(lead.pk)
    assert secret not in str(entry.detail) and device.key not in str(entry.detail)
    # Enrolled and verified: setup only says so, and makes no second device.
    assert "is set up for your account" in client.get(SETUP).content.decode()
    assert TOTPDevice.objects.filter(user=lead).count() == 1


def test_a_new_session_must_verify_and_lands_where_it_was_going(world: World) -> None:
    device = _enrol(world, "lead")
    client = _password_login(world, "lead")
    detail = reverse("engagements:detail", args=[world.engagement.pk])

    response = client.get(detail)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert _query(response["Location"])["next"] == [detail]
    # Setup cannot be used to get round the code with a second device.
    assert client.get(SETUP)["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=world.user("lead")).count() == 1

    assert client.get(response["Location"]).status_code == 200
    response = client.post(VERIFY, {"code": totp_code(device), "next": detail})
    assert response.status_code == 302 and response["Location"] == detail
    assert client.get(detail).status_code == 200
    assert client.get(DASHBOARD).status_code == 200


def test_a_wrong_code_is_refused_audited_and_then_throttled(world: World) -> None:
    lead = world.user("lead")
    device = _enrol(world, "lead")
    client = _password_login(world, "lead")

    wrong = _wrong_code(device)
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert wrong not in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(DASHBOARD)["Location"].startswith(VERIFY)
    failed = AuditEntry.objects.get(verb="mfa.failed")
    assert failed.actor == lead and failed.detail == {"stage": "verify", "reason": "wrong_code"}
    assert wrong not in str(failed.detail)

    # Straight after a failure even the right code is held back, and says so.
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    response = client.post(VERIFY, {"code": totp_code(device)})
    assert response.status_code == 200
    assert "Too many wrong codes" in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert AuditEntry.objects.filter(verb="mfa.failed", detail__reason="throttled").count() == 1

    # Once the pause is over, the right code works.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=device.throttling_failure_timestamp - timedelta(minutes=5)
    )
    response = client.post(VERIFY, {"code": totp_code(device)})
    assert response.status_code == 302
    assert client.get(DASHBOARD).status_code == 200


def test_a_malformed_code_is_only_a_form_error(world: World) -> None:
    device = _enrol(world, "assessor")
    client = _password_login(world, "assessor")
    response = client.post(VERIFY, {"code": "12ab"})
    assert response.status_code == 200
    assert "Enter the six digits" in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 0
    assert not AuditEntry.objects.filter(verb="mfa.failed").exists()


def test_a_wrong_code_at_setup_leaves_the_device_unconfirmed(world: World) -> None:
    client = _password_login(world, "interviewer")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=world.user("interviewer"))
    response = client.post(SETUP, {"code": _wrong_code(device)})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(DASHBOARD)["Location"].startswith(SETUP)
    assert AuditEntry.objects.get(verb="mfa.failed").detail == {"stage": "setup", "reason": "wrong_code"}
    assert not AuditEntry.objects.filter(verb="mfa.enrolled").exists()


@pytest.mark.parametrize("persona", ["business", "workerrep", "org_admin"])
def test_people_who_cannot_read_interview_data_are_not_asked(persona: str, world: World) -> None:
    client = _password_login(world, persona)
    assert client.get(DASHBOARD).status_code == 200
    assert client.get(reverse("engagements:detail", args=[world.engagement.pk])).status_code == 200
    assert not TOTPDevice.objects.filter(user=world.user(persona)).exists()


def test_optional_enrolment_is_then_asked_for_at_each_sign_in(world: World) -> None:
    device = _enrol(world, "business")
    client = _password_login(world, "business")
    assert client.get(DASHBOARD)["Location"].startswith(VERIFY)
    assert client.post(VERIFY, {"code": totp_code(device)}).status_code == 302
    assert client.get(DASHBOARD).status_code == 200


def test_htmx_request_from_an_unverified_session_gets_hx_redirect(world: World) -> None:
    confirmed_totp_device(world.user("lead"))
    client = _password_login(world, "lead")
    phase = reverse("engagements:phase", args=[world.engagement.pk, 4])
    response = client.get(DASHBOARD, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=f"http://testserver{phase}")
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(VERIFY)
    assert _query(response["HX-Redirect"])["next"] == [phase]


def test_api_refuses_an_unverified_session(world: World) -> None:
    client = _password_login(world, "lead")
    response = client.get(reverse("api:engagement-list"))
    assert response.status_code == 403
    assert "Two-factor" in response.json()["detail"]


def test_an_unverified_session_may_still_sign_out_reset_its_password_and_be_health_checked(world: World) -> None:
    client = _password_login(world, "lead")
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("accounts:password_reset")).status_code == 200
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_next_must_stay_on_this_site(world: World) -> None:
    device = _enrol(world, "lead")
    client = _password_login(world, "lead")
    response = client.post(VERIFY, {"code": totp_code(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == DASHBOARD


def test_a_verified_session_is_not_asked_again(world: World, client_for: Any) -> None:
    client = client_for("lead")
    assert client.get(DASHBOARD).status_code == 200
    response = client.get(VERIFY)
    assert response.status_code == 302 and response["Location"] == DASHBOARD
