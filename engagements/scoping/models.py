"""Phase 1 of the method: allocate resources and identify scope (guide, phase 1 steps 1-2)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from mapping_platform.db import BaseModel


class Scope(BaseModel):
    """Who is responsible, the indicative budget and the initial scope (phase 1, steps 1 and 2)."""

    engagement = models.OneToOneField("engagements.Engagement", on_delete=models.CASCADE, related_name="scope")
    responsible = models.CharField(
        _("responsible person or team"),
        max_length=200,
        blank=True,
        help_text=_("Ideally staff already handling human rights due diligence, HR or recruitment."),
    )
    budget_amount = models.DecimalField(_("indicative budget"), max_digits=14, decimal_places=2, null=True, blank=True)
    budget_currency = models.CharField(_("currency"), max_length=3, blank=True)
    countries = CountryField(_("countries in scope"), multiple=True, blank=True)
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    business_partners = models.JSONField(_("business partners"), default=list, blank=True)
    sites = models.JSONField(_("sites"), default=list, blank=True)
    supply_chain_tiers = models.CharField(_("supply-chain tiers in scope"), max_length=300, blank=True)
    sites_to_assess = models.CharField(_("how many sites per country or sector to assess"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    def __str__(self) -> str:
        return f"Scope of {self.engagement_id}"


class WorkingGroupMember(BaseModel):
    """A member of the cross-department working group; union or worker representatives included (step 1)."""

    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="working_group")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation or department"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    represents_workers = models.BooleanField(_("union or worker representative"), default=False)

    class Meta:
        ordering = ["-represents_workers", "name"]

    def __str__(self) -> str:
        return self.name


class Stage(models.TextChoices):
    RECRUITMENT = "recruitment", _("Recruitment (origin)")
    TRANSIT = "transit", _("Transit")
    EMPLOYMENT = "employment", _("Employment (destination)")
    RETURN = "return", _("Return")


class ExposedGender(models.TextChoices):
    ALL = "all", _("All genders")
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")
    OTHER = "another_designation", _("People of another gender designation")


class ExposedAge(models.TextChoices):
    ALL = "all", _("All ages")
    YOUNG = "young", _("Young workers (under 25)")
    UNDER_18 = "under_18", _("Children (under 18)")
    OLDER = "older", _("Older workers (over 50)")


class KnownRisk(BaseModel):
    """A human or labour rights risk already known, and who is most exposed to it (step 2)."""

    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="known_risks")
    description = models.TextField(_("risk"))
    country = CountryField(_("country"), blank=True)
    stage = models.CharField(_("stage of migration"), max_length=16, choices=Stage.choices)
    most_exposed_gender = models.CharField(
        _("most exposed (gender)"), max_length=24, choices=ExposedGender.choices, default=ExposedGender.ALL
    )
    most_exposed_age = models.CharField(
        _("most exposed (age)"), max_length=16, choices=ExposedAge.choices, default=ExposedAge.ALL
    )
    needs_investigation = models.BooleanField(_("needs further investigation"), default=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["stage", "created_at"]

    def __str__(self) -> str:
        return self.description[:80]
