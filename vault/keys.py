"""Master keys (key-encryption keys) come from the environment or a mounted secret file.

``VAULT_MASTER_KEYS`` holds ``kid:base64key`` entries separated by commas, newest first:
the newest wraps new data keys, any of them unwraps. They are never derived from
SECRET_KEY and never stored in the database.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from vault.crypto import KEY_BYTES, new_key


@dataclass(frozen=True)
class MasterKey:
    kid: str
    key: bytes


class MasterKeyMissing(Exception):
    """A data key was wrapped by a master key that is no longer configured."""


@cache
def _parse(raw: str) -> tuple[MasterKey, ...]:
    keys = []
    for entry in (part.strip() for part in raw.split(",")):
        if not entry:
            continue
        kid, sep, encoded = entry.partition(":")
        try:
            key = base64.urlsafe_b64decode(encoded.encode())
        except (binascii.Error, ValueError) as exc:
            raise ImproperlyConfigured(f"VAULT_MASTER_KEYS entry {kid!r} is not base64.") from exc
        if not sep or not kid or len(key) != KEY_BYTES:
            raise ImproperlyConfigured("VAULT_MASTER_KEYS entries must be 'kid:base64' with a 32-byte key.")
        keys.append(MasterKey(kid=kid, key=key))
    if len({k.kid for k in keys}) != len(keys):
        raise ImproperlyConfigured("VAULT_MASTER_KEYS has two keys with the same id.")
    return tuple(keys)


def master_keys() -> tuple[MasterKey, ...]:
    return _parse(settings.VAULT_MASTER_KEYS or "")


def current_master_key() -> MasterKey:
    keys = master_keys()
    if not keys:
        raise ImproperlyConfigured("No vault master key is configured (VAULT_MASTER_KEYS).")
    return keys[0]


def master_key(kid: str) -> MasterKey:
    for key in master_keys():
        if key.kid == kid:
            return key
    raise MasterKeyMissing(f"Master key {kid!r} is not configured.")


def generate_master_key_entry(kid: str | None = None) -> str:
    kid = kid or f"k{secrets.token_hex(4)}"
    return f"{kid}:{base64.urlsafe_b64encode(new_key()).decode()}"
