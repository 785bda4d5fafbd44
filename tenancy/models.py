"""Tenants: organisations and their members. Nothing crosses from one tenant to another."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from mapping_platform.db import BaseModel
from tenancy.roles import OrgRole


class Organisation(BaseModel):
    """A brand, NGO, audit firm or government unit that runs engagements."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    # Owners and admins are put in this group; it holds the admin capabilities on each engagement.
    admin_group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="organisation")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(BaseModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=OrgRole.choices, default=OrgRole.MEMBER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_org")]
        ordering = ["user__email"]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation} ({self.get_role_display()})"
