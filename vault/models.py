"""The interview data vault (product brief, "Data protection").

* Answers belong to a ``Respondent`` known only by a random pseudonym, with coarse
  demographics for disaggregation. No name, phone or document number is ever here.
* An ``Identity`` is a separate, separately encrypted record. Nothing links it to a
  respondent except the pseudonym inside its ciphertext, and a keyed digest of that
  pseudonym which only the engagement's identity key can compute (so it can be found
  without decrypting everyone, and is unlinkable once that key is destroyed).
* Each engagement has its own data keys, stored only wrapped by a master key.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagements.demographics import UNDISCLOSED, AgeBand, gender_choices
from mapping_platform.db import BaseModel
from vault.fields import FastCountryField


class KeyPurpose(models.TextChoices):
    RESPONSES = "responses", _("Interview responses")
    IDENTITIES = "identities", _("Identities")


class DataKey(BaseModel):
    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="data_keys")
    purpose = models.CharField(max_length=12, choices=KeyPurpose.choices)
    wrapped = models.BinaryField(null=True, editable=False)
    master_kid = models.CharField(max_length=64, blank=True)
    destroyed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["engagement", "purpose"], name="one_data_key_per_purpose")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} key of {self.engagement_id}"


class ContractType(models.TextChoices):
    DIRECT = "direct", _("Direct")
    SUBCONTRACTED = "subcontracted", _("Subcontracted")
    AGENCY = "agency", _("Agency")
    PART_TIME = "part_time", _("Part-time")
    OTHER = "other", _("Other")


class RespondentKind(models.TextChoices):
    WORKER = "worker", _("Migrant worker")
    MANAGEMENT = "management", _("Employer management")
    RECRUITER = "recruiter", _("Labour recruiter staff")
    GROUP = "group", _("Group of migrant workers")


class Respondent(BaseModel):
    """A person interviewed, known only by pseudonym, with coarse demographics."""

    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="respondents")
    pseudonym = models.CharField(max_length=16)
    kind = models.CharField(
        _("interviewee"), max_length=12, choices=RespondentKind.choices, default=RespondentKind.WORKER
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    nationality = FastCountryField(_("nationality"), blank=True)
    gender = models.CharField(_("gender"), max_length=24, choices=gender_choices, blank=True)
    age_band = models.CharField(_("age band"), max_length=24, choices=[*AgeBand.choices, UNDISCLOSED], blank=True)
    recruiter = models.CharField(_("recruiter"), max_length=120, blank=True)
    site = models.CharField(_("site"), max_length=120, blank=True)
    department = models.CharField(_("department"), max_length=120, blank=True)
    contract_type = models.CharField(_("contract type"), max_length=16, choices=ContractType.choices, blank=True)
    recruitment_year = models.PositiveSmallIntegerField(_("recruitment year"), null=True, blank=True)
    # A group interview records how many took part and their make-up in counts, never who they were.
    group_size = models.PositiveSmallIntegerField(_("participants"), null=True, blank=True)
    group_composition = models.JSONField(
        _("participants by group"), default=dict, blank=True, help_text=_('Counts, e.g. {"gender": {"woman": 4}}.')
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["engagement", "pseudonym"], name="unique_pseudonym")]
        # The debrief's fingerprint: the latest change of an engagement's respondents, by one index probe.
        indexes = [models.Index(fields=["engagement", "updated_at"], name="vault_respondent_changed")]

    def __str__(self) -> str:
        return self.pseudonym


class ConsentKind(models.TextChoices):
    WRITTEN = "written", _("Written")
    VERBAL = "verbal", _("Verbal")


class Consent(BaseModel):
    """Informed consent, recorded before any answer is stored (guide, phase 3 step 6)."""

    respondent = models.OneToOneField(Respondent, on_delete=models.CASCADE, related_name="consent")
    kind = models.CharField(_("consent given"), max_length=8, choices=ConsentKind.choices)
    witnessed_by = models.CharField(_("witnessed by"), max_length=200)
    given_on = models.DateField(_("date"))
    language = models.CharField(_("language"), max_length=60)
    use_in_report = models.BooleanField(_("answers may be used in the report (aggregated)"), default=True)
    anonymous_quotes = models.BooleanField(_("anonymous quotes may be used"), default=False)
    share_with_third_party = models.BooleanField(_("may be shared with a named third party"), default=False)
    third_party = models.CharField(_("third party"), max_length=200, blank=True)
    follow_up_calls = models.BooleanField(
        _("agrees to a follow-up call (phone kept in the identity vault)"), default=False
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Consent of {self.respondent_id}"


class Response(BaseModel):
    """One interview's answers, encrypted with the engagement's response key."""

    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="responses")
    interviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    questionnaire = models.CharField(max_length=64, default="core-interim")
    questionnaire_version = models.ForeignKey(
        "questionnaires.QuestionnaireVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
    )
    ciphertext = models.BinaryField(editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True, help_text=_("When the day's sheet was handed in."))

    class Meta:
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["engagement", "interviewer", "submitted_at"]),
            # The debrief's fingerprint: count and latest change of an engagement's responses, index only.
            models.Index(fields=["engagement", "updated_at"], name="vault_response_changed"),
        ]

    def __str__(self) -> str:
        return f"Response {self.pk}"


class Identity(BaseModel):
    """Who a respondent is. Only the encrypted payload names the pseudonym."""

    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="identities")
    lookup = models.CharField(max_length=64, db_index=True, help_text="Keyed digest of the pseudonym.")
    ciphertext = models.BinaryField(editable=False)

    class Meta:
        verbose_name_plural = "identities"

    def __str__(self) -> str:
        return f"Identity {self.pk}"


class Retention(BaseModel):
    """The agreed retention period for an engagement's personal data (identities)."""

    engagement = models.OneToOneField("engagements.Engagement", on_delete=models.CASCADE, related_name="retention")
    keep_until = models.DateField(_("keep personal data until"))
    warned_at = models.DateTimeField(null=True, blank=True)
    destroyed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Retention of {self.engagement_id} until {self.keep_until}"
