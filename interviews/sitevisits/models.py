"""What the team records on site in phase 4: site checklists and the document review.

Step 5, "Assess working and living areas for each site": every item of the reference's site
checklist (``site_checklist`` in ``reference/domain-reference.yaml``: working areas, living areas
and the ILO R115 housing points) observed per site as fine, an issue or not applicable, with a
note and an optional photo stripped of all metadata (``photos.py``).

Step 3, "Carry out document review": each document on phase 3's request list reviewed as received
or not, with the issues found and a flag for a document suspected withheld or falsified, which the
guide asks to "record as both a finding and a limitation". The business never sees a review.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from mapping_platform.db import BaseModel

ENGAGEMENT = "engagements.Engagement"


# --- Site checklists ------------------------------------------------------------------------------


class ObservationStatus(models.TextChoices):
    FINE = "fine", _("Fine")
    ISSUE = "issue", _("Issue")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class PhotoType(models.TextChoices):
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"


class SiteObservation(BaseModel):
    """One checklist item as observed at one site; a blank status means "not yet observed"."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="site_observations")
    site = models.ForeignKey("sampling.AssessmentSite", on_delete=models.CASCADE, related_name="observations")
    item = models.CharField(_("checklist item"), max_length=40, help_text=_("The id of the reference's item."))
    status = models.CharField(_("observed"), max_length=16, choices=ObservationStatus.choices, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=4000)
    # Re-encoded without any metadata; served only by an access-checked view.
    photo = models.FileField(_("photo"), max_length=200, blank=True)
    photo_thumbnail = models.FileField(max_length=200, blank=True)
    photo_type = models.CharField(max_length=4, choices=PhotoType.choices, blank=True)
    observed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["item"]
        constraints = [models.UniqueConstraint(fields=["site", "item"], name="sitevisits_one_observation_per_item")]

    def __str__(self) -> str:
        # No note here: audit entries keep str(target) as their label.
        return f"{self.site_id} · {self.item}"

    @property
    def is_observed(self) -> bool:
        return bool(self.status)


# --- Document review ------------------------------------------------------------------------------


class Received(models.TextChoices):
    YES = "yes", _("Received")
    PARTLY = "partly", _("Partly received")
    NO = "no", _("Not received")


class DocumentIssue(models.TextChoices):
    """Issues a document can reveal (the guide's document review and the Annex B/C risks)."""

    UNLAWFUL_DEDUCTIONS = "unlawful_deductions", _("Unlawful or excessive payslip deductions")
    BELOW_MINIMUM_WAGE = "below_minimum_wage", _("Wages below the legal minimum")
    OVERTIME = "overtime", _("Unpaid or excessive overtime")
    CONTRACT_SUBSTITUTION = (
        "contract_substitution",
        _("Contract substitution (the contract differs from the one signed at origin)"),
    )
    CONTRACT_LANGUAGE = "contract_language", _("Contract not in a language the worker understands")
    MISSING_CONTRACT = "missing_contract", _("Missing contract")
    RECRUITMENT_FEES = "recruitment_fees", _("Recruitment fees charged to workers")
    DOCUMENTS_HELD = "documents_held", _("Passports or identity documents held by the employer")
    LEAVING_RESTRICTED = "leaving_restricted", _("Restrictions on leaving, or resignation penalties")
    NO_SOCIAL_INSURANCE = "no_social_insurance", _("Missing social insurance")
    OTHER = "other", _("Other")


class DocumentFlag(models.TextChoices):
    WITHHELD = "withheld", _("Suspected withheld")
    FALSIFIED = "falsified", _("Suspected falsified")


class DocumentReview(BaseModel):
    """The team's review of one requested document (phase 4, step 3). Never shown to the business."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="document_reviews")
    request = models.OneToOneField("preparation.DocumentRequest", on_delete=models.CASCADE, related_name="review")
    received = models.CharField(_("received"), max_length=8, choices=Received.choices)
    notes = models.TextField(_("reviewer's notes"), blank=True, max_length=8000)
    issues = models.JSONField(_("issues found"), default=list, blank=True)
    other_issue = models.CharField(_("other issue"), max_length=300, blank=True)
    flag = models.CharField(_("flag"), max_length=12, choices=DocumentFlag.choices, blank=True)
    flag_explanation = models.TextField(_("why it is flagged"), blank=True, max_length=4000)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["request__created_at"]

    def __str__(self) -> str:
        return f"Review of {self.request_id}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        unknown = set(self.issues) - set(DocumentIssue.values)
        if unknown:
            errors["issues"] = _("Choose issues from the list.")
        if DocumentIssue.OTHER in self.issues and not self.other_issue.strip():
            errors["other_issue"] = _("Describe the other issue.")
        if self.flag and not self.flag_explanation.strip():
            errors["flag_explanation"] = _("Explain why the document is flagged: the report lists it as a limitation.")
        if errors:
            raise ValidationError(errors)

    def issue_labels(self) -> list[str]:
        labels = [str(DocumentIssue(code).label) for code in self.issues if code != DocumentIssue.OTHER]
        if DocumentIssue.OTHER in self.issues:
            labels.append(self.other_issue)
        return labels
