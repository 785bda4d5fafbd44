"""The three interview instruments of the method, as templates and as versioned engagement questionnaires.

Guide, phase 3 step 4 ("Gather information to design the methodology"), key action 2: prepare the
questionnaire templates for management and migrant worker interviews from the Migrant Worker, Employer
Management and Labour Recruiter Management Interview Tools, tailor them to the salient risks, in
inclusive and non-leading language, and adapt them to the interview format.

* ``QuestionnaireTemplate`` (with ``TemplateQuestion``): the organisation-wide starting point, loaded
  from ``seed/instruments.yaml`` (``manage.py load_questionnaire_templates``); never engagement data.
* ``Questionnaire``: one instrument tailored for an engagement, made by copying a template.
* ``QuestionnaireVersion`` (with ``Question``): a draft is tailored, then published; a published
  version never changes (services refuse, and database triggers refuse an UPDATE of a published
  version or an INSERT/UPDATE of its questions). Every answer (``vault.Response``) names the version
  it was given in.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from interviews.questionnaires.catalogue import QuestionType, Section
from mapping_platform.db import BaseModel
from vault.models import RespondentKind


class QuestionFields(models.Model):
    """What a question is, shared by template questions and engagement questions.

    ``show_if``: skip logic (``rules.py``). ``translations``: per language (``translation.py``).
    ``indicators`` / ``risks``: ids of the ILO forced-labour indicators and the Annex B/C risks the
    answer evidences; ``reported_when``: the option values (of a choice or yes-or-no question) with which a
    respondent REPORTS those indicators and risks (an amount of money above zero always does);
    ``fee_category``: the ILO fee category an amount paid belongs to (phase 5).
    """

    key = models.CharField(_("key"), max_length=64, help_text=_("Stable across versions: answers are stored by it."))
    position = models.PositiveIntegerField(default=0)
    section = models.CharField(_("topic"), max_length=24, choices=Section.choices)
    type = models.CharField(_("type"), max_length=16, choices=QuestionType.choices)
    text = models.TextField(_("question"))
    guidance = models.TextField(_("note for the interviewer"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    options = models.JSONField(_("options"), default=list, blank=True)
    show_if = models.JSONField(_("show only if"), null=True, blank=True)
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    indicators = models.JSONField(_("ILO forced-labour indicators"), default=list, blank=True)
    risks = models.JSONField(_("Annex B/C risks"), default=list, blank=True)
    reported_when = models.JSONField(_("reported by the answers"), default=list, blank=True)
    fee_category = models.CharField(_("fee category"), max_length=32, blank=True)

    COPIED_FIELDS = (
        "key",
        "position",
        "section",
        "type",
        "text",
        "guidance",
        "required",
        "options",
        "show_if",
        "translations",
        "indicators",
        "risks",
        "reported_when",
        "fee_category",
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.key

    def copied_values(self) -> dict:
        return {name: getattr(self, name) for name in self.COPIED_FIELDS}


class QuestionnaireTemplate(BaseModel):
    """One of the guide's three interview tools, as the organisation's starting point."""

    key = models.SlugField(max_length=40, unique=True)
    kind = models.CharField(_("interviewee"), max_length=12, choices=RespondentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    content_hash = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title


class TemplateQuestion(BaseModel, QuestionFields):
    template = models.ForeignKey(QuestionnaireTemplate, on_delete=models.CASCADE, related_name="questions")

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["template", "key"], name="unique_template_question_key")]


class Questionnaire(BaseModel):
    """An interview instrument tailored for one engagement (copied from a template)."""

    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="questionnaires")
    template = models.ForeignKey(
        QuestionnaireTemplate, on_delete=models.PROTECT, null=True, blank=True, related_name="copies"
    )
    kind = models.CharField(_("interviewee"), max_length=12, choices=RespondentKind.choices)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.title


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class QuestionnaireVersion(BaseModel):
    """One numbered version of a questionnaire: tailored as a draft, frozen once published."""

    engagement = models.ForeignKey(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="questionnaire_versions"
    )
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    based_on = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["questionnaire", "number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="unique_questionnaire_version_number"),
            models.UniqueConstraint(
                fields=["questionnaire"], condition=models.Q(status="draft"), name="one_draft_per_questionnaire"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED


class Question(BaseModel, QuestionFields):
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.CASCADE, related_name="questions")

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_version_question_key")]
