"""The PostgreSQL connection dropped in the middle of a submission: the tablet retries and the record is stored once.

The server's connection is really killed (``pg_terminate_backend`` from a second connection) after the
respondent and the encrypted response were written, just before the synced-record row: the transaction
dies with the connection, the tablet sees a 5xx, retries the same PUT, and gets 201 with one record.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import psycopg2
import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from interviews.fieldwork.models import SyncedRecord
from tests.conftest import build_world, verify_session
from tests.interviews.test_fieldwork import payload, published
from tests.workers import needs
from vault.models import Respondent, Response

pytestmark = pytest.mark.django_db(transaction=True)


def _terminate(pid: int) -> None:
    db = connection.settings_dict
    other = psycopg2.connect(
        dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"] or None, host=db["HOST"], port=db["PORT"]
    )
    try:
        other.autocommit = True
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone()[0] is True
    finally:
        other.close()


def _counts() -> tuple[int, int, int]:
    return Respondent.objects.count(), Response.objects.count(), SyncedRecord.objects.count()


def test_a_submission_whose_connection_dies_mid_transaction_is_stored_once_on_retry(monkeypatch: Any) -> None:
    needs(connection.vendor == "postgresql", "PostgreSQL (the test kills a backend)")
    world = build_world()
    version = published(world)
    interviewer = world.user("interviewer")
    client = Client(raise_request_exception=False)
    client.force_login(interviewer, backend="django.contrib.auth.backends.ModelBackend")
    verify_session(client, interviewer)
    url = reverse("fieldwork:record_sync", args=[world.engagement.pk, uuid.uuid4()])
    body = json.dumps(payload(version))
    before = _counts()

    original_create = SyncedRecord.objects.create
    killed: list[int] = []

    def create_after_the_connection_died(**kwargs: Any) -> Any:
        if not killed:
            # Respondent and response are written in this transaction; now the connection goes away.
            assert Response.objects.count() == before[1] + 1
            killed.append(connection.connection.info.backend_pid)
            _terminate(killed[0])
        return original_create(**kwargs)

    monkeypatch.setattr(SyncedRecord.objects, "create", create_after_the_connection_died)
    first = client.put(url, data=body, content_type="application/json")
    assert killed and first.status_code >= 500
    # The next request runs on a fresh connection, as Django's close_old_connections gives a server process
    # (the test client leaves that step out).
    connection.close()
    assert _counts() == before, "the dead transaction left rows behind"

    retry = client.put(url, data=body, content_type="application/json")
    assert retry.status_code == 201, retry.content
    again = client.put(url, data=body, content_type="application/json")
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    assert _counts() == (before[0] + 1, before[1] + 1, before[2] + 1)
    assert connection.connection.info.backend_pid != killed[0]
