"""Rendered reports: each one a stored, numbered version of a PDF (guide, phase 5 step 1, key actions 4-5).

A rendering is asked for in a request and made by a Celery worker (``findings.reports.tasks``), never
inside a request. Its row is made when asked for, so a version exists (numbered, with who asked and
when) before any worker starts, and the worker only fills it in: a worker that dies half-way and is
replaced finishes the same version, never a second one.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mapping_platform.db import BaseModel


class ReportKind(models.TextChoices):
    PRELIMINARY = "preliminary", _("Preliminary findings summary")
    FULL = "full", _("Assessment report")


class Audience(models.TextChoices):
    # The team's copy shows every figure; it is marked confidential on every page.
    TEAM = "team", _("Assessment team: confidential, every figure shown")
    # The stakeholders' copy hides every figure drawn from fewer than k respondents.
    STAKEHOLDERS = "stakeholders", _("Stakeholders: small figures suppressed")


class RenderingStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    RENDERING = "rendering", _("Rendering")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


PENDING = (RenderingStatus.QUEUED, RenderingStatus.RENDERING)

# A rendering with no sign of life for this long has no worker left on it (the hard time limit would
# have ended any): a worker may take it over, and the team may queue it again.
STALE_AFTER = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)

# Said to the people who see the rendering: why it failed, and what to do. Never a trace, never data.
ERRORS: dict[str, Any] = {
    "template": _(
        "The report's template could not be filled in, so no file was made. Try again; if it fails "
        "again, tell the platform's administrators the version number."
    ),
    "layout": _(
        "The pages could not be laid out, so no file was made. Try again; if it fails again, tell the "
        "platform's administrators the version number."
    ),
    "timeout": _("The rendering took longer than allowed and was stopped. Try again, in fewer languages if you can."),
    "unavailable": _(
        "The database or the file store did not answer, so no file was stored. Try again in a few minutes."
    ),
    "unexpected": _(
        "The rendering stopped on an unexpected error and no file was made. Try again; if it fails "
        "again, tell the platform's administrators the version number."
    ),
}


class RenderingStage(models.TextChoices):
    """What a worker is doing, shown beside the progress bar."""

    GATHERING = "gathering", _("Gathering findings and figures")
    WRITING = "writing", _("Writing the pages")
    LAYOUT = "layout", _("Laying out the pages")
    SAVING = "saving", _("Saving the PDF")
    RETRYING = "retrying", _("Waiting to try again")


class ReportRendering(BaseModel):
    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="report_renderings")
    kind = models.CharField(_("report"), max_length=12, choices=ReportKind.choices)
    audience = models.CharField(_("for"), max_length=12, choices=Audience.choices)
    languages = models.JSONField(_("languages"), default=list)
    number = models.PositiveIntegerField(_("version"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("asked for at"), default=timezone.now)

    status = models.CharField(max_length=10, choices=RenderingStatus.choices, default=RenderingStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    stage = models.CharField(max_length=20, choices=RenderingStage.choices, blank=True)
    # What went wrong, in words safe for anyone who may see the rendering: never a trace or a worker's data.
    error_code = models.CharField(max_length=20, blank=True)
    error = models.CharField(max_length=300, blank=True)

    # Which attempt holds the rendering: a worker finishes it only while its claim stands.
    attempts = models.PositiveSmallIntegerField(default=0)
    claim = models.UUIDField(null=True, blank=True)
    worker = models.CharField(max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    # Never under a public URL: only through the access-checked download view.
    file = models.FileField(max_length=300, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)

    shared_at = models.DateTimeField(_("shared for feedback"), null=True, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "kind", "number"], name="one_report_version_number"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="report_progress_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.number}"

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING

    @property
    def is_done(self) -> bool:
        return self.status == RenderingStatus.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == RenderingStatus.FAILED

    @property
    def is_stalled(self) -> bool:
        """Waiting or rendering with no sign of life for longer than any worker may take."""
        last = self.heartbeat_at or self.requested_at
        return self.is_pending and last < timezone.now() - STALE_AFTER

    @property
    def may_retry(self) -> bool:
        return self.is_failed or self.is_stalled

    @property
    def error_message(self) -> str:
        """Why it failed, in the reader's language (the stored text is the worker's, in English)."""
        return str(ERRORS[self.error_code]) if self.error_code in ERRORS else self.error

    @property
    def is_confidential(self) -> bool:
        return self.audience == Audience.TEAM

    @property
    def filename(self) -> str:
        kind = "assessment-report" if self.kind == ReportKind.FULL else "preliminary-findings"
        suffix = "-confidential" if self.is_confidential else ""
        return f"{kind}-v{self.number}{suffix}.pdf"
