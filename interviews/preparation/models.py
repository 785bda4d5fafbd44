"""Phase 3 of the method: preparation for the human and labour rights assessment.

Registers the guide asks for before anyone interviews a worker: desk research and referral services
(step 1), procedures and their sign-off (step 2), the introductory meeting and commitment (step 3),
the pre-assessment survey and requested documents (step 4), the team (step 6) and the letter to
workers (step 7). Questionnaires, the sample and the schedule live in their own apps.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from engagements.demographics import Gender
from interviews.preparation.languages import language_name
from mapping_platform.db import BaseModel

ENGAGEMENT = "engagements.Engagement"


# --- Uploaded files -----------------------------------------------------------------------------


class FileKind(models.TextChoices):
    """The only kinds of file accepted, recognised by their content (``uploads.py``)."""

    PDF = "pdf", "PDF"
    PNG = "png", "PNG"
    JPEG = "jpeg", "JPEG"
    DOCX = "docx", _("Word document")
    XLSX = "xlsx", _("Excel workbook")
    CSV = "csv", "CSV"
    TXT = "txt", _("Text")


class StoredFile(models.Model):
    """A file kept in the default storage under a random name, served only by access-checked views."""

    file = models.FileField(_("file"), max_length=200, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_kind = models.CharField(_("file type"), max_length=8, choices=FileKind.choices, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def has_file(self) -> bool:
        return bool(self.file)


# --- Step 1: desk research and referral services -------------------------------------------------


class Topic(models.TextChoices):
    RECRUITMENT_FEES = "recruitment_fees", _("Recruitment fees and related costs")
    HOURS = "hours", _("Working hours and rest")
    WAGES = "wages", _("Wages and deductions")
    HOUSING = "housing", _("Housing and accommodation")
    DOCUMENTS = "documents", _("Identity documents and permits")
    HARASSMENT_GENDER = "harassment_gender", _("Harassment, abuse and gender equality")
    OTHER = "other", _("Other")


class SourceKind(models.TextChoices):
    LAW = "law", _("Law")
    REGULATION = "regulation", _("Regulation")
    INDUSTRY_STANDARD = "industry_standard", _("Industry standard")
    CODE_OF_CONDUCT = "code_of_conduct", _("Business code of conduct")
    INTERNATIONAL = "international", _("International standard or guidance")


class GapPolicy(models.TextChoices):
    NOT_CHECKED = "not_checked", _("Not checked yet")
    CLOSED = "closed", _("A business policy closes the gap")
    PARTIAL = "partial", _("A business policy closes it in part")
    NONE = "none", _("No business policy closes the gap")


class LegalSource(BaseModel):
    """A law, regulation, standard or code consulted in desk research (phase 3, step 1, action 1).

    A legal gap is a rule that leaves workers at risk, e.g. a law allowing worker-paid recruitment
    fees; the guide asks to check whether the business has a policy that closes it.
    """

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="legal_sources")
    country = CountryField(_("country"), blank=True, help_text=_("Leave empty for an international standard."))
    topic = models.CharField(_("topic"), max_length=24, choices=Topic.choices)
    kind = models.CharField(_("kind"), max_length=24, choices=SourceKind.choices, default=SourceKind.LAW)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("what it says"), blank=True)
    source = models.CharField(_("source"), max_length=500, help_text=_("Citation or web address."))
    is_gap = models.BooleanField(_("legal gap"), default=False, help_text=_("It leaves migrant workers at risk."))
    gap_note = models.TextField(_("the gap"), blank=True)
    policy_status = models.CharField(
        _("business policy"), max_length=16, choices=GapPolicy.choices, default=GapPolicy.NOT_CHECKED
    )
    policy_note = models.TextField(_("policy note"), blank=True)

    class Meta:
        ordering = ["country", "topic", "title"]

    def __str__(self) -> str:
        return self.title


class ServiceKind(models.TextChoices):
    MEDICAL = "medical", _("Emergency medical care")
    CONSULAR = "consular", _("Consular support")
    LEGAL = "legal", _("Legal aid")
    HELPLINE = "helpline", _("Helpline")
    CSO = "cso", _("Civil-society organisation")
    NRM = "nrm", _("National referral mechanism")
    OTHER = "other", _("Other support")


class DueDiligence(models.TextChoices):
    NOT_CHECKED = "not_checked", _("Not checked")
    CHECKED = "checked", _("Checked")
    TRUSTED = "trusted", _("Trusted")


class ReferralService(BaseModel):
    """A support service migrant workers can be referred to (phase 3, step 1, action 2).

    Only services whose due diligence is done are shown to workers.
    """

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="referral_services")
    country = CountryField(_("country"))
    kind = models.CharField(_("kind of service"), max_length=16, choices=ServiceKind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what they offer"), blank=True)
    contact = models.TextField(_("contact"), help_text=_("Phone, email, address: what a worker needs to reach them."))
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    free_of_charge = models.BooleanField(_("free of charge"), default=True)
    due_diligence = models.CharField(
        _("due diligence"), max_length=16, choices=DueDiligence.choices, default=DueDiligence.NOT_CHECKED
    )
    due_diligence_note = models.TextField(_("due-diligence note"), blank=True)
    suggested_by_workers = models.BooleanField(_("suggested by workers or their representatives"), default=False)

    class Meta:
        ordering = ["country", "kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages]

    @property
    def may_be_shown(self) -> bool:
        return self.due_diligence != DueDiligence.NOT_CHECKED


# --- Step 2: procedures -------------------------------------------------------------------------


class Concern(models.TextChoices):
    """The seven concerns internal procedures must address (phase 3, step 2, action 1)."""

    ACCESSIBILITY = "accessibility", _("Accessibility")
    CONFIDENTIALITY = "confidentiality", _("Confidentiality and non-retaliation")
    GENDER = "gender", _("Gender responsiveness")
    GRIEVANCE = "grievance", _("Grievance mechanisms")
    SENSITIVE = "sensitive", _("Sensitive issues")
    CRITICAL = "critical", _("Critical issues and suspected crime")
    REMEDIATION = "remediation", _("Remediation")


CONCERN_GUIDANCE = {
    Concern.ACCESSIBILITY: _(
        "Assessors can enter all working and living areas, speak to the workers they choose and receive the "
        "documents they request."
    ),
    Concern.CONFIDENTIALITY: _(
        "Interview data is kept confidential; a process prevents, receives and investigates retaliation, and every "
        "interviewee is told how to report it."
    ),
    Concern.GENDER: _(
        "A gender-balanced team, a safe interview setting for all genders, awareness of gender-specific risks and "
        "their root causes."
    ),
    Concern.GRIEVANCE: _(
        "Business grievance mechanisms meet the UNGP effectiveness criteria, work in workers' languages, and workers "
        "can also reach State and civil-society mechanisms."
    ),
    Concern.SENSITIVE: _(
        "How to assess immediate risk and escalate disclosures of sexual exploitation, abuse, harassment or "
        "gender-based violence."
    ),
    Concern.CRITICAL: _(
        "The response to threats to life, trafficking, child labour, severe restrictions on movement, physical or "
        "sexual abuse, and suspected crimes such as forced labour or wage theft."
    ),
    Concern.REMEDIATION: _(
        "How the business will provide or take part in prompt, proportionate remedy, and support workers to use "
        "external mechanisms."
    ),
}


class ProcedureAnswer(BaseModel, StoredFile):
    """The document or decision that answers one of the seven concerns (phase 3, step 2)."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="procedure_answers")
    concern = models.CharField(_("concern"), max_length=20, choices=Concern.choices)
    answer = models.TextField(_("document or decision that answers it"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["engagement", "concern"], name="one_answer_per_concern")]

    def __str__(self) -> str:
        return self.get_concern_display()


class ProcedureSignOff(BaseModel):
    """Senior leadership's sign-off of the assessment and engagement procedures (phase 3, step 2, action 3)."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="procedure_sign_offs")
    signed_by = models.CharField(_("signed by"), max_length=200)
    signed_by_role = models.CharField(_("their role"), max_length=200)
    signed_on = models.DateField(_("signed on"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-signed_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.signed_by}, {self.signed_by_role}"


# --- Step 3: introductory meeting and commitment -------------------------------------------------


class AgendaPoint(models.TextChoices):
    """What the guide asks the introductory meeting to cover (phase 3, step 3, action 1)."""

    PURPOSE = "purpose", _("Purpose, scope and principles of the mapping")
    OPPORTUNITY = "opportunity", _("The assessment framed as an opportunity")
    PROCESS = "process", _("The process: assessment, reporting, action planning, monitoring")
    EXPECTATIONS = "expectations", _("What each enterprise and stakeholder must do")
    TIMELINE = "timeline", _("Timeline and logistics")
    STAGES = "stages", _("Stages of the assessment (opening meeting to closing meeting)")
    ASSOCIATION = "association", _("Freedom of association, collective agreements, worker committees")


class IntroductoryMeeting(BaseModel):
    """The introductory meeting with the stakeholders of the assessment (phase 3, step 3).

    Attendees are recorded by organisation and role; names only for company staff.
    """

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="introductory_meetings")
    held_on = models.DateField(_("held on"))
    attendees = models.JSONField(_("attendees"), default=list)
    agenda_points = models.JSONField(_("agenda points covered"), default=list, blank=True)
    other_points = models.TextField(_("other points"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d}"

    @property
    def agenda_labels(self) -> list[str]:
        return [str(AgendaPoint(p).label) for p in self.agenda_points if p in AgendaPoint.values]


class CommitmentKind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding")
    CONTRACT_AMENDMENT = "contract_amendment", _("Amendment to an existing contract")
    LETTER = "letter", _("Commitment letter")


class Commitment(BaseModel, StoredFile):
    """The business's formal commitment to take part (phase 3, step 3, action 2)."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="commitments")
    kind = models.CharField(_("kind"), max_length=20, choices=CommitmentKind.choices)
    parties = models.CharField(_("parties"), max_length=300)
    signed_on = models.DateField(_("signed on"))

    class Meta:
        ordering = ["-signed_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.signed_on:%Y-%m-%d})"


# --- Step 4: pre-assessment survey and requested documents ---------------------------------------


class PreAssessmentSurvey(BaseModel):
    """The business's answers to the pre-assessment survey (phase 3, step 4, action 1).

    ``workforce_breakdown`` holds a short summary per field of the reference's
    ``demographic_options.workforce_breakdown_fields``; the detailed counts are phase 2's.
    """

    engagement = models.OneToOneField(ENGAGEMENT, on_delete=models.CASCADE, related_name="pre_assessment_survey")
    operations = models.TextField(_("business operations"), blank=True)
    products = models.TextField(_("products and services"), blank=True)
    seasonality = models.TextField(_("seasonality, peak and low periods"), blank=True)
    working_patterns = models.TextField(_("working patterns: shifts, breaks, rest days"), blank=True)
    wages = models.TextField(_("wages, pay periods and deductions"), blank=True)
    subcontractors_recruiters = models.TextField(_("subcontractors and labour recruiters used"), blank=True)
    accommodation = models.TextField(_("accommodation provided to migrant workers"), blank=True)
    workforce_total = models.PositiveIntegerField(_("total workforce"), null=True, blank=True)
    workforce_breakdown = models.JSONField(_("workforce breakdown"), default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Pre-assessment survey of {self.engagement_id}"


class DocumentCategory(models.TextChoices):
    """The guide's document request list (phase 3, step 4, action 1) and grievance policies (action 3)."""

    STRUCTURE = "structure", _("Business structure")
    HUMAN_RIGHTS = "human_rights", _("Human rights policy")
    ETHICAL_RECRUITMENT = "ethical_recruitment", _("Ethical recruitment policy")
    GENDER_DIVERSITY = "gender_diversity", _("Gender equality and diversity policy")
    WORKER_PROTECTION = "worker_protection", _("Other worker-protection policies")
    RECRUITER_AGREEMENTS = "recruiter_agreements", _("Service agreements with labour recruiters and subagents")
    SERVICE_AGREEMENTS = "service_agreements", _("Service agreements with service providers")
    FEE_DISCLOSURE = "fee_disclosure", _("Disclosure of recruitment fees and related costs")
    ACCOMMODATION = "accommodation", _("Accommodation management policies")
    OUTSOURCED_CONTRACTS = "outsourced_contracts", _("Contracts with outsourced housing or transport providers")
    GRIEVANCE = "grievance", _("Grievance mechanism policies and procedures")
    OTHER = "other", _("Other")


class DocumentRequest(BaseModel):
    """One item of the document request list sent to the business (phase 3, step 4)."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="document_requests")
    category = models.CharField(_("category"), max_length=24, choices=DocumentCategory.choices)
    title = models.CharField(_("document requested"), max_length=300)
    note = models.TextField(_("note for the business"), blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.title


class RequestedDocument(BaseModel, StoredFile):
    """A document uploaded by the business (or the team) against the request list."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="requested_documents")
    request = models.ForeignKey(
        DocumentRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("answers the request"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name


# --- Step 6: the assessment team ----------------------------------------------------------------


class ExternalRole(models.TextChoices):
    INTERVIEWER = "interviewer", _("Interviewer")
    INTERPRETER = "interpreter", _("Interpreter")
    ASSESSOR = "assessor", _("Assessor")
    OTHER = "other", _("Other")


class Skill(models.TextChoices):
    """The background and skills the guide asks of assessors and interviewers (phase 3, step 6, action 1)."""

    MIGRANT_WORK = "migrant_work", _("Experience working with migrant workers")
    HR_SOCIAL_SCIENCE = "hr_social_science", _("Human resources, psychology or social-science background")
    GENDER_GBV = "gender_gbv", _("Gender equality, gender-based violence and sexual harassment")
    ORGANISATION = "organisation", _("Organisation and time management")
    COMMUNICATION = "communication", _("Communication in the interviewees' languages")
    LIVED_EXPERIENCE = "lived_experience", _("Former migrant worker")


class ConflictStatus(models.TextChoices):
    NOT_YET = "not_yet", _("Not declared yet")
    NONE = "none", _("No conflict of interest")
    DECLARED = "declared", _("Conflict declared")


class TeamMember(BaseModel):
    """A member of the assessment team (phase 3, step 6): a participant, or an external partner by name.

    The conflict-of-interest declaration is read only by holders of VIEW_TEAM.
    """

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="team_members")
    participant = models.OneToOneField(
        "engagements.Participant",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="team_member",
        verbose_name=_("participant"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True, help_text=_("For an external partner."))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    external_role = models.CharField(_("role"), max_length=16, choices=ExternalRole.choices, blank=True)
    interviews_workers = models.BooleanField(_("interviews workers"), default=True)
    gender = models.CharField(_("gender"), max_length=24, choices=Gender.choices)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    skills_note = models.TextField(_("other skills and experience"), blank=True)
    sites = models.JSONField(_("sites"), default=list, blank=True)
    conflict_status = models.CharField(
        _("conflict of interest"), max_length=12, choices=ConflictStatus.choices, default=ConflictStatus.NOT_YET
    )
    conflict_text = models.TextField(_("declaration"), blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.participant_id:
            return self.participant.user.get_full_name()
        return self.name

    @property
    def role_label(self) -> str:
        if self.participant_id:
            return str(self.participant.get_role_display())
        return str(self.get_external_role_display() or _("External partner"))

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages]

    @property
    def skill_labels(self) -> list[str]:
        return [str(Skill(s).label) for s in self.skills if s in Skill.values]


class TrainingTopic(models.TextChoices):
    """The minimum training of every team member (phase 3, step 6, action 2)."""

    ETHICAL_RECRUITMENT = "ethical_recruitment", _("Ethical recruitment and employment standards (IOM, IRIS)")
    FORCED_LABOUR = "forced_labour", _("ILO indicators of forced labour")
    FAIR_RECRUITMENT = "fair_recruitment", _("ILO fair recruitment principles and definition of recruitment fees")
    REMEDIATION = "remediation", _("IOM guidance on remediation of migrant-worker grievances")
    PROTECTION = "protection", _("IOM handbook on protection and assistance to migrants")
    RIGHTS_BASED = "rights_based", _("Rights-based approach")
    GENDER_GBV = "gender_gbv", _("Gender equality, GBV, SEA and sexual harassment")
    PRINCIPLES = "principles", _("Process-mapping principles")
    TOOLS = "tools", _("Interview tools and escalation protocols")


class TrainingRecord(BaseModel):
    """A team member's completed training on one topic of the guide's list."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="training_records")
    member = models.ForeignKey(TeamMember, on_delete=models.CASCADE, related_name="trainings")
    topic = models.CharField(_("topic"), max_length=24, choices=TrainingTopic.choices)
    completed_on = models.DateField(_("completed on"))

    class Meta:
        ordering = ["topic"]
        constraints = [models.UniqueConstraint(fields=["member", "topic"], name="one_record_per_member_topic")]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} ({self.completed_on:%Y-%m-%d})"


# --- Step 7: the information letter to workers ---------------------------------------------------


class InformationLetter(BaseModel):
    """What fills the standard letter given to workers (phase 3, step 7): follow-up contact, signatory."""

    engagement = models.OneToOneField(ENGAGEMENT, on_delete=models.CASCADE, related_name="information_letter")
    workplace = models.CharField(
        _("workplace, as workers know it"), max_length=200, blank=True, help_text=_("E.g. the factory's usual name.")
    )
    commissioned_by = models.CharField(_("commissioned by"), max_length=200, blank=True)
    interview_period = models.CharField(_("when interviews take place"), max_length=200, blank=True)
    interview_place = models.CharField(_("where interviews take place"), max_length=200, blank=True)
    follow_up_phone = models.CharField(_("free follow-up phone number"), max_length=60, blank=True)
    follow_up_hours = models.CharField(_("when the line answers"), max_length=200, blank=True)
    signatory_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signatory_role = models.CharField(_("signatory's role"), max_length=200, blank=True)

    def __str__(self) -> str:
        return f"Information letter of {self.engagement_id}"
