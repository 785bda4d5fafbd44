"""Sealing and opening a grievance case's texts with the engagement's response key.

The same mechanism as the follow-up call notes (``interviews.followup.notes``): AES-GCM with the engagement's
vault data key, the ciphertext bound to its row and engagement (associated data).
"""

from __future__ import annotations

from typing import Any

import orjson

from actionplans.followups.models import GrievanceCase
from vault.crypto import Cipher
from vault.envelope import cipher_for
from vault.models import KeyPurpose


def _aad(case: GrievanceCase) -> bytes:
    return f"grievance:{case.pk}:{case.engagement_id}".encode()


def grievance_cipher(engagement_id: Any) -> Cipher:
    """One unwrapped key for a page of cases."""
    return cipher_for(engagement_id, KeyPurpose.RESPONSES)


def seal_texts(case: GrievanceCase, *, description: str, outcome: str, cipher: Cipher | None = None) -> None:
    cipher = cipher or grievance_cipher(case.engagement_id)
    case.ciphertext = cipher.encrypt(orjson.dumps({"description": description, "outcome": outcome}), _aad(case))


def open_texts(case: GrievanceCase, cipher: Cipher | None = None) -> dict[str, str]:
    cipher = cipher or grievance_cipher(case.engagement_id)
    return orjson.loads(cipher.decrypt(case.ciphertext, _aad(case)))
