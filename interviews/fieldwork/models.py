"""What a tablet sent, keyed by the UUID the device made (phase 4, step 4: data sheets reach the server once).

Only a keyed digest of the content is kept here, to recognise a retry; the content itself is stored by
the vault (encrypted, pseudonymous). A different content under a known UUID is held, encrypted, as a
conflict for the interviewer to resolve: never overwritten.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from mapping_platform.db import BaseModel


class SyncedRecord(models.Model):
    id = models.UUIDField(primary_key=True, help_text="Made on the device.")
    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="synced_records")
    interviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    digest = models.CharField(max_length=64, help_text="HMAC of the content under the engagement's response key.")
    respondent = models.ForeignKey("vault.Respondent", on_delete=models.SET_NULL, null=True, related_name="+")
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Record {self.pk}"


class SyncConflict(BaseModel):
    record = models.ForeignKey(SyncedRecord, on_delete=models.CASCADE, related_name="conflicts")
    digest = models.CharField(max_length=64)
    ciphertext = models.BinaryField(editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record", "digest"], name="one_conflict_per_content")]

    def __str__(self) -> str:
        return f"Conflict on {self.record_id}"
