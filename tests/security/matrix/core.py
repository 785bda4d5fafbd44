"""Rows for the foundation: accounts, engagements, tracker, organisations, API."""

from __future__ import annotations

from engagements.services.participants import invitation_create
from tenancy.roles import EngagementRole
from tests.conftest import World
from tests.security.matrix.common import (
    Row,
    corridor_kw,
    e_kw,
    engagement_rule,
    expect,
    invitation_kw,
    item_kw,
    membership_kw,
    org_admin_rule,
    org_kw,
    participant_kw,
    token_kw,
)

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
        kwargs=token_kw,
    ),
    "engagements:dashboard": Row({"GET": expect("ok", other_org="ok")}),
    "engagements:detail": Row({"GET": expect("ok")}, kwargs=e_kw),
    "engagements:edit": Row(
        {
            "GET": engagement_rule("org_admin", "lead"),
            "POST": engagement_rule("org_admin", "lead"),
        },
        kwargs=e_kw,
        data=lambda w: {"title": "Renamed", "status": "active", "enterprises": "A\nB"},
    ),
    "engagements:corridor_add": Row(
        {"POST": engagement_rule("org_admin", "lead")},
        kwargs=e_kw,
        data=lambda w: {"origin": "KH", "destination": "TH"},
    ),
    "engagements:corridor_remove": Row({"POST": engagement_rule("org_admin", "lead")}, kwargs=corridor_kw),
    "engagements:participants": Row(
        {
            "GET": engagement_rule("org_admin", "lead"),
            "POST": engagement_rule("org_admin", "lead"),
        },
        kwargs=e_kw,
        data=lambda w: {"email": "new@test.example", "role": EngagementRole.ASSESSOR},
    ),
    "engagements:participant_role": Row(
        {"POST": engagement_rule("org_admin", "lead")},
        kwargs=participant_kw,
        data=lambda w: {"role": EngagementRole.ASSESSOR},
    ),
    "engagements:participant_remove": Row({"POST": engagement_rule("org_admin", "lead")}, kwargs=participant_kw),
    "engagements:invitation_revoke": Row({"POST": engagement_rule("org_admin", "lead")}, kwargs=invitation_kw),
    "engagements:phase": Row(
        {"GET": engagement_rule("org_admin", "lead", "assessor", "interviewer")},
        kwargs=lambda w: {**e_kw(w), "number": 4},
    ),
    "engagements:item_add": Row(
        {"POST": engagement_rule("lead")},
        kwargs=lambda w: {**e_kw(w), "number": 4},
        data=lambda w: {"text": "Book interpreters", "mandatory": "on"},
    ),
    "engagements:phase_close": Row({"POST": engagement_rule("lead")}, kwargs=lambda w: {**e_kw(w), "number": 4}),
    "engagements:phase_reopen": Row({"POST": engagement_rule("lead")}, kwargs=lambda w: {**e_kw(w), "number": 4}),
    "engagements:item_status": Row(
        {"POST": engagement_rule("lead", "assessor")}, kwargs=item_kw, data=lambda w: {"status": "done"}, htmx=True
    ),
    "engagements:item_edit": Row(
        {
            "GET": engagement_rule("lead", "assessor"),
            "POST": engagement_rule("lead", "assessor"),
        },
        kwargs=item_kw,
        data=lambda w: {"note": "Agreed with the site manager", "due_date": "2030-01-31"},
    ),
    "engagements:audit_log": Row({"GET": engagement_rule("org_admin", "lead")}, kwargs=e_kw),
    "tenancy:organisation": Row(
        {"GET": org_admin_rule(), "POST": org_admin_rule()},
        kwargs=org_kw,
        data=lambda w: {"email": "colleague@test.example", "role": "member"},
    ),
    "tenancy:membership_role": Row({"POST": org_admin_rule()}, kwargs=membership_kw, data=lambda w: {"role": "admin"}),
    "tenancy:membership_remove": Row({"POST": org_admin_rule()}, kwargs=membership_kw),
    "tenancy:engagement_new": Row(
        {"GET": org_admin_rule(), "POST": org_admin_rule()},
        kwargs=org_kw,
        data=lambda w: {"title": "A new engagement", "sector": "Garments"},
    ),
    # The API answers anonymous callers 403 (session authentication, no login redirect).
    "api:engagement-list": Row({"GET": expect(200, anonymous=403, other_org=200)}),
    "api:engagement-detail": Row({"GET": expect(200, anonymous=403)}, kwargs=lambda w: {"pk": w.engagement.pk}),
    "api:schema": Row({"GET": expect(200, anonymous=403, other_org=200)}),
}


def prepare(world: World) -> None:
    """A pending invitation for the rows that point at one."""
    invitation_create(
        actor=world.user("lead"),
        organisation=world.org,
        engagement=world.engagement,
        email="pending@test.example",
        engagement_role=EngagementRole.INTERVIEWER,
    )
