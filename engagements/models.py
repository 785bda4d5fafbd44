"""Engagements, their participants and invitations, and the phase tracker.

An engagement is the unit of permission: object permissions (django-guardian) are
granted on it, and everything inside it inherits them through ``tenancy.access``.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from mapping_platform.db import BaseModel
from tenancy.models import Organisation
from tenancy.roles import Capability, EngagementRole, OrgRole


class EngagementStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    ARCHIVED = "archived", _("Archived")


class Engagement(BaseModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="engagements")
    title = models.CharField(_("title"), max_length=200)
    sector = models.CharField(_("sector"), max_length=120, blank=True)
    enterprises = models.JSONField(
        _("business enterprises assessed"),
        default=list,
        blank=True,
        help_text=_("Employers, labour recruiters, subagents or service providers assessed."),
    )
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EngagementStatus.choices, default=EngagementStatus.ACTIVE
    )
    # Phase 7: a follow-up assessment 6-12 months after the first is an engagement of its own that
    # verifies the first one's findings (actionplans.followups carries them over).
    follow_up_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("follow-up assessment of"),
    )

    class Meta:
        ordering = ["-created_at"]
        default_permissions = ()
        permissions = Capability.choices

    def __str__(self) -> str:
        return self.title


class Corridor(BaseModel):
    """A migration corridor: origin -> transit -> destination (guide, phase 2 step 1)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="corridors")
    origin = CountryField(_("origin country"))
    transit = CountryField(_("transit countries"), multiple=True, blank=True)
    destination = CountryField(_("destination country"))

    class Meta:
        ordering = ["origin", "destination"]

    def __str__(self) -> str:
        stops = [self.origin.name, *(c.name for c in self.transit), self.destination.name]
        return " → ".join(stops)


class EngagementUserPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Engagement, on_delete=models.CASCADE)


class EngagementGroupPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Engagement, on_delete=models.CASCADE)


class Participant(BaseModel):
    """A person's one role in one engagement. Their capabilities are granted from the matrix."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(_("role"), max_length=32, choices=EngagementRole.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["engagement", "user"], name="one_role_per_engagement")]
        ordering = ["role", "user__email"]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class Invitation(BaseModel):
    """An invitation by email: into one engagement with one role, or into the organisation."""

    VALID_FOR = timedelta(days=7)

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    engagement_role = models.CharField(_("role"), max_length=32, choices=EngagementRole.choices, blank=True)
    org_role = models.CharField(_("organisation role"), max_length=20, choices=OrgRole.choices, blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(engagement__isnull=False, org_role="") & ~models.Q(engagement_role=""))
                | models.Q(engagement__isnull=True, engagement_role="") & ~models.Q(org_role=""),
                name="invitation_is_to_engagement_or_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email}"

    @property
    def role_label(self) -> str:
        return self.get_engagement_role_display() if self.engagement_id else self.get_org_role_display()


class Phase(BaseModel):
    """One of the method's eight phases, as tracked for one engagement."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=40)
    name = models.CharField(max_length=200)
    purpose = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["engagement", "number"], name="one_phase_number_per_engagement")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class ItemKind(models.TextChoices):
    STEP = "step", _("Step")
    ACTION = "action", _("Key action")
    CUSTOM = "custom", _("Added item")


class ItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


RESOLVED_STATUSES = (ItemStatus.DONE, ItemStatus.NOT_APPLICABLE)


class ChecklistItem(BaseModel):
    """A step or key action of a phase (seeded from the reference), or one the lead added."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="checklist_items")
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="items")
    step = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
        help_text=_("The step this key action belongs to."),
    )
    kind = models.CharField(max_length=10, choices=ItemKind.choices)
    position = models.PositiveIntegerField()
    text = models.TextField(_("item"))
    mandatory = models.BooleanField(_("mandatory"), default=True)
    status = models.CharField(_("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["phase__number", "position"]
        indexes = [models.Index(fields=["engagement", "status", "due_date"])]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_resolved(self) -> bool:
        return self.status in RESOLVED_STATUSES

    def is_overdue(self, today: object = None) -> bool:
        today = today or timezone.localdate()
        return self.status == ItemStatus.OPEN and self.due_date is not None and self.due_date < today
