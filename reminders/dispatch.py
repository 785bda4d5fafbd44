"""Sending reminders exactly once: the beat tick, the run, and the daily digest.

Exactly once: each reminder is a ``SentReminder`` row under a unique constraint (rule, item, due date,
recipient). A run inserts the rows it means to send with ``ON CONFLICT DO NOTHING``, tagged with its own
run id, and reads back the rows carrying that id: those, and only those, are its to notify. Two beats,
a tick run twice, or two workers at once: whichever inserts a row first notifies; the other finds it
taken (PostgreSQL makes the second insert wait for the first transaction, then skip).

A worker killed mid-way: claims and in-app notifications are written in one transaction, and the emails
go out only after it commits. Killed before the commit, nothing is left and the next tick sends (within
the catch-up window). The emails are an outbox: a claim that wants an email carries a lease held by the
run that made it; each email is stamped as sent the moment the mail server took it. Killed while
sending, the unstamped claims wait out their lease (longer than any task may live, so their sender is
surely dead) and the outbox pass sends them. What remains is the instant between the mail server taking
a message and its stamp: a kill exactly there sends that one email twice, with the same Message-ID, which
mail programs show once.
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from engagements.models import Participant
from reminders import rules as R
from reminders.models import (
    Audience,
    Channel,
    DigestSent,
    DispatchState,
    Notification,
    ReminderRule,
    SentReminder,
)
from reminders.services import reminder_rules_seed
from reminders.sources import DueItem, sources
from tenancy.roles import EngagementRole

log = logging.getLogger(__name__)

AUDIENCE_ROLES: dict[str, tuple[str, ...]] = {
    Audience.LEAD_ASSESSORS: (EngagementRole.LEAD_ASSESSOR,),
    Audience.ASSESSMENT_TEAM: (EngagementRole.LEAD_ASSESSOR, EngagementRole.ASSESSOR),
    Audience.BUSINESS_REVIEWERS: (EngagementRole.BUSINESS_REVIEWER,),
    Audience.WORKER_REPRESENTATIVES: (EngagementRole.WORKER_REPRESENTATIVE,),
}


# --- the tick -----------------------------------------------------------------------------------------


class _Memo:
    """This process's knowledge of when the schedule row next asks for work: a tick before then costs no
    query at all. Another process's ``reminders_wake`` is seen at the latest at the next rescan."""

    as_of: datetime | None = None
    until: datetime | None = None

    @classmethod
    def knows_nothing_due(cls, now: datetime) -> bool:
        return cls.as_of is not None and cls.until is not None and cls.as_of <= now < cls.until

    @classmethod
    def forget(cls) -> None:
        cls.as_of = cls.until = None


def reminders_tick(*, now: datetime | None = None) -> dict[str, Any]:
    """What beat calls every minute. Before the next due time this process knows of it does nothing; then it
    reads one row; if work is due, the tick that takes the lease does it (a second beat's tick at the same
    moment finds the lease taken and returns)."""
    now = now or timezone.now()
    if _Memo.knows_nothing_due(now):
        return {}
    state = DispatchState.objects.filter(pk=1).values("next_run_at", "next_digest_at").first()
    if state is None:
        DispatchState.objects.get_or_create(pk=1, defaults={"next_digest_at": R.first_digest_at(now)})
        state = {"next_run_at": None, "next_digest_at": R.first_digest_at(now)}
    done: dict[str, Any] = {}
    next_run, next_digest = state["next_run_at"], state["next_digest_at"]
    if _is_due(next_run, now) and _take_lease("next_run_at", now):
        done["reminders"] = reminders_run(now=now)
        next_run = R.next_run_after(now)
        DispatchState.objects.filter(pk=1).update(next_run_at=next_run, last_run_at=now, last_summary=done["reminders"])
    if _is_due(next_digest, now) and _take_lease("next_digest_at", now):
        done["digest"] = digest_run(now=now)
        next_digest = R.next_digest_after(now)
        DispatchState.objects.filter(pk=1).update(next_digest_at=next_digest)
    # A time still due here belongs to a run another tick is doing: look again at the next tick.
    _Memo.as_of, _Memo.until = now, min(t if t and t > now else now for t in (next_run, next_digest))
    return done


def _is_due(at: datetime | None, now: datetime) -> bool:
    return at is None or at <= now


def _take_lease(field: str, now: datetime) -> bool:
    """Push the due time past the lease, if it is still due: one tick wins, the others see it taken."""
    due = Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": now})
    return DispatchState.objects.filter(due, pk=1).update(**{field: now + R.LEASE}) == 1


# --- the run ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Send:
    rule: ReminderRule
    item: DueItem
    recipient_id: int


def collect_items(today: date) -> list[DueItem]:
    """Every open item of every source; a source registered under several events is asked once."""
    items: list[DueItem] = []
    for source in {id(fn): fn for fn in sources().values()}.values():
        items.extend(source(today))
    return items


def _recipients(rule: ReminderRule, item: DueItem, people: dict[tuple[UUID, str], tuple[int, ...]]) -> set[int]:
    """Who a rule reaches for an item: only current, active participants of the item's engagement."""
    if rule.audience == Audience.RESPONSIBLE:
        participants = set(people.get((item.engagement_id, "*"), ()))
        return {user_id for user_id in item.recipient_ids if user_id in participants}
    found: set[int] = set()
    for role in AUDIENCE_ROLES[rule.audience]:
        found.update(people.get((item.engagement_id, role), ()))
    return found


def _people(engagement_ids: Iterable[UUID]) -> dict[tuple[UUID, str], tuple[int, ...]]:
    """Active participants per (engagement, role), and per (engagement, "*") for any role: one query."""
    found: dict[tuple[UUID, str], list[int]] = defaultdict(list)
    rows = Participant.objects.filter(engagement_id__in=list(engagement_ids), user__is_active=True).values_list(
        "engagement_id", "role", "user_id"
    )
    for engagement_id, role, user_id in rows:
        found[(engagement_id, role)].append(user_id)
        found[(engagement_id, "*")].append(user_id)
    return {key: tuple(value) for key, value in found.items()}


def active_rules(engagement_ids: set[UUID]) -> dict[tuple[UUID, str], list[ReminderRule]]:
    """The engagements' active rules by (engagement, event); engagements without rules get the defaults.
    One query (three the first time an engagement is seen)."""
    rules = list(ReminderRule.objects.filter(engagement_id__in=engagement_ids))
    if {rule.engagement_id for rule in rules} != engagement_ids:
        reminder_rules_seed(engagement_ids)
        rules = list(ReminderRule.objects.filter(engagement_id__in=engagement_ids))
    by_key: dict[tuple[UUID, str], list[ReminderRule]] = defaultdict(list)
    for rule in rules:
        if rule.active:
            by_key[(rule.engagement_id, rule.event)].append(rule)
    return by_key


def due_sends(items: list[DueItem], today: date) -> list[_Send]:
    """Every (rule, item, recipient) whose reminder is due today, by the engagements' active rules."""
    engagement_ids = {item.engagement_id for item in items}
    if not engagement_ids:
        return []
    by_key = active_rules(engagement_ids)
    firing = [
        (rule, item)
        for item in items
        for rule in by_key.get((item.engagement_id, item.event), ())
        if R.fires_today(item.due_date, rule.offset_days, today)
    ]
    if not firing:
        return []
    people = _people({item.engagement_id for _rule, item in firing})
    sends = {
        (rule.pk, item.key, item.due_date, user_id): _Send(rule, item, user_id)
        for rule, item in firing
        for user_id in _recipients(rule, item, people)
    }
    # The same order in every run, so two concurrent runs never wait on each other crosswise (deadlock).
    return [sends[key] for key in sorted(sends, key=lambda k: (str(k[0]), k[1], k[2], k[3]))]


def reminders_run(*, now: datetime) -> dict[str, int]:
    """One full pass: claim every reminder due today that nobody claimed, notify in-app, email on commit."""
    today = timezone.localdate(now)
    sends = due_sends(collect_items(today), today)
    if not sends:
        return {"claimed": 0}
    run = uuid.uuid4()
    with transaction.atomic():
        SentReminder.objects.bulk_create(
            [
                SentReminder(
                    rule=s.rule,
                    engagement_id=s.item.engagement_id,
                    item_key=s.item.key,
                    due_date=s.item.due_date,
                    recipient_id=s.recipient_id,
                    fire_on=R.fire_date(s.item.due_date, s.rule.offset_days),
                    title=s.item.title[:200],
                    url=s.item.url[:500],
                    run=run,
                    wants_email=Channel(s.rule.channel).emails,
                    email_lease_until=email_lease_end(now) if Channel(s.rule.channel).emails else None,
                )
                for s in sends
            ],
            ignore_conflicts=True,
            batch_size=2000,
        )
        mine = list(SentReminder.objects.filter(run=run).select_related("rule"))
        Notification.objects.bulk_create(
            [
                Notification(
                    user_id=sent.recipient_id,
                    engagement_id=sent.engagement_id,
                    title=_notification_title(sent, today),
                    url=sent.url,
                    reminder=sent,
                )
                for sent in mine
                if Channel(sent.rule.channel).in_app
            ],
            batch_size=2000,
        )
        to_email = [sent.pk for sent in mine if sent.wants_email]
        if to_email:
            transaction.on_commit(lambda: send_reminder_emails(to_email, today=today))
    return {"claimed": len(mine), "emails": len(to_email)}


def _notification_title(sent: SentReminder, today: date) -> str:
    return f"{sent.title}: {R.describe_due(sent.due_date, today)}"[:300]


def _link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def email_lease_end(now: datetime) -> datetime:
    """Until when a sender holds its claims' emails: past the hard time limit of any task, so that whoever
    held them is surely dead when another takes them over."""
    return now + timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + timedelta(minutes=1)


def send_reminder_emails(sent_ids: list[UUID], *, today: date) -> int:
    """Email the claimed reminders (after their claims committed), stamping each as the mail server takes it."""
    rows = list(
        SentReminder.objects.filter(pk__in=sent_ids, emailed_at__isnull=True)
        .select_related("rule", "recipient", "engagement")
        .order_by("recipient_id", "fire_on")
    )
    messages = []
    for sent in rows:
        context = {
            "sent": sent,
            "when": R.describe_due(sent.due_date, today),
            "rule_when": R.describe_offset(sent.rule.offset_days),
            "link": _link(sent.url),
            "rules_link": _link(reverse("reminders:rules", args=[sent.engagement_id])),
        }
        subject = render_to_string("reminders/email_reminder_subject.txt", context).strip()
        body = render_to_string("reminders/email_reminder.txt", context)
        messages.append((sent.pk, _email(subject, body, sent.recipient.email, message_key=f"reminder-{sent.pk}")))
    return _send_and_stamp(messages, SentReminder, "Reminder emails")


def _email(subject: str, body: str, to: str, *, message_key: str) -> Any:
    from django.core.mail import EmailMessage

    # The same Message-ID on a resent copy: mail programs show a message they already have once.
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].rstrip(">").strip() or "localhost"
    return EmailMessage(subject=subject, body=body, to=[to], headers={"Message-ID": f"<{message_key}@{domain}>"})


def _send_and_stamp(messages: list[tuple[UUID, Any]], model: Any, what: str) -> int:
    """Send over one connection, stamping each claim as soon as its message is taken: a worker killed
    half-way leaves exactly the unsent ones for the outbox pass. (A write per message, on purpose: a stamp
    for a batch would resend the whole batch after a kill.)"""
    from django.core.mail import mailers

    sent_count = 0
    if not messages:
        return 0
    try:
        with mailers.default as mailer:
            for pk, message in messages:
                try:
                    taken = mailer.send_messages([message])
                except smtplib.SMTPRecipientsRefused:
                    # This address only: the others still go; this one is tried again by the outbox pass.
                    log.warning("%s: a recipient was refused", what)
                    continue
                if taken:
                    model.objects.filter(pk=pk).update(emailed_at=timezone.now())
                    sent_count += 1
    except OSError:
        # The claims stand and the in-app notifications show them; the outbox pass tries again later.
        log.exception("%s could not all be sent (%d of %d sent)", what, sent_count, len(messages))
    return sent_count


def emails_outbox_run(*, now: datetime, batch: int = 2000) -> dict[str, int]:
    """Send the emails whose sender died: claims still unsent when their lease ended, of the catch-up window
    (an older reminder is not worth an email; its in-app notice stays). Each row is taken by one pass only."""
    today = timezone.localdate(now)
    oldest = today - timedelta(days=R.CATCH_UP_DAYS)
    reminders = _take_over(SentReminder.objects.filter(wants_email=True, fire_on__gte=oldest), now=now, batch=batch)
    digests = _take_over(DigestSent.objects.filter(day__gte=oldest), now=now, batch=batch)
    done = {"reminders": send_reminder_emails(reminders, today=today) if reminders else 0}
    if digests:
        done["digests"] = resend_digests(digests, now=now)
    return done


def _take_over(queryset: Any, *, now: datetime, batch: int) -> list[UUID]:
    with transaction.atomic():
        expired = queryset.filter(emailed_at__isnull=True, email_lease_until__lte=now)
        # SKIP LOCKED: two passes at once split the rows instead of both taking them.
        taken = list(expired.select_for_update(skip_locked=True).values_list("pk", flat=True)[:batch])
        queryset.model.objects.filter(pk__in=taken).update(email_lease_until=email_lease_end(now))
    return taken


# --- the daily digest ---------------------------------------------------------------------------------


# The digest lists a person's own items: those they are responsible for (an overdue rule that also tells
# the lead does not make every action the lead's).
RESPONSIBLE = ReminderRule(audience=Audience.RESPONSIBLE)


def digest_contents(now: datetime) -> dict[int, dict[str, list[Any]]]:
    """Per person: unread notifications of the last day, and their own items due in the next week."""
    today = timezone.localdate(now)
    contents: dict[int, dict[str, list[Any]]] = defaultdict(lambda: {"notifications": [], "items": []})
    unread = Notification.objects.filter(read_at__isnull=True, created_at__gte=now - timedelta(days=1)).order_by(
        "created_at"
    )
    for notification in unread.only("user_id", "title", "url", "created_at"):
        contents[notification.user_id]["notifications"].append(notification)
    horizon = today + timedelta(days=R.DIGEST_HORIZON_DAYS)
    upcoming = [item for item in collect_items(today) if today <= item.due_date <= horizon]
    if upcoming:
        engagement_ids = {item.engagement_id for item in upcoming}
        by_key = active_rules(engagement_ids)
        people = _people(engagement_ids)
        seen: set[tuple[int, str]] = set()
        for item in sorted(upcoming, key=lambda i: (i.due_date, i.title)):
            if not by_key.get((item.engagement_id, item.event)):
                continue  # every rule of this kind switched off: the engagement does not want to hear of it
            for user_id in _recipients(RESPONSIBLE, item, people):
                if (user_id, item.key) not in seen:
                    seen.add((user_id, item.key))
                    contents[user_id]["items"].append(item)
    return dict(contents)


def digest_run(*, now: datetime) -> dict[str, int]:
    """One email per person per day (claimed like reminders), for those with something to read."""
    day = timezone.localdate(now)
    contents = digest_contents(now)
    if not contents:
        return {"claimed": 0}
    run = uuid.uuid4()
    with transaction.atomic():
        DigestSent.objects.bulk_create(
            [
                DigestSent(user_id=user_id, day=day, run=run, email_lease_until=email_lease_end(now))
                for user_id in sorted(contents)
            ],
            ignore_conflicts=True,
            batch_size=2000,
        )
        mine = list(DigestSent.objects.filter(run=run).values_list("pk", "user_id"))
        if mine:
            claimed = {user_id: contents[user_id] for _pk, user_id in mine}
            transaction.on_commit(lambda: send_digests([pk for pk, _u in mine], claimed, day=day))
    return {"claimed": len(mine)}


def send_digests(digest_ids: list[UUID], contents: dict[int, dict[str, list[Any]]], *, day: date) -> int:
    from django.contrib.auth import get_user_model

    digest_of = dict(DigestSent.objects.filter(pk__in=digest_ids, emailed_at__isnull=True).values_list("user_id", "pk"))
    users = get_user_model().objects.filter(pk__in=list(digest_of), is_active=True).only("pk", "email", "full_name")
    messages = []
    for user in users:
        context = {
            "user": user,
            "day": day,
            "notifications": [(n, _link(n.url)) for n in contents[user.pk]["notifications"]],
            "items": [(i, R.describe_due(i.due_date, day), _link(i.url)) for i in contents[user.pk]["items"]],
            "notifications_link": _link(reverse("reminders:notifications")),
        }
        subject = render_to_string("reminders/email_digest_subject.txt", context).strip()
        body = render_to_string("reminders/email_digest.txt", context)
        key = f"digest-{digest_of[user.pk]}"
        messages.append((digest_of[user.pk], _email(subject, body, user.email, message_key=key)))
    return _send_and_stamp(messages, DigestSent, "Daily digests")


def resend_digests(digest_ids: list[UUID], *, now: datetime) -> int:
    """Digests whose sender died, with their contents worked out again (as of now, for the claimed people)."""
    claims = list(DigestSent.objects.filter(pk__in=digest_ids).values_list("pk", "user_id", "day"))
    contents = digest_contents(now)
    # Nothing left to tell someone (all read, all done): no empty email; the claim goes.
    DigestSent.objects.filter(pk__in=[pk for pk, user_id, _day in claims if user_id not in contents]).delete()
    sent = 0
    for day in sorted({day for _pk, _user, day in claims}):  # at most the catch-up window's few days
        ids = [pk for pk, user_id, claimed_day in claims if claimed_day == day and user_id in contents]
        if ids:
            sent += send_digests(ids, contents, day=day)
    return sent
