"""Redis restarted in the middle of a day's sync: nothing lost, nothing doubled, no stale figures after.

What a sync touches in Redis: nothing on its write path. Sessions and the login throttle (django-axes) are in
PostgreSQL, the sync service writes only to PostgreSQL and queues no task; Redis holds the cache of the
debrief and analysis figures, keyed by a fingerprint of the engagement's responses. So the proof is: records
sent before, during (Redis down) and after a restart of a real redis-server are each stored once; the tablet's
blind retries of all of them are duplicates; and the debrief read after the restart counts every record
(an empty Redis recomputes, a surviving entry would be under an older fingerprint).
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from django.urls import reverse

from interviews.debrief.selectors import debrief_for
from interviews.fieldwork.models import SyncedRecord
from tests.conftest import World
from tests.interviews.test_fieldwork import payload, published
from tests.workers import needs
from vault.models import Respondent, Response

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """A throwaway redis-server of this test's own (never the shared one), without persistence."""

    def __init__(self, port: int, folder: Path) -> None:
        self.port, self.folder, self.process = port, folder, None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                redis.Redis.from_url(self.url, socket_timeout=0.5).ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def own_redis(tmp_path: Path, settings: Any) -> Iterator[RedisServer]:
    needs(shutil.which("redis-server") is not None, "redis-server")
    server = RedisServer(_free_port(), tmp_path)
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    try:
        yield server
    finally:
        server.stop()


def _send_until_acknowledged(client: Any, url: str, body: str, attempts: int = 3) -> int:
    """What the tablet's outbox does: retry after a 5xx or a lost connection, a bounded number of times."""
    status = 0
    for _ in range(attempts):
        status = client.put(url, data=body, content_type="application/json").status_code
        if status < 500:
            return status
    return status


def test_a_sync_across_a_redis_restart_loses_and_doubles_nothing(
    own_redis: RedisServer, world: World, client_for: Any
) -> None:
    version = published(world)
    client = client_for("interviewer")
    client.raise_request_exception = False
    records = [
        (reverse("fieldwork:record_sync", args=[world.engagement.pk, uuid.uuid4()]), json.dumps(payload(version)))
        for _ in range(6)
    ]
    statuses = [_send_until_acknowledged(client, url, body) for url, body in records[:2]]
    assert debrief_for(world.engagement).interviews == 2  # now cached in Redis

    own_redis.stop()
    statuses += [_send_until_acknowledged(client, url, body) for url, body in records[2:4]]
    own_redis.start()  # empty, as after a restart without persistence
    statuses += [_send_until_acknowledged(client, url, body) for url, body in records[4:]]
    assert statuses == [201] * 6

    # The outbox resends everything it is unsure of: each is a duplicate, nothing new.
    assert [_send_until_acknowledged(client, url, body) for url, body in records] == [200] * 6
    assert SyncedRecord.objects.count() == 6
    assert Respondent.objects.filter(engagement=world.engagement).count() == 6
    assert Response.objects.filter(engagement=world.engagement).count() == 6
    assert debrief_for(world.engagement).interviews == 6
