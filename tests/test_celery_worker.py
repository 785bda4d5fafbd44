"""Background work through a real Celery worker and Redis (CI runs this; it needs REDIS_URL)."""

from __future__ import annotations

import email
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engagements.services.participants import invitation_create
from tenancy.roles import EngagementRole
from tests.conftest import build_world
from tests.workers import Worker, file_mail_env, running

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture
def celery_worker_process(transactional_db: None, tmp_path: Path) -> Iterator[Path]:
    mail_dir = tmp_path / "mail"
    with running(Worker(**file_mail_env(mail_dir))):
        yield mail_dir


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
