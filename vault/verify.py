"""Proof that every record of the vault decrypts, engagement by engagement (one key unwrap each)."""

from __future__ import annotations

from dataclasses import dataclass, field

from vault.crypto import DecryptionError
from vault.envelope import KeyDestroyed, cipher_for
from vault.keys import MasterKeyMissing
from vault.models import DataKey, Identity, KeyPurpose, Response
from vault.records import identity_aad, response_aad


@dataclass
class Report:
    responses: int = 0
    identities: int = 0
    shredded: int = 0
    failures: list[str] = field(default_factory=list)


def verify_all() -> Report:
    report = Report()
    destroyed = set(
        DataKey.objects.filter(purpose=KeyPurpose.IDENTITIES, destroyed_at__isnull=False).values_list(
            "engagement_id", flat=True
        )
    )
    for model, purpose, aad, attr in (
        (Response, KeyPurpose.RESPONSES, response_aad, "responses"),
        (Identity, KeyPurpose.IDENTITIES, identity_aad, "identities"),
    ):
        ciphers: dict = {}
        for pk, engagement_id, blob in model.objects.values_list("id", "engagement_id", "ciphertext").iterator():
            if purpose == KeyPurpose.IDENTITIES and engagement_id in destroyed:
                report.shredded += 1
                continue
            try:
                if engagement_id not in ciphers:
                    ciphers[engagement_id] = cipher_for(engagement_id, purpose, create=False)
                ciphers[engagement_id].decrypt(blob, aad(pk, engagement_id))
            except (DecryptionError, KeyDestroyed, MasterKeyMissing):
                report.failures.append(f"{model.__name__} {pk}")
                continue
            setattr(report, attr, getattr(report, attr) + 1)
    return report
