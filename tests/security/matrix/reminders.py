"""Rows for reminders (phase 7): the engagement's rule table and each person's own notifications.

Everyone who watches monitoring (the team's lead and assessors, the business, the worker representatives)
reads the rules; only the lead changes them (MANAGE_REMINDERS). Notifications are personal: everyone
signed in reads their own list; someone else's notification is a 404 to all but its owner.
"""

from __future__ import annotations

from typing import Any

from reminders.models import Notification
from tests.conftest import World
from tests.security.matrix.common import Row, e_kw, engagement_rule, expect

MONITORING = ("lead", "assessor", "business", "workerrep")
SIGNED_IN = expect("ok", other_org="ok")
OWNER_ONLY = expect(404, lead="ok")


def notification_kw(w: World) -> dict[str, Any]:
    notification = Notification.objects.get(user=w.user("lead"), title="Matrix notification")
    return {"notification_id": notification.pk}


ADD = {"event": "action_due", "offset_days": "-3", "audience": "lead_assessors", "channel": "in_app"}

ROWS: dict[str, Row] = {
    "reminders:rules": Row(
        {"GET": engagement_rule(*MONITORING), "POST": engagement_rule("lead")}, kwargs=e_kw, data=lambda w: {}
    ),
    "reminders:rule_add": Row({"POST": engagement_rule("lead")}, kwargs=e_kw, data=lambda w: ADD),
    "reminders:notifications": Row({"GET": SIGNED_IN}),
    "reminders:notifications_read_all": Row({"POST": SIGNED_IN}),
    "reminders:notification_open": Row({"POST": OWNER_ONLY}, kwargs=notification_kw),
    "reminders:notification_read": Row({"POST": OWNER_ONLY}, kwargs=notification_kw),
}


def prepare(world: World) -> None:
    """One notification of the lead's."""
    Notification.objects.create(
        user=world.user("lead"), engagement=world.engagement, title="Matrix notification", url="/engagements/"
    )
