"""Phase 2 — the labour migration supply-chain map (guide, phase 2, steps 1 and 2).

Stored here: the actors, the links between them, the workforce breakdown per site, the key
risks with their desk-research sources, and the mapping plan (objectives, selection criteria,
the enterprises selected, how and with what the assessment is done).
Derived, never stored: tiers, corridor paths and visibility gaps (``graph.py``) and the drawn
map (``drawing.py``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from engagements.demographics import AgeBand, gender_choices
from mapping_platform.db import BaseModel


class ActorType(models.TextChoices):
    """The stakeholders of phase 2 step 1, key action 1."""

    BUSINESS = "business", _("The business itself")
    SUPPLIER = "supplier", _("Supplier or employer")
    RECRUITER = "recruiter", _("Labour recruiter or employment agency")
    SUBAGENT = "subagent", _("Subagent, branch or local representative")
    SERVICE_PROVIDER = "service_provider", _("Service provider")
    GOVERNMENT = "government", _("Government agency")


# Workplaces: where a recruitment chain ends.
EMPLOYER_TYPES = frozenset({ActorType.BUSINESS, ActorType.SUPPLIER})
# Actors that find and place workers.
RECRUITING_TYPES = frozenset({ActorType.RECRUITER, ActorType.SUBAGENT})
# Actors whose licence the assessor should know (guide Annex B: unlicensed recruiters and subagents).
LICENSABLE_TYPES = frozenset({ActorType.RECRUITER, ActorType.SUBAGENT, ActorType.SERVICE_PROVIDER})


class ServiceKind(models.TextChoices):
    MEDICAL = "medical", _("Medical centre")
    TRAINING = "training", _("Training or skills-testing centre")
    TRAVEL = "travel", _("Travel agency")
    TRANSPORT = "transport", _("Transport")
    HOUSING = "housing", _("Housing")
    SECURITY = "security", _("Security")
    LOGISTICS = "logistics", _("Warehousing or logistics")
    CLEANING = "cleaning", _("Cleaning")
    OTHER = "other", _("Other service")


class LocationRole(models.TextChoices):
    """Where the actor stands on the migration route (guide: origin, transit, destination)."""

    ORIGIN = "origin", _("Origin")
    TRANSIT = "transit", _("Transit")
    DESTINATION = "destination", _("Destination")


class LicenceStatus(models.TextChoices):
    LICENSED = "licensed", _("Licensed")
    UNLICENSED = "unlicensed", _("Unlicensed")
    UNKNOWN = "unknown", _("Unknown")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Actor(BaseModel):
    """A stakeholder in the recruitment, employment or return of migrant workers (phase 2, step 1)."""

    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="chain_actors")
    name = models.CharField(_("name"), max_length=200)
    actor_type = models.CharField(_("type"), max_length=20, choices=ActorType.choices)
    service_kind = models.CharField(
        _("service"), max_length=20, choices=ServiceKind.choices, blank=True, help_text=_("For service providers.")
    )
    country = CountryField(_("country"))
    location = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("Town, district or community, e.g. Magway Region.")
    )
    location_role = models.CharField(
        _("on the migration route"),
        max_length=20,
        choices=LocationRole.choices,
        blank=True,
        help_text=_("Leave empty for actors off the route, such as a buyer in a third country."),
    )
    licence_status = models.CharField(
        _("licence"), max_length=20, choices=LicenceStatus.choices, default=LicenceStatus.UNKNOWN
    )
    migrant_workers = models.PositiveIntegerField(
        _("migrant workers (estimate)"),
        null=True,
        blank=True,
        help_text=_("Migrant workers it employs or recruits, if known; the workforce breakdown gives exact counts."),
    )
    contact = models.TextField(_("contact"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["engagement", "name"], name="one_actor_name_per_engagement")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.service_kind and self.actor_type != ActorType.SERVICE_PROVIDER:
            raise ValidationError({"service_kind": _("Only a service provider has a kind of service.")})

    @property
    def type_label(self) -> str:
        if self.actor_type == ActorType.SERVICE_PROVIDER and self.service_kind:
            return str(self.get_service_kind_display())
        return str(self.get_actor_type_display())


class LinkKind(models.TextChoices):
    """How one actor works for another. Every link points toward the business: from -> to."""

    RECRUITS_FOR = "recruits_for", _("recruits for")
    SUPPLIES = "supplies", _("supplies")
    SERVES = "serves", _("provides a service to")
    SUBCONTRACTS = "subcontracts", _("subcontracts for")


# The links a worker travels along, from the community to the workplace.
RECRUITMENT_KINDS = frozenset({LinkKind.RECRUITS_FOR, LinkKind.SUBCONTRACTS})


class Link(BaseModel):
    """A directed link between two actors of the map (phase 2, step 1): "from" works for "to"."""

    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="chain_links")
    source = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="links_out", verbose_name=_("from"))
    target = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="links_in", verbose_name=_("to"))
    kind = models.CharField(_("link"), max_length=20, choices=LinkKind.choices)
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        ordering = ["source__name", "target__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"],
                name="one_link_per_kind_and_pair",
                violation_error_message=_("This link already exists."),
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")),
                name="link_not_to_itself",
                violation_error_message=_("An actor cannot be linked to itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"


class Site(BaseModel):
    """A worksite of an employer, whose workforce is broken down (phase 2 step 1; phase 3 step 4)."""

    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="chain_sites")
    employer = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="sites", verbose_name=_("employer"))
    name = models.CharField(_("site"), max_length=200)
    location = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["engagement", "name"], name="one_site_name_per_engagement")]

    def __str__(self) -> str:
        return self.name


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    FIXED_TERM = "fixed_term", _("Fixed-term")
    SEASONAL = "seasonal", _("Seasonal")
    DAILY = "daily", _("Daily or casual")
    OTHER = "other", _("Other")


class Employment(models.TextChoices):
    DIRECT = "direct", _("Direct")
    SUBCONTRACTED = "subcontracted", _("Subcontracted or agency")


MAX_GROUP_SIZE = 100_000


class WorkforceRow(BaseModel):
    """One group of a site's workforce and its head count (phase 2 step 1, key action 6).

    Empty fields mean "not recorded". Counts, never names: the breakdown carries no personal data.
    """

    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="workforce_rows")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="rows")
    nationality = CountryField(_("nationality"))
    gender = models.CharField(_("gender"), max_length=32, choices=gender_choices, blank=True)
    age_band = models.CharField(_("age band"), max_length=12, choices=AgeBand.choices, blank=True)
    contract_type = models.CharField(_("contract type"), max_length=12, choices=ContractType.choices, blank=True)
    recruiter = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recruited_rows",
        verbose_name=_("recruiter"),
    )
    recruitment_year = models.PositiveSmallIntegerField(
        _("recruitment year"), null=True, blank=True, validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    employment = models.CharField(_("direct or subcontracted"), max_length=16, choices=Employment.choices, blank=True)
    count = models.PositiveIntegerField(
        _("workers"), validators=[MinValueValidator(1), MaxValueValidator(MAX_GROUP_SIZE)]
    )

    class Meta:
        ordering = ["nationality", "gender", "age_band", "created_at"]

    def __str__(self) -> str:
        return f"{self.count} × {self.nationality.code}"


class RiskStage(models.TextChoices):
    """The stages of Annex B."""

    RECRUITMENT = "recruitment_and_deployment", _("Recruitment and deployment")
    EMPLOYMENT = "employment", _("Employment")
    RETURN = "return_or_onward_migration", _("Return or onward migration")
    ALL = "all_stages", _("All stages")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Risk(BaseModel):
    """A key risk to migrant workers' rights, for a corridor, stage and demographic group.

    Phase 2 step 1, key action 2: summarise key risks per demographic group for origin, transit and
    destination, using Annex B. ``catalogue_id`` names an Annex B item; an assessor's own risk has none.
    """

    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="chain_risks")
    catalogue_id = models.CharField(_("Annex B risk"), max_length=60, blank=True)
    title = models.CharField(_("risk"), max_length=300)
    stage = models.CharField(_("stage"), max_length=30, choices=RiskStage.choices)
    corridor = models.ForeignKey(
        "engagements.Corridor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chain_risks",
        verbose_name=_("corridor"),
    )
    gender = models.CharField(_("gender most exposed"), max_length=32, choices=gender_choices, blank=True)
    age_band = models.CharField(_("age group most exposed"), max_length=12, choices=AgeBand.choices, blank=True)
    group_note = models.CharField(
        _("other group"), max_length=200, blank=True, help_text=_("e.g. pregnant workers, workers on day contracts.")
    )
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    description = models.TextField(_("why here"), blank=True)

    class Meta:
        ordering = ["stage", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_own(self) -> bool:
        return not self.catalogue_id


class RiskSource(BaseModel):
    """A desk-research source for a risk: a report, an article, a law (phase 2 step 1, key action 2)."""

    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="chain_sources")
    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="sources")
    text = models.CharField(_("source"), max_length=500)
    url = models.URLField(_("address"), max_length=500, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text


class Criterion(models.TextChoices):
    """The guide's four selection criteria (phase 2 step 2, key action 2)."""

    MANY_MIGRANTS = "many_migrant_workers", _("Recruits or employs many migrant workers")
    MANY_RECRUITERS = "many_recruiters", _("Works with many labour recruiters or subagents")
    HIGH_RISK_COUNTRIES = "high_risk_countries", _("Operates in countries with many human and labour rights risks")
    NO_VISIBILITY = "no_visibility", _("No visibility of its supply chain beyond direct suppliers")


class AssessmentMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    REMOTE = "remote", _("Remotely")
    MIXED = "mixed", _("Partly on site, partly remotely")


class Delivery(models.TextChoices):
    IN_HOUSE = "in_house", _("In-house")
    PARTNERS = "partners", _("With external partners")


class MappingPlan(BaseModel):
    """Objectives and scope of the mapping (phase 2, step 2): one per engagement."""

    engagement = models.OneToOneField("engagements.Engagement", on_delete=models.CASCADE, related_name="mapping_plan")
    short_term_objectives = models.TextField(_("short-term objectives"), blank=True)
    long_term_objectives = models.TextField(_("long-term objectives"), blank=True)
    scope_refinement = models.TextField(_("scope refined from the map's risks"), blank=True)
    criteria = models.JSONField(_("selection criteria"), default=list, blank=True)
    custom_criteria = models.JSONField(_("other selection criteria"), default=list, blank=True)
    assessment_mode = models.CharField(_("assessment"), max_length=10, choices=AssessmentMode.choices, blank=True)
    delivery = models.CharField(_("carried out"), max_length=10, choices=Delivery.choices, blank=True)
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    sites_planned = models.PositiveSmallIntegerField(_("sites to assess"), null=True, blank=True)
    team_size = models.PositiveSmallIntegerField(_("people"), null=True, blank=True)
    staff_days = models.PositiveIntegerField(_("staff days"), null=True, blank=True)
    budget_amount = models.DecimalField(_("budget"), max_digits=12, decimal_places=2, null=True, blank=True)
    budget_currency = models.CharField(_("currency"), max_length=3, blank=True)
    interviewer_languages = models.CharField(_("interviewers' languages"), max_length=300, blank=True)
    resources_note = models.TextField(_("other resources"), blank=True)

    def __str__(self) -> str:
        return f"Mapping plan of {self.engagement_id}"


class Participation(models.TextChoices):
    NOT_INVITED = "not_invited", _("Not yet invited")
    INVITED = "invited", _("Invited")
    AGREED = "agreed", _("Agreed to take part")
    DECLINED = "declined", _("Declined")


class SelectedEnterprise(BaseModel):
    """A business enterprise of the map chosen for assessment (phase 2 step 2, key action 3)."""

    engagement = models.ForeignKey(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="selected_enterprises"
    )
    actor = models.OneToOneField(Actor, on_delete=models.CASCADE, related_name="selection", verbose_name=_("actor"))
    criteria = models.JSONField(_("criteria met"), default=list, blank=True)
    reason = models.TextField(_("why"), blank=True)
    participation = models.CharField(
        _("participation"), max_length=12, choices=Participation.choices, default=Participation.NOT_INVITED
    )

    class Meta:
        ordering = ["actor__name"]

    def __str__(self) -> str:
        return str(self.actor)
