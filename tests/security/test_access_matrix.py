"""Every URL of the project x every persona x method, with the answer each must get.

The rows live in tests/security/matrix/, one module per part of the product.

Expectations:
  200 / 403 / 404 / 405   that status code
  "ok"                    a success: 200, or a redirect that is not to a sign-in page
  "login"                 a redirect to the sign-in page (anonymous)
  "admin_login"           a redirect to the Django admin's sign-in page
A URL pattern without a row here fails ``test_every_url_pattern_has_a_row``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import PERSONAS, World
from tests.security.matrix import collect

ROWS, PREPARES = collect()


def _prepare(world: World, url_name: str | None = None) -> None:
    """What the URL's row points at (every module's, when no URL is named)."""
    chosen = PREPARES[url_name] if url_name else [p for ps in PREPARES.values() for p in ps]
    for prepare in dict.fromkeys(chosen):
        prepare(world)


# The Django admin is for platform staff only: no persona is staff.
ADMIN_URLS = [
    "admin:index",
    "admin:accounts_user_changelist",
    "admin:audit_auditentry_changelist",
    "admin:otp_totp_totpdevice_changelist",
]


def _all_url_names(patterns: list[Any] | None = None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _all_url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            names.add(f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed {pattern.pattern}>")
    return names


def test_every_url_pattern_has_a_row() -> None:
    names = {name for name in _all_url_names() if not name.startswith("admin:")}
    missing = sorted(names - set(ROWS))
    stale = sorted(set(ROWS) - names)
    assert not missing, f"URL patterns without an access-matrix row: {missing}"
    assert not stale, f"Rows for URL patterns that no longer exist: {stale}"


def _judge(response: Any, expected: Any) -> bool:
    location = response.get("Location", "")
    if expected == "ok":
        return response.status_code == 200 or (
            response.status_code == 302 and "/accounts/login/" not in location and "/admin/login/" not in location
        )
    if expected == "login":
        return response.status_code == 302 and location.startswith(reverse("accounts:login"))
    if expected == "admin_login":
        return response.status_code == 302 and "/admin/login/" in location
    return response.status_code == expected


@pytest.mark.parametrize("url_name", sorted(ROWS))
def test_access_matrix(url_name: str, world: World, client_for: Any) -> None:
    _prepare(world, url_name)
    row = ROWS[url_name]
    url = reverse(url_name, kwargs=row.kwargs(world))
    failures = []
    for method, table in row.methods.items():
        for persona in PERSONAS:
            client = client_for(persona)
            headers = {"HTTP_HX_REQUEST": "true"} if row.htmx else {}
            # Each request runs in a savepoint that is rolled back, so no persona sees another's change.
            with transaction.atomic():
                if method == "GET":
                    response = client.get(url, **headers)
                elif method == "PUT":
                    response = client.put(url, json.dumps(row.data(world)), content_type="application/json")
                else:
                    response = client.post(url, row.data(world), **headers)
                transaction.set_rollback(True)
            expected = table[persona]
            if not _judge(response, expected):
                failures.append(
                    f"{method} {url_name} as {persona}: expected {expected}, got {response.status_code} "
                    f"{response.get('Location', '')}"
                )
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("url_name", ADMIN_URLS)
def test_admin_is_closed_to_every_persona(url_name: str, world: World, client_for: Any) -> None:
    url = reverse(url_name)
    for persona in PERSONAS:
        response = client_for(persona).get(url)
        assert _judge(response, "admin_login"), f"{url_name} as {persona}: {response.status_code}"


def test_post_only_urls_refuse_get(world: World, client_for: Any) -> None:
    _prepare(world)
    client = client_for("lead")
    for url_name, row in ROWS.items():
        if "GET" in row.methods:
            continue
        response = client.get(reverse(url_name, kwargs=row.kwargs(world)))
        assert response.status_code == 405, f"GET {url_name}: {response.status_code}"


def test_the_assessment_team_never_speaks_or_approves_for_the_outside_parties() -> None:
    from tenancy.roles import ASSESSMENT_TEAM_ROLES, Capability, capabilities_for_role

    for role in ASSESSMENT_TEAM_ROLES:
        held = capabilities_for_role(role)
        assert Capability.RESPOND_FOR_BUSINESS not in held, role
        assert Capability.APPROVE_DISCLOSURE not in held, role
