"""Security headers on a signed-in page, the sign-in page and the public page; production settings pass
``manage.py check --deploy``.

Login throttling (django-axes) is proved in tests/accounts/test_sessions_and_login.py
(test_login_works_and_is_throttled_after_repeated_failures) and the second factor's own throttle in
tests/accounts/test_mfa.py; they are not repeated here.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.conftest import World
from tests.security.matrix import collect
from tests.security.test_access_matrix import _prepare

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
ROWS, _ = collect()


def _csp(response: Any) -> dict[str, list[str]]:
    policy = response.get("Content-Security-Policy", "")
    directives = [d.split() for d in policy.split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


def assert_hardened(response: Any) -> None:
    csp = _csp(response)
    assert csp, "no Content-Security-Policy"
    values = [v for sources in csp.values() for v in sources]
    assert "'unsafe-inline'" not in values and "'unsafe-eval'" not in values, csp
    for directive in ("script-src", "style-src", "object-src", "base-uri", "form-action"):
        assert directive in csp or "default-src" in csp, directive
    assert csp["script-src"] == ["'self'"], csp["script-src"]
    assert csp["object-src"] == ["'none'"]
    # Framing refused twice over: the CSP for modern browsers, X-Frame-Options for old ones.
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_a_signed_in_page_sends_the_security_headers(world: World, client_for: Any) -> None:
    response = client_for("lead").get(reverse("engagements:detail", args=[world.engagement.pk]))
    assert response.status_code == 200
    assert_hardened(response)
    # The page itself holds no inline script or style the policy would have to allow.
    html = response.content.decode()
    assert "<script>" not in html and " style=" not in html and " onclick=" not in html


def test_the_sign_in_page_sends_the_security_headers(client: Any) -> None:
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert_hardened(response)


def test_the_public_page_sends_the_security_headers(world: World, client: Any) -> None:
    _prepare(world, "public:disclosure")
    response = client.get(reverse("public:disclosure", kwargs=ROWS["public:disclosure"].kwargs(world)))
    assert response.status_code == 200
    assert_hardened(response)


def _production_env() -> dict[str, str]:
    """Production settings with throwaway secrets, as `make check-deploy` sets them."""
    env = {k: v for k, v in os.environ.items() if not k.endswith("_FILE") and k != "DJANGO_SETTINGS_MODULE"}
    # DJANGO_ALLOW_ASYNC_UNSAFE: set in this test process by the browser tests' live server, never in production.
    for unset in (
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        env.pop(unset, None)
    key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    env.update(
        DEBUG="false",
        VAULT_MASTER_KEYS=f"ci:{key}",
        ALLOWED_HOSTS="example.org",
        DJANGO_SETTINGS_MODULE="mapping_platform.settings",
        SECRET_KEY=secrets.token_urlsafe(64),
    )
    return env


def test_manage_py_check_deploy_is_clean_under_production_settings() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRODUCTION_NAMES = (
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
)


def test_production_settings_send_hsts_over_https(world: World, client_for: Any) -> None:
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {PRODUCTION_NAMES!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=BASE_DIR, env=_production_env(), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    production = json.loads(result.stdout.strip().splitlines()[-1])
    assert production["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert all(production[name] is True for name in PRODUCTION_NAMES[1:]), production
    client = client_for("lead")
    with override_settings(**production):
        response = client.get(reverse("engagements:detail", args=[world.engagement.pk]), secure=True)
        plain = client.get(reverse("engagements:detail", args=[world.engagement.pk]))
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert_hardened(response)
    # Over plain HTTP production redirects to HTTPS rather than serving the page.
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
