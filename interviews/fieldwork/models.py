"""What a tablet sent, keyed by the UUID the device made (phase 4, step 4: data sheets reach the server once).

Only a keyed digest of the content is kept here, to recognise a retry; the content itself is stored by
the vault (encrypted, pseudonymous). A different content under a known UUID is held, encrypted, as a
conflict for the interviewer to resolve: never overwritten.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mapping_platform.db import BaseModel


class SyncedRecord(models.Model):
    id = models.UUIDField(primary_key=True, help_text="Made on the device.")
    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="synced_records")
    interviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    digest = models.CharField(max_length=64, help_text="HMAC of the content under the engagement's response key.")
    respondent = models.ForeignKey("vault.Respondent", on_delete=models.SET_NULL, null=True, related_name="+")
    response = models.ForeignKey("vault.Response", on_delete=models.SET_NULL, null=True, related_name="+")
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Record {self.pk}"


class Resolution(models.TextChoices):
    KEPT = "kept", _("The stored version was kept")
    REPLACED = "replaced", _("The stored answers were replaced by the held ones")


class SyncConflict(BaseModel):
    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="+")
    record = models.ForeignKey(SyncedRecord, on_delete=models.CASCADE, related_name="conflicts")
    digest = models.CharField(max_length=64)
    ciphertext = models.BinaryField(editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=12, choices=Resolution.choices, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["record", "digest"], name="one_conflict_per_content")]

    def __str__(self) -> str:
        return f"Conflict on {self.record_id}"


class SlotProgress(models.Model):
    """How many interviews were synced for a scheduled slot: a count, never which respondent.

    Deliberately without timestamps (unlike ``BaseModel``): a "last changed" time would line a slot
    (a time, a room, list positions) up with the respondent created in the same second.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="+")
    slot = models.OneToOneField("sampling.InterviewSlot", on_delete=models.CASCADE, related_name="progress")
    interviews = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.interviews} interview(s) in slot {self.slot_id}"
