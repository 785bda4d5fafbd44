"""Authenticated encryption (AES-256-GCM) with associated data binding each ciphertext to its row.

Blob layout: 1 version byte | 12-byte random nonce | ciphertext and tag.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSION = b"\x01"
NONCE_BYTES = 12
KEY_BYTES = 32


class DecryptionError(Exception):
    """The ciphertext is not this row's, was altered, or its key is wrong or gone."""


class Cipher:
    """One key, reused for a batch: build it once, then encrypt or decrypt many records."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("AES-256 keys are 32 bytes.")
        self._aead = AESGCM(key)

    def encrypt(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return VERSION + nonce + self._aead.encrypt(nonce, plaintext, aad)

    def decrypt(self, blob: bytes, aad: bytes) -> bytes:
        blob = bytes(blob)
        if blob[:1] != VERSION:
            raise DecryptionError("Unknown ciphertext version.")
        try:
            return self._aead.decrypt(blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :], aad)
        except InvalidTag as exc:
            raise DecryptionError("Ciphertext does not belong here or was altered.") from exc


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)
