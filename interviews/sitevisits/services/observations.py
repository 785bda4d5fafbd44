"""Recording the site checklist, one item at a time (phase 4 step 5).

Each item is saved on its own, so a tablet on a weak signal loses at most the item being sent.
The audit entry carries ids and the status only, never the note.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record
from interviews.sampling.models import AssessmentSite
from interviews.sitevisits import checklist, photos
from interviews.sitevisits.models import ObservationStatus, SiteObservation


def _photo_names(observation: SiteObservation) -> list[str]:
    return [f.name for f in (observation.photo, observation.photo_thumbnail) if f]


def _clear_photo(observation: SiteObservation) -> list[str]:
    previous = _photo_names(observation)
    observation.photo = observation.photo_thumbnail = ""
    observation.photo_type = ""
    return previous


@transaction.atomic
def observation_save(
    *,
    actor: Any,
    site: AssessmentSite,
    item_id: str,
    status: str,
    note: str = "",
    photo: photos.CleanPhoto | None = None,
    remove_photo: bool = False,
) -> SiteObservation:
    """Set one item's status and note at a site; a new photo replaces the old one, which is deleted."""
    if checklist.item(item_id) is None:
        raise ValidationError(_("This item is not on the site checklist."))
    if status and status not in ObservationStatus.values:
        raise ValidationError({"status": _("Choose fine, issue or not applicable.")})
    observation = SiteObservation.objects.select_for_update().filter(site=site, item=item_id).first()
    created = observation is None
    if observation is None:
        observation = SiteObservation(engagement_id=site.engagement_id, site=site, item=item_id)
    observation.site = site  # the caller's, with its engagement loaded
    observation.status = status
    observation.note = note.strip()
    observation.observed_by = actor
    replaced: list[str] = []
    photo_change = None
    if remove_photo and observation.photo:
        replaced, photo_change = _clear_photo(observation), "removed"
    if photo is None:
        _save_audited(actor, observation, created=created, photo_change=photo_change)
    else:
        # Inside the block: if saving or auditing fails, the new files are deleted again.
        with photos.stored(photo, engagement=site.engagement) as names:
            replaced = _clear_photo(observation) or replaced
            for field, value in names.items():
                setattr(observation, field, value)
            _save_audited(actor, observation, created=created, photo_change="replaced" if replaced else "added")
    if replaced:
        transaction.on_commit(lambda: photos.delete_files(replaced))
    return observation


def _save_audited(actor: Any, observation: SiteObservation, *, created: bool, photo_change: str | None) -> None:
    observation.full_clean()
    observation.save()
    record(
        actor=actor,
        verb="site_observation.saved",
        target=observation,
        engagement=observation.site.engagement,
        detail={
            "site": str(observation.site_id),
            "item": observation.item,
            "status": observation.status,
            "photo": photo_change,
            "created": created,
        },
    )
