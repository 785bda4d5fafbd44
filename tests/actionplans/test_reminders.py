"""Reminders (issue 7, phase 7): a rule table, beat every minute, email and in-app, a daily digest, exactly once.

The acceptance test ticks the dispatcher every simulated minute over 30 days (``now`` passed explicitly)
while people work on the plan: an action closed, one reassigned, one whose due date moves. Each rule fires
exactly once per item and due date, on its day, never after the item is done, never to a former assignee;
the moved due date gets a new series. Two beats at once: a real Celery worker pair through real Redis
takes the same ticks twice, concurrently, and no email or notification is duplicated.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.mail.handler import MailersHandler
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actionplans.models import Action, ActionKind, ActionPlan, ActionStatus
from actionplans.selectors import draft_is_complete
from audit.models import AuditEntry
from engagements.models import Participant
from findings.models import ClosingMeeting
from mapping_platform.celery import app as celery_app
from reminders.dispatch import _Memo, collect_items, digest_run, emails_outbox_run, reminders_run, reminders_tick
from reminders.models import (
    Audience,
    Channel,
    DigestSent,
    DispatchState,
    Notification,
    ReminderEvent,
    ReminderRule,
    SentReminder,
)
from reminders.rules import DEFAULT_RULES
from reminders.selectors import rules_of
from tests.conftest import World, build_world
from tests.security.matrix.findings import make_finding
from tests.workers import Worker, file_mail_env, mail_headers, mail_messages, running
from vault.models import Retention

BASE_DIR = Path(__file__).resolve().parents[2]
START = timezone.make_aware(datetime(2027, 3, 1, 0, 0))
# Written into every action's text: it must never reach an email or a notification.
SECRET = "Test sentinel of what the action says 7f3a"


@pytest.fixture(autouse=True)
def _fresh_schedule() -> None:
    """Each test starts its own clock: forget what an earlier test's ticks told this process."""
    _Memo.forget()


def day(n: int) -> date:
    return START.date() + timedelta(days=n)


def at(n: int, hour: int = 0, minute: int = 0) -> datetime:
    return START + timedelta(days=n, hours=hour, minutes=minute)


def make_action(world: World, number: int, due: date, responsible: Any = None) -> Action:
    plan, _ = ActionPlan.objects.get_or_create(engagement=world.engagement)
    return Action.objects.create(
        plan=plan,
        number=number,
        kind=ActionKind.REMEDIATION_IMMEDIATE,
        what=SECRET,
        target_outcome=SECRET,
        indicator="Test indicator",
        responsible_person="Test Person",
        responsible_organisation="Test Organisation",
        responsible_user=responsible,
        due_date=due,
        created_by=world.user("lead"),
    )


def persona_of(world: World, user_id: int) -> str:
    return next(p for p, u in world.users.items() if u.pk == user_id)


def sent_rows(world: World, sent_day: dict[Any, date]) -> set[tuple[Any, ...]]:
    """What went out: (item, event, offset, audience, due date, recipient, day sent)."""
    numbers = {f"action:{a.pk}": f"A{a.number}" for a in Action.objects.all()}
    return {
        (
            numbers.get(s.item_key, s.item_key.split(":")[0]),
            s.rule.event,
            s.rule.offset_days,
            s.rule.audience,
            s.due_date,
            persona_of(world, s.recipient_id),
            sent_day[s.pk],
        )
        for s in SentReminder.objects.select_related("rule")
    }


class Clock:
    """Beat, every simulated minute; records the day each claim was made. Things people do happen at
    given minutes, before that minute's tick."""

    def __init__(self, capture: Any) -> None:
        self.capture = capture
        self.sent_day: dict[Any, date] = {}
        self.busy_ticks = 0

    def run(self, days: int, happenings: dict[datetime, Any]) -> None:
        for minute in range(days * 24 * 60):
            now = START + timedelta(minutes=minute)
            if now in happenings:
                happenings[now]()
            with self.capture(execute=True):
                done = reminders_tick(now=now)
            if done:
                self.busy_ticks += 1
            if done.get("reminders", {}).get("claimed"):
                for pk in SentReminder.objects.exclude(pk__in=list(self.sent_day)).values_list("pk", flat=True):
                    self.sent_day[pk] = now.date()


# --- the acceptance test: 30 days of beat ------------------------------------------------------------------


def test_thirty_days_of_beat_send_each_reminder_exactly_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    lead, assessor, business, workerrep = (world.user(p) for p in ("lead", "assessor", "business", "workerrep"))
    make_action(world, 1, day(20), business)
    a2 = make_action(world, 2, day(15), business)
    a3 = make_action(world, 3, day(18), assessor)
    a4 = make_action(world, 4, day(14))  # no one named: the business reviewers
    make_action(world, 5, day(-10), business)  # long overdue before the clock starts: not sent late
    make_action(world, 6, day(10), world.user("other_org"))  # not a participant: reaches no one
    Retention.objects.create(engagement=world.engagement, keep_until=day(20))

    def close_a2() -> None:
        Action.objects.filter(pk=a2.pk).update(status=ActionStatus.CLOSED, closed_at=at(10, 12))

    def reassign_a3() -> None:
        Action.objects.filter(pk=a3.pk).update(responsible_user=workerrep)

    def move_a4() -> None:
        Action.objects.filter(pk=a4.pk).update(due_date=day(26))

    clock = Clock(django_capture_on_commit_callbacks)
    with CaptureQueriesContext(connection) as queries:
        clock.run(30, {at(10, 12): close_a2, at(7, 9): reassign_a3, at(5, 10): move_a4})

    due, overdue = ReminderEvent.ACTION_DUE.value, ReminderEvent.ACTION_OVERDUE.value
    R, L = Audience.RESPONSIBLE.value, Audience.LEAD_ASSESSORS.value
    expected = {
        ("A1", due, -14, R, day(20), "business", day(6)),
        ("A1", due, -7, R, day(20), "business", day(13)),
        ("A1", due, -1, R, day(20), "business", day(19)),
        ("A1", overdue, 1, R, day(20), "business", day(21)),
        ("A1", overdue, 1, L, day(20), "lead", day(21)),
        # Closed on day 10: the reminders of days 14 (-1) and 16 (overdue) never go.
        ("A2", due, -14, R, day(15), "business", day(1)),
        ("A2", due, -7, R, day(15), "business", day(8)),
        # Reassigned on day 7: the assessor had day 4's reminder, the worker representative has the rest.
        ("A3", due, -14, R, day(18), "assessor", day(4)),
        ("A3", due, -7, R, day(18), "workerrep", day(11)),
        ("A3", due, -1, R, day(18), "workerrep", day(17)),
        ("A3", overdue, 1, R, day(18), "workerrep", day(19)),
        ("A3", overdue, 1, L, day(18), "lead", day(19)),
        # Due on day 14, moved to day 26 on day 5: the first series stops, a new one starts (its -14 day
        # was day 12, caught up on day 12 itself).
        ("A4", due, -14, R, day(14), "business", day(0)),
        ("A4", due, -14, R, day(26), "business", day(12)),
        ("A4", due, -7, R, day(26), "business", day(19)),
        ("A4", due, -1, R, day(26), "business", day(25)),
        ("A4", overdue, 1, R, day(26), "business", day(27)),
        ("A4", overdue, 1, L, day(26), "lead", day(27)),
        # A6 names someone outside the engagement: no one is reminded but the lead of its being overdue.
        ("A6", overdue, 1, L, day(10), "lead", day(11)),
        ("retention", ReminderEvent.RETENTION_ENDING.value, -14, R, day(20), "lead", day(6)),
    }
    assert sent_rows(world, clock.sent_day) == expected

    # In-app: one notification per claim whose rule speaks in-app, to that person only.
    claims = list(SentReminder.objects.select_related("rule"))
    notified = Counter(Notification.objects.values_list("reminder_id", flat=True))
    assert notified == Counter(s.pk for s in claims if Channel(s.rule.channel).in_app)
    assert all(n.user_id == n.reminder.recipient_id for n in Notification.objects.select_related("reminder"))

    # Email: one per claim whose rule emails, each once; the lead's overdue rule is in-app only.
    reminders = [m for m in mail.outbox if m.subject.startswith("Reminder:")]
    emailing = [s for s in claims if Channel(s.rule.channel).emails]
    assert len(reminders) == len(emailing) == len(expected) - 4
    assert len({(m.to[0], m.subject, m.body) for m in reminders}) == len(reminders), "an email went out twice"
    assert not [m for m in reminders if m.to == [lead.email] and "overdue" in m.subject]
    assert all(s.emailed_at for s in SentReminder.objects.filter(pk__in=[s.pk for s in emailing]))
    for message in reminders:
        assert SECRET not in message.body + message.subject
        assert "/engagements/" in message.body
    assert SECRET not in "".join(Notification.objects.values_list("title", flat=True))

    # The daily digest: at most one per person per day.
    digests = [m for m in mail.outbox if m.subject.startswith("Your daily summary")]
    assert digests and len({(m.to[0], m.subject) for m in digests}) == len(digests)
    assert DigestSent.objects.count() == len(digests)

    # Cheap: of 43,200 ticks only the day's runs (midnight, rescans, the digest) do any work, and they
    # take a fixed handful of queries each: about 18 a run, whatever the number of items.
    assert clock.busy_ticks <= 30 * 10, clock.busy_ticks
    assert len(queries.captured_queries) < clock.busy_ticks * 25, len(queries.captured_queries)


def test_an_idle_tick_costs_no_query_and_at_most_one_read(world: World, django_assert_num_queries: Any) -> None:
    reminders_tick(now=at(0))
    with django_assert_num_queries(0):
        assert reminders_tick(now=at(0, 0, 1)) == {}
    _Memo.forget()  # as another process, that has not run the last tick, would
    with django_assert_num_queries(1):
        assert reminders_tick(now=at(0, 0, 2)) == {}


def test_a_tick_run_twice_or_two_runs_at_once_claim_each_reminder_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    make_action(world, 1, day(7), world.user("business"))
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_run(now=at(0, 8))
        second = reminders_run(now=at(0, 8))
        reminders_tick(now=at(0, 8))
        reminders_tick(now=at(0, 8))
    assert first["claimed"] == 1 and second["claimed"] == 0
    assert SentReminder.objects.count() == Notification.objects.count() == 1
    assert len([m for m in mail.outbox if m.subject.startswith("Reminder:")]) == 1


def test_reminders_not_sent_more_than_two_days_late(world: World, django_capture_on_commit_callbacks: Any) -> None:
    """After an outage or a restored backup, yesterday's reminder goes out; last week's does not."""
    make_action(world, 1, day(8), world.user("business"))  # -7 fell on day 1
    with django_capture_on_commit_callbacks(execute=True):
        reminders_run(now=at(4))
    assert not SentReminder.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        reminders_run(now=at(3))
    assert SentReminder.objects.get().rule.offset_days == -7


def test_inactive_rule_and_changed_offset(world: World, django_capture_on_commit_callbacks: Any) -> None:
    make_action(world, 1, day(10), world.user("business"))
    rules = {(r.event, r.offset_days, r.audience): r for r in rules_of(world.engagement)}
    rules[(ReminderEvent.ACTION_DUE, -7, Audience.RESPONSIBLE)].active = False
    rules[(ReminderEvent.ACTION_DUE, -7, Audience.RESPONSIBLE)].save()
    with django_capture_on_commit_callbacks(execute=True):
        reminders_run(now=at(3))
    assert not SentReminder.objects.exists()


def test_draft_plan_deadline_stops_when_the_draft_is_complete(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    """Due two weeks after the closing meeting; lead and business reminded until every finding is answered."""
    ClosingMeeting.objects.create(
        engagement=world.engagement,
        held_on=day(0),
        place="Test room",
        key_findings="Test",
        action_plan_from=day(0),
        recorded_by=world.user("lead"),
    )
    finding = make_finding(world, "Test finding to answer", released=True)
    with django_capture_on_commit_callbacks(execute=True):
        reminders_run(now=at(7))  # 14 - 7
    assert {persona_of(world, s.recipient_id) for s in SentReminder.objects.all()} == {"lead", "business"}
    assert {s.item_key for s in SentReminder.objects.all()} == {f"draft_plan:{world.engagement.pk}"}
    make_action(world, 1, day(30)).findings.add(finding)
    assert draft_is_complete(world.engagement)
    with django_capture_on_commit_callbacks(execute=True):
        reminders_run(now=at(13))  # -1 would fire: the draft is complete
    assert SentReminder.objects.filter(item_key__startswith="draft_plan").count() == 2


def test_sources_answer_in_a_fixed_number_of_queries(world: World) -> None:
    make_action(world, 1, day(5))
    Retention.objects.create(engagement=world.engagement, keep_until=day(9))
    with CaptureQueriesContext(connection) as few:
        items_few = collect_items(day(0))
    for n in range(2, 40):
        make_action(world, n, day(n % 20), world.user("business") if n % 2 else None)
    with CaptureQueriesContext(connection) as many:
        items_many = collect_items(day(0))
    assert len(items_many) > len(items_few) >= 3
    assert len(many.captured_queries) == len(few.captured_queries)


def test_digest_is_sent_once_a_day_to_people_with_something_to_read(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    make_action(world, 1, day(3), world.user("business"))  # due within a week
    with django_capture_on_commit_callbacks(execute=True):
        digest_run(now=at(0, 7))
        digest_run(now=at(0, 7, 30))
    digests = [m for m in mail.outbox if m.subject.startswith("Your daily summary")]
    assert [m.to for m in digests] == [[world.user("business").email]]
    assert "Action A1 of Engagement A" in digests[0].body and SECRET not in digests[0].body
    with django_capture_on_commit_callbacks(execute=True):
        digest_run(now=at(1, 7))
    assert DigestSent.objects.count() == 2


def test_default_rules_are_the_issue_table(world: World) -> None:
    table = {(r.event, r.offset_days, r.audience) for r in rules_of(world.engagement)}
    assert {(e, o) for e, o, _a in table} >= {
        ("action_due", -14),
        ("action_due", -7),
        ("action_due", -1),
        ("action_overdue", 1),
        ("draft_plan_due", -7),
        ("draft_plan_due", -1),
        ("draft_plan_due", 1),
        ("follow_up_interviews_due", -7),
        ("retention_ending", -14),
    }
    assert len(table) == len(DEFAULT_RULES)
    rules_of(world.engagement)
    assert ReminderRule.objects.filter(engagement=world.engagement).count() == len(DEFAULT_RULES)


def test_demo_adds_the_leads_rule_and_claims_what_is_due(world: World, django_capture_on_commit_callbacks: Any) -> None:
    from reminders.demo import seed_demo_reminders

    make_action(world, 1, timezone.localdate() + timedelta(days=7), world.user("business"))
    with django_capture_on_commit_callbacks(execute=True):
        seed_demo_reminders(world.engagement, {"lead@demo.example": world.user("lead")})
        seed_demo_reminders(world.engagement, {"lead@demo.example": world.user("lead")})
    assert ReminderRule.objects.filter(engagement=world.engagement).count() == len(DEFAULT_RULES) + 1
    assert Notification.objects.filter(user=world.user("business")).count() == 1


# --- pages ---------------------------------------------------------------------------------------------------


def test_lead_changes_a_rule_and_adds_one(world: World, client_for: Any) -> None:
    client = client_for("lead")
    url = reverse("reminders:rules", args=[world.engagement.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Save the rules" in page.content.decode()
    rules = list(rules_of(world.engagement))
    data = {}
    for rule in rules:
        prefix = f"rule-{rule.pk}-"
        data |= {prefix + "offset_days": rule.offset_days, prefix + "audience": rule.audience}
        data |= {prefix + "channel": rule.channel} | ({prefix + "active": "on"} if rule.active else {})
    target = next(r for r in rules if r.event == "action_due" and r.offset_days == -14)
    data[f"rule-{target.pk}-offset_days"] = -10
    data[f"rule-{target.pk}-channel"] = Channel.IN_APP
    assert client.post(url, data).status_code == 302
    target.refresh_from_db()
    assert (target.offset_days, target.channel) == (-10, Channel.IN_APP)
    assert AuditEntry.objects.filter(verb="reminders.rules_update", engagement=world.engagement).exists()
    assert DispatchState.objects.filter(next_run_at__isnull=False).count() == 0  # asks for a run

    add = reverse("reminders:rule_add", args=[world.engagement.pk])
    new = {"event": "action_due", "offset_days": -3, "audience": "lead_assessors", "channel": "email"}
    assert client.post(add, new).status_code == 302
    assert ReminderRule.objects.filter(engagement=world.engagement, offset_days=-3, audience="lead_assessors").exists()
    again = client.post(add, new)
    assert again.status_code == 200 and "at the same time to the same people" in again.content.decode()


def test_business_sees_the_rules_but_cannot_change_them(world: World, client_for: Any) -> None:
    client = client_for("business")
    url = reverse("reminders:rules", args=[world.engagement.pk])
    html = client.get(url).content.decode()
    assert "7 days before" in html and "Save the rules" not in html and "Add a rule" not in html
    assert client.post(url, {}).status_code == 403


def _notification(world: World, persona: str, title: str, url: str = "/engagements/") -> Notification:
    return Notification.objects.create(user=world.user(persona), engagement=world.engagement, title=title, url=url)


def test_notifications_are_ones_own(world: World, client_for: Any) -> None:
    mine = _notification(world, "business", "Test reminder for the business")
    theirs = _notification(world, "workerrep", "Test reminder for the worker representative")
    client = client_for("business")
    html = client.get(reverse("reminders:notifications")).content.decode()
    assert mine.title in html and theirs.title not in html
    assert 'id="unread-badge">1<' in html
    assert client.post(reverse("reminders:notification_read", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("reminders:notification_open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    opened = client.post(reverse("reminders:notification_open", args=[mine.pk]))
    assert opened.status_code == 302 and opened["Location"] == "/engagements/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert "unread-badge" not in client.get(reverse("reminders:notifications")).content.decode()


def test_a_notification_never_redirects_off_site(world: World, client_for: Any) -> None:
    bad = _notification(world, "lead", "Test", url="//evil.example/")
    response = client_for("lead").post(reverse("reminders:notification_open", args=[bad.pk]))
    assert response["Location"] == reverse("reminders:notifications")


def test_mark_all_read_and_the_badge_costs_one_query(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(3):
        _notification(world, "lead", f"Test reminder {n}")
    client = client_for("lead")
    assert client.post(reverse("reminders:notifications_read_all")).status_code == 302
    assert not Notification.objects.filter(user=world.user("lead"), read_at__isnull=True).exists()
    assert Notification.objects.filter(user=world.user("lead")).count() == 3


def test_a_former_participant_is_not_reminded(world: World, django_capture_on_commit_callbacks: Any) -> None:
    make_action(world, 1, day(7), world.user("assessor"))
    Participant.objects.filter(engagement=world.engagement, user=world.user("assessor")).delete()
    with django_capture_on_commit_callbacks(execute=True):
        reminders_run(now=at(0))
    assert not SentReminder.objects.exists() and not mail.outbox


# --- the email outbox: emails whose sender died or whose mail server was down ----------------------------


class _MailServerDown:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __enter__(self) -> _MailServerDown:
        raise ConnectionRefusedError("test: the mail server is down")

    def __exit__(self, *exc: object) -> None:
        pass


def test_an_email_that_could_not_go_is_sent_by_the_outbox_after_its_lease_once(
    world: World, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    make_action(world, 1, day(7), world.user("business"))
    make_action(world, 2, day(7), world.user("assessor"))
    with monkeypatch.context() as down:
        down.setattr(MailersHandler, "default", property(lambda self: _MailServerDown()))
        with django_capture_on_commit_callbacks(execute=True):
            assert reminders_run(now=at(0, 8))["claimed"] == 2
    assert not mail.outbox and Notification.objects.count() == 2, "in-app notices stand while mail is down"

    assert emails_outbox_run(now=at(0, 8, 5)) == {"reminders": 0}, "taken over while its lease still ran"
    assert emails_outbox_run(now=at(0, 8, 30)) == {"reminders": 2}
    assert emails_outbox_run(now=at(0, 9, 30)) == {"reminders": 0}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.user("business").email, world.user("assessor").email])
    ids = {m.extra_headers["Message-ID"] for m in mail.outbox}
    assert ids == {f"<reminder-{pk}@localhost>" for pk in SentReminder.objects.values_list("pk", flat=True)}
    assert not SentReminder.objects.filter(emailed_at__isnull=True).exists()


def test_the_outbox_does_not_send_a_reminder_days_late(world: World, monkeypatch: Any) -> None:
    make_action(world, 1, day(7), world.user("business"))
    reminders_run(now=at(0, 8))  # claimed; its email never went (no commit callbacks run here)
    assert emails_outbox_run(now=at(3, 8)) == {"reminders": 0} and not mail.outbox
    assert SentReminder.objects.get().emailed_at is None


def test_a_refused_address_does_not_hold_back_the_others(
    world: World, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    import smtplib

    from django.core.mail.backends.locmem import EmailBackend

    refused = world.user("assessor").email
    original = EmailBackend.send_messages

    def refuse_one(self: Any, messages: list[Any]) -> int:
        if messages[0].to == [refused]:
            raise smtplib.SMTPRecipientsRefused({refused: (550, b"test: no such mailbox")})
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_one)
    for n, person in enumerate(("assessor", "business", "workerrep"), start=1):
        make_action(world, n, day(7), world.user(person))
    with django_capture_on_commit_callbacks(execute=True):
        reminders_run(now=at(0, 8))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.user("business").email, world.user("workerrep").email])
    assert list(SentReminder.objects.filter(emailed_at__isnull=True).values_list("recipient__email", flat=True)) == [
        refused
    ]


def test_a_digest_whose_sender_died_is_sent_again_or_dropped_when_nothing_is_left(world: World) -> None:
    make_action(world, 1, day(3), world.user("business"))
    make_action(world, 2, day(3), world.user("assessor"))
    digest_run(now=at(0, 7))  # claimed; the sender died before the commit callbacks
    assert DigestSent.objects.count() == 2 and not mail.outbox
    Action.objects.filter(number=2).update(status=ActionStatus.CLOSED)  # the assessor has nothing left to read
    assert emails_outbox_run(now=at(0, 7, 30))["digests"] == 1
    assert [m.to for m in mail.outbox] == [[world.user("business").email]]
    assert "Action A1 of Engagement A" in mail.outbox[0].body
    assert list(DigestSent.objects.values_list("user__email", flat=True)) == [world.user("business").email]
    assert emails_outbox_run(now=at(0, 9)) == {"reminders": 0}


# --- two beats at once: a real worker pair through real Redis --------------------------------------------


@pytest.fixture
def two_workers(transactional_db: None, tmp_path: Path) -> Iterator[Path]:
    mail_dir = tmp_path / "mail"
    workers = (Worker(f"reminders{i}", concurrency=2, **file_mail_env(mail_dir)) for i in range(2))
    with running(*workers):
        yield mail_dir


@pytest.mark.celery_worker
def test_two_beats_at_once_send_no_duplicates(two_workers: Path) -> None:
    world = build_world()
    for n in range(1, 21):
        make_action(world, n, day(7 if n % 2 else 14), world.user("business") if n % 3 else None)
    Retention.objects.create(engagement=world.engagement, keep_until=day(14))
    ticks = [at(0, 8), at(0, 8, 1), at(7, 8), at(7, 8, 1)]
    # Each tick twice, as two beats would send it; and forced full runs twice, so that the claims (not only
    # the schedule's lease) are what stands between two runs at once.
    for moment in ticks:
        for force in (False, False, True, True):
            celery_app.send_task("reminders.dispatch", kwargs={"now": moment.isoformat(), "force": force})
    # Day 0: the -7 of the ten actions due on day 7, the -14 of the ten due on day 14, the retention's -14.
    # Day 7: the -7 of the ten due on day 14, and the -1 of the ten due on day 7 (day 6's, caught up).
    expected = 10 + 10 + 1 + 10 + 10
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and (
        SentReminder.objects.count() < expected or len(_reminder_emails(two_workers)) < expected
    ):
        time.sleep(0.5)
    time.sleep(3)  # let any duplicate that is coming arrive
    emails = Counter(_reminder_emails(two_workers))
    assert SentReminder.objects.count() == expected
    assert Notification.objects.count() == expected
    assert sum(emails.values()) == expected and max(emails.values()) == 1, emails


def _reminder_emails(folder: Path) -> list[tuple[str, str]]:
    found = []
    for message in mail_messages(folder):
        headers = mail_headers(message)
        if headers.get("Subject", "").startswith("Reminder:"):
            found.append((headers["To"], headers["Subject"]))
    return found
