"""Changes to the supply-chain map (guide, phase 2): every write goes through here and is audited.

Audit details name fields and counts only: never a contact, never a worker.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from engagements.models import Engagement
from engagements.reference import reference_data
from engagements.supplychain.models import (
    EMPLOYER_TYPES,
    RECRUITING_TYPES,
    Actor,
    Criterion,
    Link,
    MappingPlan,
    Participation,
    Risk,
    RiskSource,
    SelectedEnterprise,
    Site,
    WorkforceRow,
)
from engagements.supplychain.workforce_import import RowError, normalise, parse_file

ACTOR_FIELDS = (
    "name",
    "actor_type",
    "service_kind",
    "country",
    "location",
    "location_role",
    "licence_status",
    "migrant_workers",
    "contact",
    "notes",
)


def _unique_name(engagement: Engagement, name: str, exclude: Any = None) -> None:
    clash = Actor.objects.filter(engagement=engagement, name__iexact=name.strip()).exclude(pk=exclude)
    if clash.exists():
        raise ValidationError({"name": _("The map already has an actor of that name.")})


@transaction.atomic
def actor_create(*, actor: Any, engagement: Engagement, **fields: Any) -> Actor:
    chain_actor = Actor(engagement=engagement, **{k: v for k, v in fields.items() if k in ACTOR_FIELDS})
    chain_actor.full_clean(validate_unique=False)
    _unique_name(engagement, chain_actor.name)
    chain_actor.save()
    record(actor=actor, verb="chain_actor.created", target=chain_actor, engagement=engagement)
    return chain_actor


@transaction.atomic
def actor_update(*, actor: Any, chain_actor: Actor, **changes: Any) -> Actor:
    changed = sorted(k for k, v in changes.items() if k in ACTOR_FIELDS and getattr(chain_actor, k) != v)
    for name in changed:
        setattr(chain_actor, name, changes[name])
    chain_actor.full_clean(validate_unique=False)
    _unique_name(chain_actor.engagement, chain_actor.name, exclude=chain_actor.pk)
    if chain_actor.actor_type not in EMPLOYER_TYPES and chain_actor.sites.exists():
        raise ValidationError({"actor_type": _("It has worksites: only an employer or the business can have them.")})
    if chain_actor.actor_type not in RECRUITING_TYPES and chain_actor.recruited_rows.exists():
        raise ValidationError(
            {"actor_type": _("The workforce breakdown names it as recruiter: it must stay a recruiter or subagent.")}
        )
    chain_actor.save()
    if changed:
        record(
            actor=actor,
            verb="chain_actor.updated",
            target=chain_actor,
            engagement=chain_actor.engagement,
            detail={"fields": changed},
        )
    return chain_actor


@transaction.atomic
def actor_delete(*, actor: Any, chain_actor: Actor) -> None:
    """Remove an actor and its links; refused while the workforce breakdown depends on it."""
    if chain_actor.sites.exists():
        raise ValidationError(
            _("%(a)s has worksites with a workforce breakdown: remove the sites first.") % {"a": chain_actor}
        )
    if chain_actor.recruited_rows.exists():
        raise ValidationError(
            _("The workforce breakdown names %(a)s as recruiter: change those rows first.") % {"a": chain_actor}
        )
    record(actor=actor, verb="chain_actor.deleted", target=chain_actor, engagement=chain_actor.engagement)
    chain_actor.delete()


@transaction.atomic
def link_create(
    *, actor: Any, engagement: Engagement, source: Actor, target: Actor, kind: str, notes: str = ""
) -> Link:
    """A directed link; refuses a link to itself, across engagements, or one that already exists."""
    if source.engagement_id != engagement.pk or target.engagement_id != engagement.pk:
        raise ValidationError(_("Both actors must be on this engagement's map."))
    if source.pk == target.pk:
        raise ValidationError({"target": _("An actor cannot be linked to itself.")})
    link = Link(engagement=engagement, source=source, target=target, kind=kind, notes=notes)
    link.full_clean(validate_unique=False, validate_constraints=False)
    if Link.objects.filter(source=source, target=target, kind=kind).exists():
        raise ValidationError(
            {
                "target": _("This link already exists: %(link)s.")
                % {"link": f"{source} {link.get_kind_display()} {target}"}
            }
        )
    link.save()
    record(actor=actor, verb="chain_link.created", target=link, engagement=engagement, detail={"kind": kind})
    return link


@transaction.atomic
def link_delete(*, actor: Any, link: Link) -> None:
    record(actor=actor, verb="chain_link.deleted", target=link, engagement=link.engagement)
    link.delete()


@transaction.atomic
def site_create(*, actor: Any, engagement: Engagement, employer: Actor, name: str, location: str = "") -> Site:
    if employer.engagement_id != engagement.pk:
        raise ValidationError(_("The employer must be on this engagement's map."))
    if employer.actor_type not in EMPLOYER_TYPES:
        raise ValidationError({"employer": _("A site belongs to an employer: a supplier or the business itself.")})
    if Site.objects.filter(engagement=engagement, name__iexact=name.strip()).exists():
        raise ValidationError({"name": _("There is already a site of that name.")})
    site = Site(engagement=engagement, employer=employer, name=name.strip(), location=location)
    site.full_clean(validate_unique=False)
    site.save()
    record(actor=actor, verb="site.created", target=site, engagement=engagement)
    return site


@transaction.atomic
def site_delete(*, actor: Any, site: Site) -> None:
    record(actor=actor, verb="site.deleted", target=site, engagement=site.engagement)
    site.delete()


def _check_recruiter(site: Site, recruiter: Actor | None) -> None:
    if recruiter is None:
        return
    if recruiter.engagement_id != site.engagement_id or recruiter.actor_type not in RECRUITING_TYPES:
        raise ValidationError({"recruiter": _("The recruiter must be a labour recruiter or subagent on the map.")})


@transaction.atomic
def workforce_row_add(*, actor: Any, site: Site, **fields: Any) -> WorkforceRow:
    _check_recruiter(site, fields.get("recruiter"))
    row = WorkforceRow(engagement=site.engagement, site=site, **fields)
    row.full_clean()
    if row.recruitment_year and row.recruitment_year > timezone.localdate().year:
        raise ValidationError({"recruitment_year": _("The recruitment year cannot be in the future.")})
    row.save()
    record(
        actor=actor, verb="workforce.row_added", target=site, engagement=site.engagement, detail={"count": row.count}
    )
    return row


@transaction.atomic
def workforce_row_delete(*, actor: Any, row: WorkforceRow) -> None:
    record(actor=actor, verb="workforce.row_deleted", target=row.site, engagement=row.engagement)
    row.delete()


class WorkforceFileRefused(ValidationError):
    """The whole file is refused; ``row_errors`` says which rows, and why."""

    def __init__(self, row_errors: list[RowError]) -> None:
        super().__init__([e.message if e.row == 0 else f"{e.row}: {e.message}" for e in row_errors])
        self.row_errors = row_errors


def recruiter_lookup(engagement: Engagement) -> dict[str, Any]:
    """Normalised name -> id of every recruiter and subagent on the map."""
    actors = Actor.objects.filter(engagement=engagement, actor_type__in=RECRUITING_TYPES)
    return {normalise(name): pk for pk, name in actors.values_list("pk", "name")}


@transaction.atomic
def workforce_import(*, actor: Any, site: Site, filename: str, content: bytes) -> int:
    """Replace the site's breakdown with the file's rows, or refuse the whole file (nothing saved).

    The file is read from memory and never stored. Returns the number of rows saved.
    """
    result = parse_file(
        filename, content, recruiters=recruiter_lookup(site.engagement), current_year=timezone.localdate().year
    )
    if not result.ok:
        raise WorkforceFileRefused(result.errors)
    replaced = WorkforceRow.objects.filter(site=site).count()
    WorkforceRow.objects.filter(site=site).delete()
    WorkforceRow.objects.bulk_create(
        WorkforceRow(
            engagement=site.engagement,
            site=site,
            nationality=row.nationality,
            gender=row.gender,
            age_band=row.age_band,
            contract_type=row.contract_type,
            recruiter_id=row.recruiter,
            recruitment_year=row.recruitment_year,
            employment=row.employment,
            count=row.count,
        )
        for row in result.rows
    )
    record(
        actor=actor,
        verb="workforce.imported",
        target=site,
        engagement=site.engagement,
        detail={"rows": len(result.rows), "replaced": replaced, "workers": sum(r.count for r in result.rows)},
    )
    return len(result.rows)


def catalogue_items() -> dict[str, tuple[str, str]]:
    """Annex B: item id -> (stage, text)."""
    return {
        item["id"]: (stage["stage"], item["text"])
        for stage in reference_data()["risk_catalogue"]["annex_b"]
        for item in stage["items"]
    }


RISK_FIELDS = (
    "catalogue_id",
    "title",
    "stage",
    "corridor",
    "gender",
    "age_band",
    "group_note",
    "priority",
    "description",
)


def _fill_risk(risk: Risk, fields: dict[str, Any]) -> None:
    for name in RISK_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(risk, name, "" if value is None and name != "corridor" else value)
    if risk.catalogue_id:
        item = catalogue_items().get(risk.catalogue_id)
        if item is None:
            raise ValidationError({"catalogue_id": _("This is not a risk of the Annex B catalogue.")})
        risk.stage, risk.title = item
    elif not risk.title.strip():
        raise ValidationError({"title": _("Choose a risk from the catalogue, or describe your own.")})
    if risk.corridor is not None and risk.corridor.engagement_id != risk.engagement_id:
        raise ValidationError({"corridor": _("The corridor must be one of this engagement's.")})
    risk.full_clean()


@transaction.atomic
def risk_create(*, actor: Any, engagement: Engagement, **fields: Any) -> Risk:
    risk = Risk(engagement=engagement)
    _fill_risk(risk, fields)
    risk.save()
    record(
        actor=actor,
        verb="risk.created",
        target=risk,
        engagement=engagement,
        detail={"catalogue_id": risk.catalogue_id, "stage": risk.stage},
    )
    return risk


@transaction.atomic
def risk_update(*, actor: Any, risk: Risk, **fields: Any) -> Risk:
    _fill_risk(risk, fields)
    risk.save()
    record(actor=actor, verb="risk.updated", target=risk, engagement=risk.engagement)
    return risk


@transaction.atomic
def risk_delete(*, actor: Any, risk: Risk) -> None:
    record(actor=actor, verb="risk.deleted", target=risk, engagement=risk.engagement)
    risk.delete()


@transaction.atomic
def risk_source_add(*, actor: Any, risk: Risk, text: str, url: str = "") -> RiskSource:
    source = RiskSource(engagement=risk.engagement, risk=risk, text=text.strip(), url=url)
    source.full_clean()
    source.save()
    record(actor=actor, verb="risk.source_added", target=risk, engagement=risk.engagement)
    return source


@transaction.atomic
def risk_source_delete(*, actor: Any, source: RiskSource) -> None:
    record(actor=actor, verb="risk.source_deleted", target=source.risk, engagement=source.engagement)
    source.delete()


PLAN_FIELDS = tuple(
    f.name
    for f in MappingPlan._meta.get_fields()
    if f.concrete and f.name not in {"id", "engagement", "created_at", "updated_at"}
)


@transaction.atomic
def plan_save(*, actor: Any, engagement: Engagement, **fields: Any) -> MappingPlan:
    """Objectives, selection criteria, mode, delivery and resources of the mapping (phase 2, step 2)."""
    plan, _created = MappingPlan.objects.select_for_update().get_or_create(engagement=engagement)
    if fields.get("budget_currency"):
        fields["budget_currency"] = fields["budget_currency"].strip().upper()
    unknown = set(fields.get("criteria", [])) - set(Criterion.values)
    if unknown:
        raise ValidationError({"criteria": _("Unknown selection criterion.")})
    changed = sorted(k for k, v in fields.items() if k in PLAN_FIELDS and getattr(plan, k) != v)
    for name in changed:
        setattr(plan, name, fields[name])
    if plan.budget_amount is not None and not plan.budget_currency:
        raise ValidationError({"budget_currency": _("Give the budget's currency.")})
    plan.full_clean()
    plan.save()
    record(actor=actor, verb="mapping_plan.saved", target=plan, engagement=engagement, detail={"fields": changed})
    return plan


def plan_for(engagement: Engagement) -> MappingPlan:
    """The engagement's plan, unsaved and empty if none was written yet."""
    return MappingPlan.objects.filter(engagement=engagement).first() or MappingPlan(engagement=engagement)


@transaction.atomic
def enterprise_select(
    *,
    actor: Any,
    engagement: Engagement,
    chain_actor: Actor,
    criteria: list[str],
    reason: str = "",
    participation: str = "",
) -> SelectedEnterprise:
    """Choose an actor of the map for assessment (phase 2 step 2, key action 3)."""
    if chain_actor.engagement_id != engagement.pk:
        raise ValidationError(_("The enterprise must be on this engagement's map."))
    if SelectedEnterprise.objects.filter(actor=chain_actor).exists():
        raise ValidationError({"actor": _("%(a)s is already selected.") % {"a": chain_actor}})
    selection = SelectedEnterprise(engagement=engagement, actor=chain_actor, criteria=list(criteria), reason=reason)
    if participation:
        selection.participation = participation
    selection.full_clean(validate_unique=False)
    selection.save()
    record(
        actor=actor,
        verb="enterprise.selected",
        target=chain_actor,
        engagement=engagement,
        detail={"criteria": selection.criteria},
    )
    return selection


@transaction.atomic
def enterprise_set_participation(*, actor: Any, selection: SelectedEnterprise, participation: str) -> None:
    """Record whether the selected enterprise was invited and agreed (phase 2 step 2, key action 3)."""
    if participation not in Participation.values:
        raise ValidationError({"participation": _("Choose a valid answer.")})
    if selection.participation == participation:
        return
    selection.participation = participation
    selection.save(update_fields=["participation", "updated_at"])
    record(
        actor=actor,
        verb="enterprise.participation_set",
        target=selection.actor,
        engagement=selection.engagement,
        detail={"participation": participation},
    )


@transaction.atomic
def enterprise_unselect(*, actor: Any, selection: SelectedEnterprise) -> None:
    record(actor=actor, verb="enterprise.unselected", target=selection.actor, engagement=selection.engagement)
    selection.delete()
