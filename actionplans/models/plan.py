"""The action plan (guide, phase 6) and its actions, watched in phase 7.

One plan per engagement. Each action answers one or more findings; every finding must be answered
(``actionplans.selectors`` lists those without an action). The draft is due two weeks after the closing
meeting (``findings.selectors.closing.action_plan_due``). An action's *substance* — what will be done, the
target outcome, the measurable indicator, who is responsible and by when — is what signatures bind
(``SUBSTANCE_FIELDS``): changing it asks for signatures again, a note does not.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mapping_platform.db import BaseModel

ENGAGEMENT = "engagements.Engagement"


class ActionKind(models.TextChoices):
    """Guide phase 6, steps 1 and 2: remediation (immediate, medium, long term); improvement and prevention."""

    REMEDIATION_IMMEDIATE = "remediation_immediate", _("Remediation — immediate")
    REMEDIATION_MEDIUM = "remediation_medium", _("Remediation — medium term")
    REMEDIATION_LONG = "remediation_long", _("Remediation — long term")
    IMPROVEMENT_SHORT = "improvement_short", _("Improvement and prevention — short term")
    IMPROVEMENT_MEDIUM = "improvement_medium", _("Improvement and prevention — medium term")
    IMPROVEMENT_LONG = "improvement_long", _("Improvement and prevention — long term")

    @property
    def is_remediation(self) -> bool:
        return self.value.startswith("remediation")


class ActionStatus(models.TextChoices):
    """Phase 7: an action is closed only on evidence the assessment team has verified."""

    OPEN = "open", _("Open")
    PROGRESS_MADE = "progress_made", _("Progress made")
    CLOSED = "closed", _("Closed")


class ActionPlan(BaseModel):
    engagement = models.OneToOneField(ENGAGEMENT, on_delete=models.CASCADE, related_name="action_plan")
    # Guide, phase 6 step 3: where the plan is built with the stakeholders, every participating group signs.
    built_jointly = models.BooleanField(
        _("built jointly with the stakeholders"),
        default=True,
        help_text=_("Then every participating stakeholder group signs, not only the business's senior management."),
    )
    notes = models.TextField(_("notes"), max_length=10000, blank=True)

    def __str__(self) -> str:
        return f"Action plan of {self.engagement}"


class Action(BaseModel):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    number = models.PositiveIntegerField(_("number"), editable=False)
    findings = models.ManyToManyField("findings.Finding", related_name="actions", verbose_name=_("findings answered"))
    kind = models.CharField(_("kind"), max_length=24, choices=ActionKind.choices)
    what = models.TextField(_("what will be done"), max_length=6000)
    target_outcome = models.TextField(_("target outcome"), max_length=3000)
    indicator = models.CharField(_("measurable indicator"), max_length=500)
    responsible_person = models.CharField(_("responsible person"), max_length=200)
    responsible_organisation = models.CharField(_("responsible organisation"), max_length=200)
    # The participant whom reminders reach; reassigning cancels the reminders of the one before.
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reminders go to"),
    )
    due_date = models.DateField(_("due date"))
    resources = models.TextField(_("resources"), max_length=3000, blank=True)
    note = models.TextField(_("note"), max_length=6000, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="actionplans_unique_action_number")]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return f"A{self.number}"

    @property
    def is_closed(self) -> bool:
        return self.status == ActionStatus.CLOSED


# What a signature binds. The findings answered are part of it too (see actionplans.versions).
SUBSTANCE_FIELDS = (
    "what",
    "target_outcome",
    "indicator",
    "responsible_person",
    "responsible_organisation",
    "due_date",
)
