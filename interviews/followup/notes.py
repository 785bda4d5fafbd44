"""Sealing and opening the notes of a follow-up call with the engagement's response key.

The ciphertext is bound to its row and engagement (associated data), as the vault binds responses.
"""

from __future__ import annotations

from typing import Any

import orjson

from interviews.followup.models import FollowUpCall
from vault.crypto import Cipher
from vault.envelope import cipher_for
from vault.models import KeyPurpose


def _aad(call: FollowUpCall) -> bytes:
    return f"follow-up-call:{call.pk}:{call.engagement_id}".encode()


def seal_notes(call: FollowUpCall, *, note: str, referral: str) -> None:
    cipher = cipher_for(call.engagement_id, KeyPurpose.RESPONSES)
    call.ciphertext = cipher.encrypt(orjson.dumps({"note": note, "referral": referral}), _aad(call))


def notes_cipher(engagement_id: Any) -> Cipher:
    """One unwrapped key for a page of calls."""
    return cipher_for(engagement_id, KeyPurpose.RESPONSES)


def open_notes(call: FollowUpCall, cipher: Cipher) -> dict[str, str]:
    return orjson.loads(cipher.decrypt(call.ciphertext, _aad(call)))
