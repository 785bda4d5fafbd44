"""Recording a session of the preliminary findings meeting (guide, phase 4 step 6).

A session is saved whole: its details and its lists (attendees, critical findings, next steps)
replace what was there, so the record is always what the recorder last saw and confirmed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record
from engagements.models import Engagement
from findings.models import MeetingAttendee, MeetingCriticalFinding, MeetingNextStep, MeetingSession, SessionKind


def build_rows(
    model: type, owner: Any, rows: list[dict[str, Any]], field: str, *, parent: str = "session"
) -> list[Any]:
    """Unsaved rows of a list (attendees, actions...) under ``owner``, each validated; errors name the row."""
    built = []
    for position, values in enumerate(rows):
        row = model(engagement=owner.engagement, position=position, **{parent: owner}, **values)
        try:
            row.full_clean(exclude=[parent])
        except ValidationError as error:
            raise ValidationError({field: [f"{position + 1}: {m}" for m in error.messages]}) from error
        built.append(row)
    return built


def _check_dates(held_on: date, critical_findings: list[dict[str, Any]], next_steps: list[dict[str, Any]]) -> None:
    if any(row["due_on"] < held_on for row in critical_findings):
        raise ValidationError(
            {"critical_findings": _("A critical finding's deadline cannot be before the session's date.")}
        )
    if any(row["due_on"] < held_on for row in next_steps):
        raise ValidationError({"next_steps": _("A next step's date cannot be before the session's date.")})


@transaction.atomic
def meeting_session_record(
    *,
    actor: Any,
    engagement: Engagement,
    kind: str,
    held_on: date,
    place: str,
    findings_presented: str,
    notes: str = "",
    attendees: list[dict[str, Any]],
    critical_findings: list[dict[str, Any]],
    next_steps: list[dict[str, Any]],
) -> MeetingSession:
    """Create or replace the engagement's session of this kind, with its lists."""
    if kind not in SessionKind.values:
        raise ValidationError(_("Unknown session."))
    if not attendees:
        raise ValidationError({"attendees": _("List at least one attendee, with role and organisation.")})
    _check_dates(held_on, critical_findings, next_steps)
    session = MeetingSession.objects.select_for_update().filter(engagement=engagement, kind=kind).first()
    created = session is None
    session = session or MeetingSession(engagement=engagement, kind=kind)
    session.held_on, session.place = held_on, place.strip()
    session.findings_presented, session.notes = findings_presented.strip(), notes.strip()
    session.recorded_by = actor
    session.full_clean()
    session.save()
    lists = (
        (MeetingAttendee, attendees, "attendees"),
        (MeetingCriticalFinding, critical_findings, "critical_findings"),
        (MeetingNextStep, next_steps, "next_steps"),
    )
    for model, rows, field in lists:
        built = build_rows(model, session, rows, field)
        model.objects.filter(session=session).delete()
        model.objects.bulk_create(built)
    record(
        actor=actor,
        verb="meeting_session.recorded",
        target=session,
        engagement=engagement,
        detail={
            "kind": kind,
            "created": created,
            "attendees": len(attendees),
            "critical_findings": len(critical_findings),
            "next_steps": len(next_steps),
        },
    )
    return session
