"""Phase 8: what an engagement publishes, who approved it, the published versions, and the external log.

The lead assessor chooses what the public version holds (``Disclosure``: report sections, released findings,
actions). What it holds is fingerprinted (``disclosure.content``): an approval binds one fingerprint, so an
edit to a chosen finding or action after approval asks for approval again. The business and the workers'
side each approve; once both approved the current fingerprint the lead publishes. A published version is a
frozen copy of the approved content (``content``), rendered to PDF by a worker and shown at a random
address (``Disclosure.slug``, never the engagement's id) until it is unpublished.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mapping_platform.db import BaseModel

ENGAGEMENT = "engagements.Engagement"


class Section(models.TextChoices):
    """The parts of the public version, in the order it shows them (the report's, then the plan's)."""

    SUMMARY = "summary", _("Summary")
    ABOUT = "about", _("About this assessment")
    FINDINGS = "findings", _("Findings")
    NUMBERS = "numbers", _("Workers reporting each issue")
    FEES = "fees", _("Recruitment fees and remediation")
    RECOMMENDATIONS = "recommendations", _("Recommendations")
    ACTION_PLAN = "action_plan", _("Action plan")
    PROGRESS = "progress", _("Progress of the actions")


class ApprovalSide(models.TextChoices):
    """The two sides whose approval publishing needs (``findings.selectors.findings.side_of``)."""

    BUSINESS = "business", _("The business")
    WORKERS = "workers", _("The workers' side")


class Disclosure(BaseModel):
    """The engagement's public version as the lead assessor currently chooses it."""

    engagement = models.OneToOneField(ENGAGEMENT, on_delete=models.CASCADE, related_name="disclosure")
    # The public address: random, so that it tells nothing about the engagement and cannot be guessed.
    slug = models.UUIDField(_("public address"), default=uuid.uuid4, unique=True, editable=False)
    sections = models.JSONField(_("sections"), default=list, blank=True)
    findings = models.ManyToManyField("findings.Finding", related_name="+", blank=True)
    actions = models.ManyToManyField("actionplans.Action", related_name="+", blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    chosen_at = models.DateTimeField(_("chosen"), null=True, blank=True)
    # The fingerprint when the selection was last saved; approvals are checked against the live one.
    fingerprint = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"Public version of {self.engagement}"


class Approval(BaseModel):
    """One side's approval of one fingerprint. Withdrawn approvals are kept (the audit trail of who agreed)."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="approvals")
    side = models.CharField(_("side"), max_length=10, choices=ApprovalSide.choices)
    fingerprint = models.CharField(max_length=64)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(_("approved"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-approved_at"]
        constraints = [
            # One standing approval per side and fingerprint: approving twice is one approval.
            models.UniqueConstraint(
                fields=["disclosure", "side", "fingerprint"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="disclosure_one_standing_approval",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()} approval"


class PdfStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    RENDERING = "rendering", _("Rendering")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class PublishedVersion(BaseModel):
    """A numbered, frozen copy of approved content. Live while not unpublished; the newest live one is shown."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="versions")
    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    fingerprint = models.CharField(max_length=64)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("published"))
    unpublished_at = models.DateTimeField(_("unpublished"), null=True, blank=True)
    unpublished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pdf_status = models.CharField(max_length=10, choices=PdfStatus.choices, default=PdfStatus.QUEUED)
    pdf_claim = models.UUIDField(null=True, blank=True, editable=False)
    pdf = models.FileField(upload_to="disclosure/", max_length=255, blank=True)
    pdf_pages = models.PositiveIntegerField(null=True, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    pdf_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "number"], name="disclosure_unique_version_number")
        ]

    def __str__(self) -> str:
        return f"Public version {self.number}"

    @property
    def is_live(self) -> bool:
        return self.unpublished_at is None

    @property
    def pdf_ready(self) -> bool:
        return self.pdf_status == PdfStatus.DONE and bool(self.pdf)


class EngagementKind(models.TextChoices):
    """Guide, phase 8 step 1: dialogue, collective action, governments, ethical recruitment initiatives."""

    MEETING = "meeting", _("Meeting")
    COLLECTIVE_ACTION = "collective_action", _("Coalition or collective action")
    GOVERNMENT = "government", _("Dialogue with government")
    ETHICAL_RECRUITMENT = "ethical_recruitment", _("Ethical recruitment initiative")
    OTHER = "other", _("Other")


class ExternalEngagement(BaseModel):
    """One entry of the external engagement log: whom the results were discussed with, and what came of it."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="external_engagements")
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=24, choices=EngagementKind.choices)
    parties = models.CharField(
        _("parties"), max_length=500, help_text=_("Organisations taking part; name organisations, not people.")
    )
    summary = models.TextField(_("summary"), max_length=4000)
    outcome = models.TextField(_("outcome"), max_length=4000, blank=True)
    follow_up = models.TextField(_("follow-up"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%Y-%m-%d}"
