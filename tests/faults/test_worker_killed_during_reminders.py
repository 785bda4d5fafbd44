"""The Celery worker killed while it sends reminder emails: after the outbox pass, each went out once.

A real worker on real Redis runs the day's reminders; its mail server is slow (tests/faults/slow_mail.py).
Once some emails are out, the worker is killed as an OOM kill would (SIGKILL to its process group). The
claims and in-app notifications were committed before any email left; the ones already sent are stamped.
A new worker's outbox pass leaves the rest alone while their lease runs (their sender might still be alive),
then sends exactly those once the lease has ended. Every reminder reaches its person once; none twice.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail

from mapping_platform.celery import app as celery_app
from reminders.dispatch import emails_outbox_run
from reminders.models import Notification, SentReminder
from tests.actionplans.test_reminders import at, day, make_action
from tests.conftest import build_world
from tests.workers import Worker, mail_headers, mail_messages, not_eager, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.celery_worker]

ACTIONS = 24


def _message_ids(folder: Path) -> Counter:
    return Counter(mail_headers(message)["Message-ID"] for message in mail_messages(folder))


def _sent() -> int:
    return SentReminder.objects.filter(emailed_at__isnull=False).count()


def test_a_worker_killed_while_emailing_reminders_loses_none_and_doubles_none(tmp_path: Path) -> None:
    world = build_world()
    people = [world.user(p) for p in ("lead", "assessor", "business", "workerrep")]
    for n in range(1, ACTIONS + 1):
        make_action(world, n, day(7), people[n % len(people)])  # each: the -7 reminder, to its one person
    mail_dir = tmp_path / "mail"
    env = {"EMAIL_BACKEND": "tests.faults.slow_mail.EmailBackend", "EMAIL_FILE_PATH": str(mail_dir)}
    tick = at(0, 8)

    with not_eager():
        first = Worker("first", **env).start()
        try:
            celery_app.send_task("reminders.dispatch", kwargs={"now": tick.isoformat(), "force": True})
            # Killed once a few are out and stamped: the worker is then inside the next, slow, send.
            wait_for(lambda: _sent() >= 4 and sum(_message_ids(mail_dir).values()) >= 4, 60, "the first emails")
            first.kill()
        finally:
            first.stop()

        assert SentReminder.objects.count() == ACTIONS, "the claims were committed before any email left"
        assert Notification.objects.count() == ACTIONS
        stamped_at_kill = _sent()
        assert stamped_at_kill < ACTIONS, "every email went out before the kill: nothing was interrupted"
        assert sum(_message_ids(mail_dir).values()) == stamped_at_kill, "an email went out without its stamp"

        # Within the lease the claims still belong to their sender (for all the pass knows, alive): untouched.
        assert emails_outbox_run(now=tick + timedelta(minutes=5)) == {"reminders": 0}
        assert not mail.outbox and _sent() == stamped_at_kill

        second = Worker("second", SLOW_MAIL_SECONDS="0", **env).start()
        try:
            # Past the lease, a pass in the new worker takes them over and sends each once.
            celery_app.send_task("reminders.email_outbox", kwargs={"now": (tick + timedelta(minutes=12)).isoformat()})
            wait_for(lambda: _sent() == ACTIONS, 60, "the outbox pass to send the rest")
        finally:
            second.stop()

    ids = _message_ids(mail_dir)
    claims = {f"reminder-{pk}" for pk in SentReminder.objects.values_list("pk", flat=True)}
    assert {message_id.strip("<>").split("@")[0] for message_id in ids} == claims, "a reminder was lost"
    assert max(ids.values()) == 1, f"a reminder was emailed twice: {ids.most_common(3)}"
    assert Notification.objects.count() == ACTIONS, "the in-app notifications were doubled"
