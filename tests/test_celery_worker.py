"""Background work through a real Celery worker and Redis (CI runs this; it needs REDIS_URL)."""

from __future__ import annotations

import email
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from engagements.services.participants import invitation_create
from mapping_platform.celery import app as celery_app
from tenancy.roles import EngagementRole
from tests.conftest import build_world

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture
def celery_worker_process(transactional_db: None, tmp_path: Path) -> Iterator[Path]:
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        if os.environ.get("CELERY_WORKER_TESTS"):
            pytest.fail("CELERY_WORKER_TESTS is set but REDIS_URL is not")
        pytest.skip("needs REDIS_URL (CI sets it)")
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        database_url = f"sqlite:///{db['NAME']}"
    else:
        database_url = f"postgres://{db['USER'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mapping_platform.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "test-only-secret-key-not-for-any-deployment-0123456789"),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "testserver",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "mapping_platform",
            "worker",
            "--concurrency",
            "1",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
            "--loglevel",
            "WARNING",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield mail_dir
    finally:
        celery_app.conf.task_always_eager = previous
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def _wait_for_files(folder: Path, timeout: float = 30) -> list[Path]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = sorted(folder.glob("*.log")) if folder.exists() else []
        # The backend creates the file, then writes the message and a closing line of dashes.
        if files and all(("-" * 79) in f.read_text() for f in files):
            return files
        time.sleep(0.2)
    return []


def test_invitation_email_is_sent_by_the_worker_after_commit(celery_worker_process: Path, settings: Any) -> None:
    world = build_world()
    invitation = invitation_create(
        actor=world.user("lead"),
        organisation=world.org,
        engagement=world.engagement,
        email="fieldworker@test.example",
        engagement_role=EngagementRole.INTERVIEWER,
    )
    files = _wait_for_files(celery_worker_process)
    assert len(files) == 1, "the worker sent no email"
    message = email.message_from_string(files[0].read_text().split("\n" + "-" * 79)[0])
    body = message.get_payload(decode=True).decode()
    assert message["To"] == "fieldworker@test.example"
    assert re.search(r"/invitations/\S+/", body)
    assert world.engagement.title in body
    assert invitation.pk  # the task took the id, never the content
