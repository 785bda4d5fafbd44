"""The rules of reminding, as plain functions: the default table, when a rule fires, and when ticks work.

Defaults (issue 7, phase 7 "Reminders"): an action due in 14, 7 and 1 days, and overdue (one day after);
the draft action plan's deadline (7 and 1 days before, and overdue); follow-up interviews of newly
recruited workers due (7 days before); the retention period of personal data ending (14 days before).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from reminders.models import Audience, Channel, ReminderEvent

E, A = ReminderEvent, Audience

# (event, offset in days, audience, channel)
DEFAULT_RULES: tuple[tuple[str, int, str, str], ...] = (
    (E.ACTION_DUE, -14, A.RESPONSIBLE, Channel.BOTH),
    (E.ACTION_DUE, -7, A.RESPONSIBLE, Channel.BOTH),
    (E.ACTION_DUE, -1, A.RESPONSIBLE, Channel.BOTH),
    (E.ACTION_OVERDUE, 1, A.RESPONSIBLE, Channel.BOTH),
    # The lead assessor watches the plan: an overdue action is news to them too, without filling their inbox.
    (E.ACTION_OVERDUE, 1, A.LEAD_ASSESSORS, Channel.IN_APP),
    (E.DRAFT_PLAN_DUE, -7, A.RESPONSIBLE, Channel.BOTH),
    (E.DRAFT_PLAN_DUE, -1, A.RESPONSIBLE, Channel.BOTH),
    (E.DRAFT_PLAN_DUE, 1, A.RESPONSIBLE, Channel.BOTH),
    (E.FOLLOW_UP_INTERVIEWS_DUE, -7, A.RESPONSIBLE, Channel.BOTH),
    (E.RETENTION_ENDING, -14, A.RESPONSIBLE, Channel.BOTH),
)

# A reminder whose day passed more than this long ago is not sent late: after an outage or a restored
# backup, people get the last two days' reminders, not a month of stale ones.
CATCH_UP_DAYS = 2

# Reminders are by the day: every midnight a run sends the day's. Within a day the sources are re-read this
# often, so that an item added or moved today that fires today goes out the same day (and one missed stays
# within the catch-up window). A service may ask for a run at the next tick instead (``reminders_wake``).
RESCAN_EVERY = timedelta(hours=3)

# A run that has not finished after this long is taken over by the next tick (a worker killed mid-run).
LEASE = timedelta(minutes=5)

# The daily digest goes out at this local time.
DIGEST_AT = time(7, 0)

# The digest lists items due within this many days.
DIGEST_HORIZON_DAYS = 7


def fire_date(due_date: date, offset_days: int) -> date:
    return due_date + timedelta(days=offset_days)


def fires_today(due_date: date, offset_days: int, today: date) -> bool:
    """Whether a reminder is to go out now: its day has come and is at most ``CATCH_UP_DAYS`` old."""
    day = fire_date(due_date, offset_days)
    return today - timedelta(days=CATCH_UP_DAYS) <= day <= today


def source_window(today: date) -> tuple[date, date]:
    """The due dates any rule may fire for today: what sources need to yield, no more."""
    reach = timedelta(days=90 + CATCH_UP_DAYS)
    return today - reach, today + reach


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def next_run_after(now: datetime) -> datetime:
    """Next full run: the next midnight (a new day's reminders), or sooner to see items added today."""
    return min(_local_midnight(timezone.localdate(now) + timedelta(days=1)), now + RESCAN_EVERY)


def first_digest_at(now: datetime) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(now), DIGEST_AT))


def next_digest_after(now: datetime) -> datetime:
    today_at = first_digest_at(now)
    return today_at if today_at > now else today_at + timedelta(days=1)


def describe_offset(offset_days: int) -> str:
    """How the rule page and emails say when: '7 days before', 'on the day', '1 day after'."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    if offset_days == 0:
        return _("on the due date")
    n = abs(offset_days)
    if offset_days < 0:
        return ngettext("%(n)d day before", "%(n)d days before", n) % {"n": n}
    return ngettext("%(n)d day after", "%(n)d days after", n) % {"n": n}


def describe_due(due_date: date, today: date) -> str:
    """'due in 7 days', 'due today', 'overdue by 1 day' — for titles of notifications and emails."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    days = (due_date - today).days
    if days == 0:
        return _("due today")
    if days > 0:
        return ngettext("due tomorrow", "due in %(n)d days", days) % {"n": days}
    return ngettext("overdue by %(n)d day", "overdue by %(n)d days", -days) % {"n": -days}
