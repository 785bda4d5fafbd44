"""Encrypting and decrypting the vault's records. Each ciphertext is bound to its row and engagement."""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator
from typing import Any

import orjson
from django.db import connection, transaction

from vault.crypto import Cipher
from vault.envelope import cipher_for
from vault.models import Identity, KeyPurpose, Response


def response_aad(response_id: Any, engagement_id: Any) -> bytes:
    return f"response:{response_id}:{engagement_id}".encode()


def identity_aad(identity_id: Any, engagement_id: Any) -> bytes:
    return f"identity:{identity_id}:{engagement_id}".encode()


def seal_response(response: Response, answers: dict[str, Any], cipher: Cipher | None = None) -> None:
    cipher = cipher or cipher_for(response.engagement_id, KeyPurpose.RESPONSES)
    response.ciphertext = cipher.encrypt(orjson.dumps(answers), response_aad(response.pk, response.engagement_id))


def open_response(response: Response, cipher: Cipher | None = None) -> dict[str, Any]:
    cipher = cipher or cipher_for(response.engagement_id, KeyPurpose.RESPONSES, create=False)
    return orjson.loads(cipher.decrypt(response.ciphertext, response_aad(response.pk, response.engagement_id)))


def iter_engagement_answers(engagement_id: Any) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(response id, respondent id, answers) for every response of an engagement.

    One key unwrap and one query. On PostgreSQL the rows stream from a server-side cursor
    read by a helper thread while this one decrypts (the network wait overlaps the CPU work).
    """
    cipher = None
    aad_prefix, aad_suffix = b"response:", f":{engagement_id}".encode()
    for chunk in _response_rows(engagement_id):
        if cipher is None:
            cipher = cipher_for(engagement_id, KeyPurpose.RESPONSES, create=False)
        decrypt, loads = cipher.decrypt, orjson.loads
        for response_id, respondent_id, blob in chunk:
            yield response_id, respondent_id, loads(decrypt(blob, aad_prefix + response_id.encode() + aad_suffix))


_CHUNK = 1000


def _response_rows(engagement_id: Any) -> Iterator[list[tuple[str, str, bytes]]]:
    if connection.vendor != "postgresql":
        rows = Response.objects.filter(engagement_id=engagement_id).values_list("id", "respondent_id", "ciphertext")
        chunk: list[tuple[str, str, bytes]] = []
        for response_id, respondent_id, blob in rows.iterator(chunk_size=_CHUNK):
            chunk.append((str(response_id), str(respondent_id), blob))
            if len(chunk) >= _CHUNK:
                yield chunk
                chunk = []
        if chunk:
            yield chunk
        return
    sql = (
        f"SELECT id::text, respondent_id::text, ciphertext FROM {Response._meta.db_table} "  # noqa: S608
        "WHERE engagement_id = %s"
    )
    yield from _pipelined(sql, [str(engagement_id)])


def _pipelined(sql: str, params: list[Any]) -> Iterator[list[tuple[Any, ...]]]:
    """Rows of a PostgreSQL query in chunks, fetched by a helper thread ahead of the consumer."""
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        chunks: queue.Queue[Any] = queue.Queue(maxsize=4)
        stop = threading.Event()

        def produce() -> None:
            try:
                while not stop.is_set() and (rows := cursor.fetchmany(_CHUNK)):
                    chunks.put(rows)
            except BaseException as exc:  # handed to the consumer, which raises it
                chunks.put(exc)
            finally:
                chunks.put(None)

        reader = threading.Thread(target=produce, name="vault-row-reader", daemon=True)
        reader.start()
        try:
            while (item := chunks.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            # The consumer may stop early: let the reader finish and drain what it queued.
            stop.set()
            while reader.is_alive():
                with contextlib.suppress(queue.Empty):
                    chunks.get(timeout=0.05)


def seal_identity(identity: Identity, payload: dict[str, Any]) -> None:
    cipher = cipher_for(identity.engagement_id, KeyPurpose.IDENTITIES)
    identity.ciphertext = cipher.encrypt(orjson.dumps(payload), identity_aad(identity.pk, identity.engagement_id))


def open_identity(identity: Identity) -> dict[str, Any]:
    cipher = cipher_for(identity.engagement_id, KeyPurpose.IDENTITIES, create=False)
    return orjson.loads(cipher.decrypt(identity.ciphertext, identity_aad(identity.pk, identity.engagement_id)))
