"""Creating and editing engagements (the container every phase lives in)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record
from engagements.models import Corridor, Engagement
from engagements.services.tracker import tracker_seed
from tenancy import grants
from tenancy.models import Organisation

EDITABLE_FIELDS = ("title", "sector", "enterprises", "description", "start_date", "end_date", "status")


def _validate_dates(engagement: Engagement) -> None:
    if engagement.start_date and engagement.end_date and engagement.end_date < engagement.start_date:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


@transaction.atomic
def engagement_create(
    *,
    actor: Any,
    organisation: Organisation,
    title: str,
    sector: str = "",
    enterprises: list[str] | None = None,
    description: str = "",
    start_date: date | None = None,
    end_date: date | None = None,
) -> Engagement:
    """A new engagement with its eight phases seeded from the method, visible to the org's admins."""
    engagement = Engagement(
        organisation=organisation,
        title=title,
        sector=sector,
        enterprises=enterprises or [],
        description=description,
        start_date=start_date,
        end_date=end_date,
    )
    engagement.full_clean()
    _validate_dates(engagement)
    engagement.save()
    tracker_seed(engagement=engagement)
    grants.grant_org_admins(engagement=engagement)
    record(actor=actor, verb="engagement.created", target=engagement, engagement=engagement)
    return engagement


@transaction.atomic
def engagement_update(*, actor: Any, engagement: Engagement, **changes: Any) -> Engagement:
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    changed = {name: value for name, value in changes.items() if getattr(engagement, name) != value}
    for name, value in changed.items():
        setattr(engagement, name, value)
    engagement.full_clean()
    _validate_dates(engagement)
    engagement.save()
    if changed:
        record(
            actor=actor,
            verb="engagement.updated",
            target=engagement,
            engagement=engagement,
            detail={"fields": sorted(changed)},
        )
    return engagement


@transaction.atomic
def corridor_add(
    *, actor: Any, engagement: Engagement, origin: str, destination: str, transit: list[str] | None = None
) -> Corridor:
    corridor = Corridor(engagement=engagement, origin=origin, destination=destination, transit=transit or [])
    corridor.full_clean()
    corridor.save()
    record(actor=actor, verb="corridor.added", target=corridor, engagement=engagement)
    return corridor


@transaction.atomic
def corridor_remove(*, actor: Any, corridor: Corridor) -> None:
    record(actor=actor, verb="corridor.removed", target=corridor, engagement=corridor.engagement)
    corridor.delete()
