"""Real Celery workers for the tests about background work: on the test's database, Redis, media and keys.

CI sets CELERY_WORKER_TESTS and REDIS_URL; without REDIS_URL (a laptop's SQLite run) such a test is skipped,
and with CELERY_WORKER_TESTS set but no Redis it fails rather than skip silently.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from mapping_platform.celery import app as celery_app

BASE_DIR = Path(__file__).resolve().parent.parent


def needs(available: bool, what: str) -> None:
    """A test's prerequisite: skipped without it on a laptop's `make test`, a failure in CI (where
    CELERY_WORKER_TESTS is set and everything is there), so that CI never passes by skipping."""
    if available:
        return
    if os.environ.get("CELERY_WORKER_TESTS"):
        pytest.fail(f"CI must have {what}")
    pytest.skip(f"needs {what} (CI has it)")


def require_redis() -> str:
    redis_url = os.environ.get("REDIS_URL", "")
    needs(bool(redis_url), "REDIS_URL")
    return redis_url


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """A Celery worker in its own process group (a kill reaches its pool's children too)."""

    def __init__(self, name: str = "celery", concurrency: int = 1, **extra_env: str) -> None:
        self.name = name
        self.concurrency = concurrency
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "mapping_platform.settings",
            "DATABASE_URL": database_url(),
            "REDIS_URL": require_redis(),
            "SECRET_KEY": os.environ.get("SECRET_KEY", "test-only-secret-key-not-for-any-deployment-0123456789"),
            "DEBUG": "false",
            "ALLOWED_HOSTS": "testserver",
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "VAULT_MASTER_KEYS": settings.VAULT_MASTER_KEYS,
            "STATIC_MANIFEST": "false",
            **extra_env,
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> Worker:
        command = [sys.executable, "-m", "celery", "-A", "mapping_platform", "worker", "-n", f"{self.name}@%h"]
        command += ["--concurrency", str(self.concurrency), "--without-mingle", "--without-gossip"]
        command += ["--without-heartbeat", "--loglevel", "WARNING"]
        self.process = subprocess.Popen(command, cwd=BASE_DIR, env=self.env, start_new_session=True)
        return self

    def kill(self) -> None:
        """As a crash or an OOM kill would: no warm shutdown, nothing handed back to the broker."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


@contextmanager
def not_eager() -> Iterator[None]:
    """Tasks go to the broker (the test settings run them in-process otherwise)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = previous


@contextmanager
def running(*workers: Worker) -> Iterator[tuple[Worker, ...]]:
    with not_eager():
        try:
            yield tuple(worker.start() for worker in workers)
        finally:
            for worker in workers:
                worker.stop()


def wait_for(predicate: Callable[[], Any], timeout: float, what: str, every: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(every)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def file_mail_env(folder: Path) -> dict[str, str]:
    """A worker whose emails are written to files in ``folder`` (Django's file backend)."""
    return {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": str(folder)}


def mail_messages(folder: Path) -> list[str]:
    """Every message a file backend wrote (a file may hold several, each ending in a line of dashes)."""
    found = []
    for path in sorted(folder.glob("*.log")) if folder.exists() else []:
        found += [part for part in path.read_text().split("-" * 79) if "Subject:" in part]
    return found


def mail_headers(message: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in message.strip().splitlines() if ": " in line[:40])
