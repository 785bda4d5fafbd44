"""10,000 due actions through beat and the worker: how long, and no duplicates.

Run: .venv/bin/python bench/reminders.py [N]  (DATABASE_URL: PostgreSQL; REDIS_URL: a Redis database to use).
Uses a throwaway test database. N open actions (default 10,000) over 10 engagements, each due in exactly 7
days, so that every one fires its "7 days before" rule today. With REDIS_URL, two real Celery workers take
the same beat tick twice and two forced full runs at once (as two beats, or a beat run twice, would), and
the emails go to files; without it, the same four runs go in-process, one after the other. Prints the time
until every reminder is claimed and emailed, and checks: N claims, N notifications, N emails, no duplicate.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mapping_platform.settings_test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402

ENGAGEMENTS = 10


def seed(n: int) -> None:
    from django.utils import timezone

    from actionplans.models import Action, ActionKind, ActionPlan
    from engagements.services.engagements import engagement_create
    from engagements.services.participants import participant_set
    from tenancy.roles import EngagementRole
    from tenancy.services import organisation_create
    from tests.factories import UserFactory

    owner = UserFactory(email="bench-owner@test.example", full_name="Test Owner")
    org = organisation_create(actor=owner, name="Test Bench Organisation", owner=owner)
    due = timezone.localdate() + timedelta(days=7)
    actions = []
    for e in range(ENGAGEMENTS):
        engagement = engagement_create(actor=owner, organisation=org, title=f"Test engagement {e}")
        business = UserFactory(email=f"business{e}@test.example", full_name=f"Test Business {e}")
        participant_set(actor=owner, engagement=engagement, user=business, role=EngagementRole.BUSINESS_REVIEWER)
        plan = ActionPlan.objects.create(engagement=engagement)
        actions += [
            Action(
                plan=plan,
                number=i + 1,
                kind=ActionKind.IMPROVEMENT_SHORT,
                what="Test action",
                target_outcome="Test outcome",
                indicator="Test indicator",
                responsible_person="Test Person",
                responsible_organisation="Test Organisation",
                responsible_user=business,
                due_date=due,
                created_by=owner,
            )
            for i in range(n // ENGAGEMENTS)
        ]
    Action.objects.bulk_create(actions, batch_size=2000)


def start_workers(mail_dir: Path) -> list[subprocess.Popen]:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mapping_platform.settings",
        "DATABASE_URL": f"postgres://{db['USER'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "test-only-secret-key-not-for-any-deployment-0123456789"),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "testserver",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    command = [sys.executable, "-m", "celery", "-A", "mapping_platform", "worker", "--concurrency", "2"]
    command += ["--without-mingle", "--without-gossip", "--without-heartbeat", "--loglevel", "WARNING"]
    return [subprocess.Popen([*command, "-n", f"bench{i}@%h"], cwd=BASE_DIR, env=env) for i in range(2)]


def emails_in(mail_dir: Path) -> Counter:
    found: Counter = Counter()
    for path in mail_dir.glob("*.log"):
        for message in path.read_text().split("-" * 79):
            headers = dict(line.split(": ", 1) for line in message.strip().splitlines() if ": " in line[:40])
            if headers.get("Subject", "").startswith("Reminder:"):
                found[(headers["To"], headers["Subject"], message.split("\n\n", 1)[-1])] += 1
    return found


def main(n: int) -> int:
    from django.core import mail
    from django.utils import timezone

    from mapping_platform.celery import app as celery_app
    from reminders.models import Notification, SentReminder

    seed(n)
    now = timezone.now().isoformat()
    with tempfile.TemporaryDirectory() as tmp:
        mail_dir = Path(tmp)
        real = bool(os.environ.get("REDIS_URL"))
        workers = start_workers(mail_dir) if real else []
        celery_app.conf.task_always_eager = not real
        if real:
            time.sleep(5)  # let the workers connect before the clock starts
        start = time.perf_counter()
        try:
            for force in (False, False, True, True):
                if real:
                    celery_app.send_task("reminders.dispatch", kwargs={"now": now, "force": force})
                else:
                    celery_app.tasks["reminders.dispatch"].apply(kwargs={"now": now, "force": force})
            deadline = time.monotonic() + 600
            while real and time.monotonic() < deadline:
                if SentReminder.objects.filter(emailed_at__isnull=False).count() >= n:
                    break
                time.sleep(0.5)
            elapsed = time.perf_counter() - start
            if real:
                time.sleep(3)  # any duplicate still on its way
        finally:
            for worker in workers:
                worker.send_signal(signal.SIGTERM)
            for worker in workers:
                worker.wait(timeout=60)
        emails = (
            emails_in(mail_dir)
            if real
            else Counter((m.to[0], m.subject, m.body) for m in mail.outbox if m.subject.startswith("Reminder:"))
        )
    claims, notifications = SentReminder.objects.count(), Notification.objects.count()
    sent, most = sum(emails.values()), max(emails.values(), default=0)
    print(f"{n} due actions, {'two real workers' if real else 'in-process'}: {elapsed:.1f}s until all were sent")
    print(f"claims {claims}, notifications {notifications}, emails {sent}, most copies of one email {most}")
    ok = claims == notifications == sent == n and most == 1
    print("OK: exactly once" if ok else "FAILED")
    from bench.results import record

    how = "two real Celery workers, one beat tick sent twice and two forced runs" if real else "in-process"
    record(
        "e. Reminders (bench/reminders.py)",
        [
            f"{n} due actions, {how}: {elapsed:.1f} s until all were sent ({n / elapsed:.0f} reminders/s)",
            f"claims {claims}, notifications {notifications}, emails {sent}, most copies of one email {most}",
            f"goal: every reminder exactly once: {'OK' if ok else 'FAILED'}",
        ],
    )
    return 0 if ok else 1


if __name__ == "__main__":
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        code = main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
    finally:
        teardown_databases(old, verbosity=0)
    sys.exit(code)
