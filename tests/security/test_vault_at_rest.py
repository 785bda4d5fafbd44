"""A copy of the database alone reveals no answer and no name."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from tests.conftest import World
from tests.vault_helpers import interview
from vault.crypto import DecryptionError
from vault.models import Identity, Response
from vault.records import open_identity, open_response

pytestmark = pytest.mark.django_db

ANSWER_SENTINEL = "SENTINEL-ANSWER-7f3a9c"
NAME_SENTINEL = "Sentinelname Zqxwvut"


def _every_stored_value() -> list[tuple[str, str, Any]]:
    values = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                values.extend((table, column, value) for column, value in zip(columns, row, strict=True))
    return values


def _contains(value: Any, needle: str) -> bool:
    if isinstance(value, memoryview | bytes | bytearray):
        raw = bytes(value)
        return needle.encode() in raw or needle.encode("utf-16-le") in raw
    return needle in str(value)


def test_no_table_holds_an_answer_or_a_name_in_clear(world: World) -> None:
    for i in range(3):
        interview(
            world.user("interviewer"),
            world.engagement,
            answers={"notes": f"{ANSWER_SENTINEL} number {i}", "paid_recruitment_fees": "yes"},
            identity={"name": f"{NAME_SENTINEL} {i}", "phone": "+00 000 0000"},
        )
    # The data are there and usable by the vault...
    assert any(ANSWER_SENTINEL in open_response(r)["notes"] for r in Response.objects.all())
    assert any(NAME_SENTINEL in open_identity(i)["name"] for i in Identity.objects.all())
    # ...and nowhere in clear, in any column of any table.
    leaks = [
        (t, c)
        for t, c, v in _every_stored_value()
        if _contains(v, ANSWER_SENTINEL) or _contains(v, NAME_SENTINEL) or _contains(v, "Sentinelname")
    ]
    assert not leaks, f"plaintext found in {leaks}"


def test_no_column_links_a_response_to_an_identity(world: World) -> None:
    respondent = interview(world.user("interviewer"), world.engagement, identity={"name": NAME_SENTINEL})
    identity_columns = {f.column for f in Identity._meta.concrete_fields}
    assert not {"respondent_id", "pseudonym", "response_id"} & identity_columns
    for _table, _column, value in _every_stored_value():
        if _table == Identity._meta.db_table:
            assert respondent.pseudonym not in str(value) and str(respondent.pk) not in str(value)


def test_a_ciphertext_moved_to_another_row_fails_to_decrypt_loudly(world: World) -> None:
    first = interview(world.user("interviewer"), world.engagement, answers={"notes": "first"})
    second = interview(world.user("interviewer"), world.engagement, answers={"notes": "second"})
    a, b = Response.objects.get(respondent=first), Response.objects.get(respondent=second)
    Response.objects.filter(pk=b.pk).update(ciphertext=a.ciphertext)
    with pytest.raises(DecryptionError):
        open_response(Response.objects.get(pk=b.pk))


def test_a_ciphertext_moved_to_another_engagement_fails_to_decrypt_loudly(world: World) -> None:
    ours = interview(world.user("interviewer"), world.engagement, answers={"notes": "ours"})
    theirs = interview(world.user("other_org"), world.other_engagement, answers={"notes": "theirs"})
    stolen = Response.objects.get(respondent=ours).ciphertext
    Response.objects.filter(respondent=theirs).update(ciphertext=stolen)
    with pytest.raises(DecryptionError):
        open_response(Response.objects.get(respondent=theirs))


def test_an_altered_ciphertext_fails_to_decrypt(world: World) -> None:
    respondent = interview(world.user("interviewer"), world.engagement)
    response = Response.objects.get(respondent=respondent)
    blob = bytearray(bytes(response.ciphertext))
    blob[-1] ^= 0x01
    Response.objects.filter(pk=response.pk).update(ciphertext=bytes(blob))
    with pytest.raises(DecryptionError):
        open_response(Response.objects.get(pk=response.pk))
