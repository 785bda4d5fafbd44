"""The introductory meeting and the business's commitment (phase 3, step 3)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record
from engagements.models import Engagement
from interviews.preparation import uploads
from interviews.preparation.models import AgendaPoint, Commitment, IntroductoryMeeting
from interviews.preparation.services.common import apply_changes, delete_audited, save_audited

MEETING_FIELDS = ("held_on", "attendees", "agenda_points", "other_points", "decisions")


def _validate_meeting(meeting: IntroductoryMeeting) -> None:
    if not meeting.attendees:
        raise ValidationError({"attendees": _("List at least one attendee, by organisation and role.")})
    for attendee in meeting.attendees:
        if not (attendee.get("organisation") and attendee.get("role")):
            raise ValidationError({"attendees": _("Give each attendee's organisation and role.")})
    unknown = set(meeting.agenda_points) - set(AgendaPoint.values)
    if unknown:
        raise ValidationError({"agenda_points": _("Unknown agenda point.")})


@transaction.atomic
def meeting_create(*, actor: Any, engagement: Engagement, **fields: Any) -> IntroductoryMeeting:
    meeting = IntroductoryMeeting(engagement=engagement)
    apply_changes(meeting, fields, MEETING_FIELDS)
    _validate_meeting(meeting)
    return save_audited(actor=actor, obj=meeting, verb="intro_meeting.recorded")


@transaction.atomic
def meeting_update(*, actor: Any, meeting: IntroductoryMeeting, **changes: Any) -> IntroductoryMeeting:
    changed = apply_changes(meeting, changes, MEETING_FIELDS)
    _validate_meeting(meeting)
    return save_audited(actor=actor, obj=meeting, verb="intro_meeting.updated", fields=changed)


@transaction.atomic
def meeting_delete(*, actor: Any, meeting: IntroductoryMeeting) -> None:
    delete_audited(actor=actor, obj=meeting, verb="intro_meeting.removed")


@transaction.atomic
def commitment_add(
    *, actor: Any, engagement: Engagement, kind: str, parties: str, signed_on: date, upload: uploads.CheckedUpload
) -> Commitment:
    """The signed MoU, contract amendment or commitment letter, with its file."""
    commitment = Commitment(engagement=engagement, kind=kind, parties=parties.strip(), signed_on=signed_on)
    with uploads.stored(upload, engagement=engagement) as stored:
        for name, value in stored.items():
            setattr(commitment, name, value)
        commitment.full_clean()
        commitment.save()
    record(actor=actor, verb="commitment.added", target=commitment, engagement=engagement, detail={"kind": kind})
    return commitment


@transaction.atomic
def commitment_delete(*, actor: Any, commitment: Commitment) -> None:
    delete_audited(actor=actor, obj=commitment, verb="commitment.removed")
