"""Per-engagement data keys, wrapped by the master key (envelope encryption).

Only this module unwraps a data key; only ``vault.records`` uses one. Nothing else decrypts.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from vault.crypto import Cipher, DecryptionError, new_key
from vault.keys import current_master_key, master_key
from vault.models import DataKey, KeyPurpose


class KeyDestroyed(Exception):
    """The engagement's identity key was destroyed at the end of retention: identities are gone."""


def _wrap_aad(engagement_id: Any, purpose: str) -> bytes:
    return f"datakey:{engagement_id}:{purpose}".encode()


def _wrap(key: bytes, engagement_id: Any, purpose: str) -> tuple[bytes, str]:
    master = current_master_key()
    return Cipher(master.key).encrypt(key, _wrap_aad(engagement_id, purpose)), master.kid


def _unwrap(data_key: DataKey) -> bytes:
    if data_key.destroyed_at is not None or data_key.wrapped is None:
        raise KeyDestroyed("This engagement's identity data were destroyed at the end of retention.")
    master = master_key(data_key.master_kid)
    return Cipher(master.key).decrypt(bytes(data_key.wrapped), _wrap_aad(data_key.engagement_id, data_key.purpose))


def data_key(engagement_id: Any, purpose: KeyPurpose, *, create: bool = True) -> bytes:
    """The engagement's data key for the purpose, unwrapped; made on first use."""
    row = DataKey.objects.filter(engagement_id=engagement_id, purpose=purpose).first()
    if row is None:
        if not create:
            raise DecryptionError("No data key exists for this engagement.")
        row = _create(engagement_id, purpose)
    return _unwrap(row)


def _create(engagement_id: Any, purpose: str) -> DataKey:
    key = new_key()
    wrapped, kid = _wrap(key, engagement_id, purpose)
    try:
        with transaction.atomic():
            return DataKey.objects.create(engagement_id=engagement_id, purpose=purpose, wrapped=wrapped, master_kid=kid)
    except IntegrityError:  # made at the same moment by another request
        return DataKey.objects.get(engagement_id=engagement_id, purpose=purpose)


def cipher_for(engagement_id: Any, purpose: KeyPurpose, *, create: bool = True) -> Cipher:
    return Cipher(data_key(engagement_id, purpose, create=create))


def pseudonym_lookup(engagement_id: Any, pseudonym: str) -> str:
    """A digest of the pseudonym that only the engagement's identity key can compute."""
    key = data_key(engagement_id, KeyPurpose.IDENTITIES)
    return hmac.new(key, f"lookup:{pseudonym}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def rewrap_all_data_keys() -> int:
    """Rewrap every live data key under the newest master key (rotation)."""
    count = 0
    for row in DataKey.objects.select_for_update().filter(destroyed_at__isnull=True):
        key = _unwrap(row)
        row.wrapped, row.master_kid = _wrap(key, row.engagement_id, row.purpose)
        row.save(update_fields=["wrapped", "master_kid", "updated_at"])
        count += 1
    return count


def destroy_data_key(engagement_id: Any, purpose: KeyPurpose) -> bool:
    """Crypto-shredding: forget the wrapped key. True if a live key was destroyed."""
    updated = DataKey.objects.filter(engagement_id=engagement_id, purpose=purpose, destroyed_at__isnull=True).update(
        wrapped=None, destroyed_at=timezone.now()
    )
    if not updated and not DataKey.objects.filter(engagement_id=engagement_id, purpose=purpose).exists():
        # Never used: record the destruction so that no key can be made later.
        DataKey.objects.create(engagement_id=engagement_id, purpose=purpose, wrapped=None, destroyed_at=timezone.now())
        return True
    return bool(updated)
