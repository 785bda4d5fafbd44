"""Every URL of the project x every persona x method, with the answer each must get.

Expectations:
  200 / 403 / 404 / 405   that status code
  "ok"                    a success: 200, or a redirect that is not to a sign-in page
  "login"                 a redirect to the sign-in page (anonymous)
  "admin_login"           a redirect to the Django admin's sign-in page
A URL pattern without a row here fails ``test_every_url_pattern_has_a_row``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from engagements.models import ChecklistItem, Invitation, Participant
from engagements.services.participants import invitation_create, invitation_token
from tenancy.models import Membership
from tenancy.roles import EngagementRole
from tests.conftest import PERSONAS, World
from tests.vault_helpers import interview
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


def _e(w: World) -> dict[str, Any]:
    return {"engagement_id": w.engagement.pk}


def _item(w: World) -> dict[str, Any]:
    item = ChecklistItem.objects.filter(engagement=w.engagement, phase__number=4).order_by("position").first()
    return {**_e(w), "item_id": item.pk}


def _participant(w: World) -> dict[str, Any]:
    participant = Participant.objects.get(engagement=w.engagement, user=w.user("interviewer"))
    return {**_e(w), "participant_id": participant.pk}


def _corridor(w: World) -> dict[str, Any]:
    return {**_e(w), "corridor_id": w.engagement.corridors.first().pk}


def _invitation(w: World) -> dict[str, Any]:
    invitation = Invitation.objects.filter(engagement=w.engagement).first()
    return {**_e(w), "invitation_id": invitation.pk}


def _membership(w: World) -> dict[str, Any]:
    membership = Membership.objects.get(organisation=w.org, user=w.user("assessor"))
    return {"organisation_id": w.org.pk, "membership_id": membership.pk}


def _org(w: World) -> dict[str, Any]:
    return {"organisation_id": w.org.pk}


def _respondent(w: World) -> dict[str, Any]:
    return {**_e(w), "respondent_id": Respondent.objects.get(engagement=w.engagement).pk}


def _response(w: World) -> dict[str, Any]:
    response = Response.objects.get(engagement=w.engagement)
    return {**_respondent(w), "response_id": response.pk}


def _token(w: World) -> dict[str, Any]:
    return {"token": invitation_token(Invitation.objects.filter(engagement=w.engagement).first())}


ROWS: dict[str, Row] = {
    "home": Row({"GET": expect("ok", other_org="ok")}),
    "healthz": Row({"GET": expect(200, anonymous=200, other_org=200)}),
    "accounts:login": Row(
        {
            "GET": expect("ok", anonymous=200, other_org="ok"),
            "POST": expect("ok", anonymous=200, other_org="ok"),
        },
        data=lambda w: {"username": "nobody@test.example", "password": "wrong"},
    ),
    "accounts:logout": Row(
        {"POST": expect("login", other_org="login"), "GET": expect(405, anonymous=405, other_org=405)}
    ),
    # Two-factor sign-in. Everyone signed in may open setup: personas who can read interview data
    # (lead, assessor, interviewer, other_org) are enrolled and verified here, so they get the
    # "already set up" page; the others get optional enrolment (a malformed code: the form again).
    "accounts:mfa_setup": Row(
        {"GET": expect(200, other_org=200), "POST": expect(200, other_org=200)},
        data=lambda w: {"code": "not-a-code"},
    ),
    # Verify sends verified sessions on to where they were going, and people with no
    # authenticator app yet to setup: a redirect for every signed-in persona.
    "accounts:mfa_verify": Row(
        {"GET": expect(302, other_org=302), "POST": expect(302, other_org=302)},
        data=lambda w: {"code": "not-a-code"},
    ),
    "accounts:password_reset": Row(
        {
            "GET": expect(200, anonymous=200, other_org=200),
            "POST": expect("ok", anonymous="ok", other_org="ok"),
        },
        data=lambda w: {"email": "nobody@test.example"},
    ),
    "accounts:password_reset_done": Row({"GET": expect(200, anonymous=200, other_org=200)}),
    "accounts:password_reset_confirm": Row(
        {"GET": expect(200, anonymous=200, other_org=200)}, kwargs=lambda w: {"uidb64": "MQ", "token": "bad-token"}
    ),
    "accounts:password_reset_complete": Row({"GET": expect(200, anonymous=200, other_org=200)}),
    # Anyone holding the link sees the invitation; accepting needs the invited address (nobody here has it).
    "accounts:invitation": Row(
        {
            "GET": expect(200, anonymous=200, other_org=200),
            "POST": expect(200, anonymous=200, other_org=200),
        },
        kwargs=_token,
    ),
    "engagements:dashboard": Row({"GET": expect("ok", other_org="ok")}),
    "engagements:detail": Row({"GET": expect("ok")}, kwargs=_e),
    "engagements:edit": Row(
        {
            "GET": engagement_rule("org_admin", "lead"),
            "POST": engagement_rule("org_admin", "lead"),
        },
        kwargs=_e,
        data=lambda w: {"title": "Renamed", "status": "active", "enterprises": "A\nB"},
    ),
    "engagements:corridor_add": Row(
        {"POST": engagement_rule("org_admin", "lead")}, kwargs=_e, data=lambda w: {"origin": "KH", "destination": "TH"}
    ),
    "engagements:corridor_remove": Row({"POST": engagement_rule("org_admin", "lead")}, kwargs=_corridor),
    "engagements:participants": Row(
        {
            "GET": engagement_rule("org_admin", "lead"),
            "POST": engagement_rule("org_admin", "lead"),
        },
        kwargs=_e,
        data=lambda w: {"email": "new@test.example", "role": EngagementRole.ASSESSOR},
    ),
    "engagements:participant_role": Row(
        {"POST": engagement_rule("org_admin", "lead")},
        kwargs=_participant,
        data=lambda w: {"role": EngagementRole.ASSESSOR},
    ),
    "engagements:participant_remove": Row({"POST": engagement_rule("org_admin", "lead")}, kwargs=_participant),
    "engagements:invitation_revoke": Row({"POST": engagement_rule("org_admin", "lead")}, kwargs=_invitation),
    "engagements:phase": Row(
        {"GET": engagement_rule("org_admin", "lead", "assessor", "interviewer")},
        kwargs=lambda w: {**_e(w), "number": 4},
    ),
    "engagements:item_add": Row(
        {"POST": engagement_rule("lead")},
        kwargs=lambda w: {**_e(w), "number": 4},
        data=lambda w: {"text": "Book interpreters", "mandatory": "on"},
    ),
    "engagements:phase_close": Row({"POST": engagement_rule("lead")}, kwargs=lambda w: {**_e(w), "number": 4}),
    "engagements:phase_reopen": Row({"POST": engagement_rule("lead")}, kwargs=lambda w: {**_e(w), "number": 4}),
    "engagements:item_status": Row(
        {"POST": engagement_rule("lead", "assessor")}, kwargs=_item, data=lambda w: {"status": "done"}, htmx=True
    ),
    "engagements:item_edit": Row(
        {
            "GET": engagement_rule("lead", "assessor"),
            "POST": engagement_rule("lead", "assessor"),
        },
        kwargs=_item,
        data=lambda w: {"note": "Agreed with the site manager", "due_date": "2030-01-31"},
    ),
    "engagements:audit_log": Row({"GET": engagement_rule("org_admin", "lead")}, kwargs=_e),
    "tenancy:organisation": Row(
        {"GET": org_admin_rule(), "POST": org_admin_rule()},
        kwargs=_org,
        data=lambda w: {"email": "colleague@test.example", "role": "member"},
    ),
    "tenancy:membership_role": Row({"POST": org_admin_rule()}, kwargs=_membership, data=lambda w: {"role": "admin"}),
    "tenancy:membership_remove": Row({"POST": org_admin_rule()}, kwargs=_membership),
    "tenancy:engagement_new": Row(
        {"GET": org_admin_rule(), "POST": org_admin_rule()},
        kwargs=_org,
        data=lambda w: {"title": "A new engagement", "sector": "Garments"},
    ),
    # The vault: business reviewers, worker representatives and org admins never reach interview data.
    "vault:respondents": Row({"GET": engagement_rule("lead", "assessor", "interviewer")}, kwargs=_e),
    "vault:respondent_new": Row(
        {
            "GET": engagement_rule("lead", "assessor", "interviewer"),
            "POST": engagement_rule("lead", "assessor", "interviewer"),
        },
        kwargs=_e,
        data=lambda w: {
            "consent-kind": "verbal",
            "consent-witnessed_by": "Test Witness",
            "consent-given_on": "2026-11-01",
            "consent-language": "Khmer",
            "consent-use_in_report": "on",
            "who-kind": "worker",
            "who-nationality": "KH",
        },
    ),
    "vault:day_sheet_submit": Row({"POST": engagement_rule("lead", "assessor", "interviewer")}, kwargs=_e),
    "vault:respondent": Row({"GET": engagement_rule("lead", "assessor", "interviewer")}, kwargs=_respondent),
    "vault:response_new": Row(
        {
            "GET": engagement_rule("lead", "assessor", "interviewer"),
            "POST": engagement_rule("lead", "assessor", "interviewer"),
        },
        kwargs=_respondent,
        data=lambda w: {"paid_recruitment_fees": "no"},
    ),
    # Only the interviewer who recorded it changes a response, until the day's sheet is handed in.
    "vault:response_edit": Row(
        {
            "GET": engagement_rule("interviewer"),
            "POST": engagement_rule("interviewer"),
        },
        kwargs=_response,
        data=lambda w: {"paid_recruitment_fees": "yes"},
    ),
    "vault:respondent_withdraw": Row({"POST": engagement_rule("lead", "assessor", "interviewer")}, kwargs=_respondent),
    "vault:identity_unlock": Row(
        {
            "GET": engagement_rule("lead"),
            "POST": engagement_rule("lead"),
        },
        kwargs=_respondent,
        data=lambda w: {"reason": "Follow-up call after a grievance"},
    ),
    "vault:data_protection": Row(
        {
            "GET": engagement_rule("lead"),
            "POST": engagement_rule("lead"),
        },
        kwargs=_e,
        data=lambda w: {"keep_until": "2030-12-31"},
    ),
    "vault:raw_export": Row({"GET": engagement_rule("lead")}, kwargs=_e),
    # The API answers anonymous callers 403 (session authentication, no login redirect).
    "api:engagement-list": Row({"GET": expect(200, anonymous=403, other_org=200)}),
    "api:engagement-detail": Row({"GET": expect(200, anonymous=403)}, kwargs=lambda w: {"pk": w.engagement.pk}),
    "api:schema": Row({"GET": expect(200, anonymous=403, other_org=200)}),
}

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


def _prepare(world: World) -> None:
    """Things some rows point at: a pending invitation, an interview recorded by the interviewer."""
    interview(world.user("interviewer"), world.engagement, identity={"name": "Matrix Test Person"})
    invitation_create(
        actor=world.user("lead"),
        organisation=world.org,
        engagement=world.engagement,
        email="pending@test.example",
        engagement_role=EngagementRole.INTERVIEWER,
    )


@pytest.mark.parametrize("url_name", sorted(ROWS))
def test_access_matrix(url_name: str, world: World, client_for: Any) -> None:
    _prepare(world)
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
