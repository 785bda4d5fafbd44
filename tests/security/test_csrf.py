"""Every state-changing request without a CSRF token is refused, as the very persona allowed to make it.

The rows come from the access matrix (tests/security/matrix): each POST and PUT row is sent, by a persona
the matrix says succeeds, through a client that enforces CSRF checks as a browser session would. The
sync API (PUT) authenticates with the session too (DRF SessionAuthentication), so it must demand the
token as well; a tablet sends it in ``X-CSRFToken``. A control request with the token proves the
refusal is the CSRF check and not the access layer.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.crypto import get_random_string

from accounts.models import User
from tests.conftest import PERSONAS, World, verify_session
from tests.security.matrix import collect
from tests.security.test_access_matrix import _prepare

pytestmark = pytest.mark.django_db

ROWS, PREPARES = collect()
STATE_CHANGING = ("POST", "PUT")


def _allowed_persona(table: dict[str, Any]) -> str | None:
    """A signed-in persona for whom the row succeeds (the lead first: it can do most)."""
    order = ("lead", "org_admin", "assessor", "interviewer", "business", "workerrep", "other_org")
    return next((p for p in order if table.get(p) in ("ok", 200, 201)), None)


def _csrf_client(user: User) -> Client:
    from tenancy.access import reads_interview_data

    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    if reads_interview_data(user):
        verify_session(client, user)
    return client


def _send(client: Client, method: str, url: str, data: dict[str, Any], htmx: bool, **extra: Any) -> Any:
    with transaction.atomic():
        if method == "PUT":
            response = client.put(url, json.dumps(data), content_type="application/json", **extra)
        else:
            headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
            response = client.post(url, data, **headers, **extra)
        transaction.set_rollback(True)
    return response


def _is_csrf_refusal(response: Any) -> bool:
    body = response.content
    return response.status_code == 403 and (b"CSRF verification failed" in body or b"CSRF Failed" in body)


def test_the_matrix_has_state_changing_rows_for_every_part() -> None:
    rows = [name for name, row in ROWS.items() if set(row.methods) & set(STATE_CHANGING)]
    # Guards the test below against silently covering nothing.
    assert len(rows) > 50
    assert "fieldwork:record_sync" in rows


def test_every_state_changing_url_refuses_a_request_without_a_csrf_token(world: World) -> None:
    # Signed in before any savepoint: a session saved inside one would vanish with its rollback.
    clients = {persona: _csrf_client(world.user(persona)) for persona in PERSONAS if world.user(persona)}
    # Rows sharing a preparation run together; a refused request changes nothing, so they cannot interfere.
    groups: dict[tuple[Any, ...], list[str]] = {}
    for url_name in sorted(ROWS):
        groups.setdefault(tuple(PREPARES[url_name]), []).append(url_name)
    accepted, checked = [], 0
    for url_names in groups.values():
        # The group's preparation is rolled back after: different modules' objects clash.
        with transaction.atomic():
            _prepare(world, url_names[0])
            for url_name in url_names:
                row = ROWS[url_name]
                for method in STATE_CHANGING:
                    table = row.methods.get(method)
                    persona = _allowed_persona(table) if table else None
                    if persona is None:
                        continue
                    url = reverse(url_name, kwargs=row.kwargs(world))
                    response = _send(clients[persona], method, url, row.data(world), row.htmx)
                    checked += 1
                    if not _is_csrf_refusal(response):
                        accepted.append(f"{method} {url_name} as {persona}: {response.status_code}")
            transaction.set_rollback(True)
    assert checked > 50
    assert not accepted, "not refused for want of a CSRF token:\n" + "\n".join(accepted)


def test_the_sync_api_accepts_the_request_once_it_carries_the_token(world: World) -> None:
    """The control: the refusal above is the CSRF check, not the access layer or the payload."""
    _prepare(world, "fieldwork:record_sync")
    row = ROWS["fieldwork:record_sync"]
    client = _csrf_client(world.user("interviewer"))
    url = reverse("fieldwork:record_sync", kwargs=row.kwargs(world))
    assert _is_csrf_refusal(_send(client, "PUT", url, row.data(world), False))
    token = get_random_string(32)
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    response = _send(client, "PUT", url, row.data(world), False, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201, response.content
