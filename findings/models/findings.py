"""Findings and their triangulation (guide, phase 5 step 1).

A finding states an issue (or a good practice), its root cause, how severe it is, the ILO indicators
and Annex B/C risks it shows, who is affected and how many, the evidence, and a recommendation aimed
at the root cause. Each finding links its sources: worker interviews (aggregated: the figures for
its indicators and risks, never an answer), management interviews, documents reviewed and site
observations, each agreeing, contradicting or silent. "Flag untriangulated issues as limitations
and recommend follow-up": a finding that fewer than two kinds of source agree with is single-source.

The team writes findings as drafts; the lead assessor releases them to the business and the worker
representatives, who then see released findings only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mapping_platform.db import BaseModel

ENGAGEMENT = "engagements.Engagement"


class Severity(models.TextChoices):
    """The grades social audits use, most severe first."""

    CRITICAL = "critical", _("Critical (zero tolerance)")
    MAJOR = "major", _("Major")
    MINOR = "minor", _("Minor")
    OBSERVATION = "observation", _("Observation")
    GOOD_PRACTICE = "good_practice", _("Good practice")


SEVERITY_RANK = {severity: rank for rank, severity in enumerate(Severity)}

SEVERITY_HELP = {
    Severity.CRITICAL: _(
        "A forced-labour or trafficking indicator, child labour, a threat to life or limb, severe restriction "
        "of movement, physical or sexual abuse: needs immediate action and remediation."
    ),
    Severity.MAJOR: _(
        "A breach of the law or the standard that is systemic, or that seriously harms workers (fees charged, "
        "unlawful deductions, contract substitution): needs corrective action in the short term."
    ),
    Severity.MINOR: _(
        "An isolated breach, or a gap in a policy or system, that does not put workers at immediate risk."
    ),
    Severity.OBSERVATION: _("Not a breach: a risk or a weakness worth improving before it becomes one."),
    Severity.GOOD_PRACTICE: _("What the business does beyond what is required, to keep and to share."),
}


class FindingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (assessment team only)")
    RELEASED = "released", _("Released to the business and worker representatives")


class Term(models.TextChoices):
    """When the recommendation should be carried out (guide: immediate, medium and long term)."""

    IMMEDIATE = "immediate", _("Immediate")
    MEDIUM = "medium", _("Medium term")
    LONG = "long", _("Long term")


class Dimension(models.TextChoices):
    """The groups a finding's affected workers may be broken down by (phase 5 disaggregation)."""

    NATIONALITY = "nationality", _("Nationality")
    GENDER = "gender", _("Gender")
    AGE_BAND = "age_band", _("Age band")
    SITE = "site", _("Site")
    RECRUITER = "recruiter", _("Recruiter")
    RECRUITMENT_YEAR = "recruitment_year", _("Recruitment year")
    CONTRACT_TYPE = "contract_type", _("Contract type")
    CORRIDOR = "corridor", _("Corridor")


class Finding(BaseModel):
    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="findings")
    number = models.PositiveIntegerField(_("number"), editable=False)
    title = models.CharField(_("title"), max_length=200)
    severity = models.CharField(_("severity"), max_length=16, choices=Severity.choices)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    root_cause = models.TextField(_("root cause"), max_length=6000, blank=True)
    indicators = models.JSONField(_("ILO forced-labour indicators"), default=list, blank=True)
    risks = models.JSONField(_("Annex B and C risks"), default=list, blank=True)
    affected_groups = models.CharField(_("affected groups"), max_length=500, blank=True)
    workers_affected = models.PositiveIntegerField(_("workers who reported it"), null=True, blank=True)
    workers_asked = models.PositiveIntegerField(_("workers asked"), null=True, blank=True)
    breakdown_dimension = models.CharField(_("broken down by"), max_length=20, choices=Dimension.choices, blank=True)
    # [{"group": "Myanmar", "count": 12}, ...]; the rest of workers_affected is "not recorded".
    breakdown = models.JSONField(_("workers affected per group"), default=list, blank=True)
    evidence = models.TextField(_("evidence"), max_length=10000, blank=True)
    recommendation = models.TextField(_("recommendation"), max_length=10000, blank=True)
    recommendation_term = models.CharField(_("when"), max_length=10, choices=Term.choices, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.DRAFT)
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revised_at = models.DateTimeField(_("revised after release"), null=True, blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["engagement", "number"], name="findings_unique_number")]

    def __str__(self) -> str:
        return f"F{self.number} {self.title}"

    @property
    def is_released(self) -> bool:
        return self.status == FindingStatus.RELEASED

    @property
    def severity_help(self) -> str:
        return str(SEVERITY_HELP[Severity(self.severity)])

    @property
    def agreeing_kinds(self) -> list[str]:
        """The kinds of source that agree, in the order of SourceKind (uses prefetched sources)."""
        agreeing = {s.kind for s in self.sources.all() if s.stance == Stance.AGREES}
        return [kind for kind in SourceKind.values if kind in agreeing]

    @property
    def is_single_source(self) -> bool:
        """Not triangulated: fewer than two kinds of source agree (a limitation needing follow-up)."""
        return len(self.agreeing_kinds) < 2


class SourceKind(models.TextChoices):
    """The four kinds of source the guide triangulates, in the order a finding lists them."""

    WORKER_INTERVIEWS = "worker_interviews", _("Worker interviews (aggregated)")
    MANAGEMENT_INTERVIEW = "management_interview", _("Management or labour-recruiter interview")
    DOCUMENT_REVIEW = "document_review", _("Document reviewed")
    SITE_OBSERVATION = "site_observation", _("Site observation")


class Stance(models.TextChoices):
    AGREES = "agrees", _("Agrees")
    CONTRADICTS = "contradicts", _("Contradicts")
    SILENT = "silent", _("Silent")


# Which reference field each kind of source carries; worker interviews carry none (they are aggregated).
SOURCE_FIELD = {
    SourceKind.WORKER_INTERVIEWS: None,
    SourceKind.MANAGEMENT_INTERVIEW: "respondent",
    SourceKind.DOCUMENT_REVIEW: "document_review",
    SourceKind.SITE_OBSERVATION: "observation",
}


class FindingSource(BaseModel):
    """One source of a finding and what it says. The team's alone: outsiders see kinds and stances only."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="+")
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("source"), max_length=24, choices=SourceKind.choices)
    stance = models.CharField(_("what it says"), max_length=12, choices=Stance.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    # A management or labour-recruiter interview: the respondent, shown by pseudonym to the team only.
    respondent = models.ForeignKey(
        "vault.Respondent", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    document_review = models.ForeignKey(
        "sitevisits.DocumentReview", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    observation = models.ForeignKey(
        "sitevisits.SiteObservation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["finding"],
                condition=models.Q(kind="worker_interviews"),
                name="findings_one_worker_interviews_source",
            ),
            models.UniqueConstraint(fields=["finding", "respondent"], name="findings_source_respondent_once"),
            models.UniqueConstraint(fields=["finding", "document_review"], name="findings_source_review_once"),
            models.UniqueConstraint(fields=["finding", "observation"], name="findings_source_observation_once"),
            # Each kind carries exactly its own reference (worker interviews: none).
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind="worker_interviews",
                        respondent__isnull=True,
                        document_review__isnull=True,
                        observation__isnull=True,
                    )
                    | models.Q(
                        kind="management_interview",
                        respondent__isnull=False,
                        document_review__isnull=True,
                        observation__isnull=True,
                    )
                    | models.Q(
                        kind="document_review",
                        respondent__isnull=True,
                        document_review__isnull=False,
                        observation__isnull=True,
                    )
                    | models.Q(
                        kind="site_observation",
                        respondent__isnull=True,
                        document_review__isnull=True,
                        observation__isnull=False,
                    )
                ),
                name="findings_source_reference_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        # No note here: audit entries keep str(target) as their label.
        return f"{self.get_kind_display()} for {self.finding_id}"
