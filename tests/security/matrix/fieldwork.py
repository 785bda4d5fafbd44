"""Rows for the field sync API (phase 4)."""

from __future__ import annotations

import uuid
from typing import Any

from tests.conftest import World
from tests.security.matrix.common import Row, e_kw, expect

RECORD = uuid.UUID("00000000-0000-4000-8000-00000000a001")


def record_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "record_id": RECORD}


PAYLOAD = {
    "consent": {"kind": "verbal", "witnessed_by": "Test Witness", "given_on": "2026-11-20", "language": "Khmer"},
    "demographics": {"kind": "worker", "nationality": "KH"},
    "answers": {"paid_recruitment_fees": "no"},
}

# Only the people who capture interviews may sync them; the API answers anonymous callers 403.
ROWS: dict[str, Row] = {
    "fieldwork:record_sync": Row(
        {
            "PUT": expect(403, anonymous=403, lead=201, assessor=201, interviewer=201),
            "GET": expect(405, anonymous=403, other_org=405),
        },
        kwargs=record_kw,
        data=lambda w: PAYLOAD,
    ),
}
