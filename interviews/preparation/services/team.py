"""The assessment team and its training record (phase 3, step 6); the information letter (step 7)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from engagements.models import Engagement, Participant
from interviews.preparation.languages import LANGUAGES
from interviews.preparation.models import (
    ConflictStatus,
    InformationLetter,
    Skill,
    TeamMember,
    TrainingRecord,
    TrainingTopic,
)
from interviews.preparation.services.common import apply_changes, delete_audited, save_audited
from tenancy.roles import ASSESSMENT_TEAM_ROLES

MEMBER_FIELDS = (
    "participant",
    "name",
    "organisation",
    "external_role",
    "interviews_workers",
    "gender",
    "languages",
    "skills",
    "skills_note",
    "sites",
    "conflict_status",
    "conflict_text",
)
LETTER_FIELDS = (
    "workplace",
    "commissioned_by",
    "interview_period",
    "interview_place",
    "follow_up_phone",
    "follow_up_hours",
    "signatory_name",
    "signatory_role",
)


def _validate_member(member: TeamMember) -> None:
    participant: Participant | None = member.participant
    if participant is not None:
        if participant.engagement_id != member.engagement_id or participant.role not in ASSESSMENT_TEAM_ROLES:
            raise ValidationError({"participant": _("Choose a member of this engagement's assessment team.")})
        member.name, member.organisation, member.external_role = "", "", ""
    elif not member.name.strip():
        raise ValidationError({"name": _("Choose a participant, or give the external partner's name.")})
    if member.conflict_status == ConflictStatus.DECLARED and not member.conflict_text.strip():
        raise ValidationError({"conflict_text": _("Describe the declared conflict of interest.")})
    if member.conflict_status != ConflictStatus.DECLARED:
        member.conflict_text = ""
    if set(member.languages) - set(LANGUAGES):
        raise ValidationError({"languages": _("Unknown language.")})
    if set(member.skills) - set(Skill.values):
        raise ValidationError({"skills": _("Unknown skill.")})
    member.sites = sorted({site.strip() for site in member.sites if site.strip()}, key=str.casefold)


@transaction.atomic
def team_member_add(*, actor: Any, engagement: Engagement, **fields: Any) -> TeamMember:
    member = TeamMember(engagement=engagement)
    apply_changes(member, fields, MEMBER_FIELDS)
    _validate_member(member)
    return save_audited(actor=actor, obj=member, verb="team_member.added")


@transaction.atomic
def team_member_update(*, actor: Any, member: TeamMember, **changes: Any) -> TeamMember:
    changed = apply_changes(member, changes, MEMBER_FIELDS)
    _validate_member(member)
    return save_audited(actor=actor, obj=member, verb="team_member.updated", fields=changed)


@transaction.atomic
def team_member_remove(*, actor: Any, member: TeamMember) -> None:
    delete_audited(actor=actor, obj=member, verb="team_member.removed")


@transaction.atomic
def training_record_set(*, actor: Any, member: TeamMember, completed: dict[str, date | None]) -> list[str]:
    """Set the date each topic was completed (None: not yet); returns the topics changed."""
    if set(completed) - set(TrainingTopic.values):
        raise ValidationError(_("Unknown training topic."))
    if any(day and day > timezone.localdate() for day in completed.values()):
        raise ValidationError(_("A training cannot be completed in the future."))
    existing = {r.topic: r for r in member.trainings.all()}
    changed: list[str] = []
    for topic, day in completed.items():
        current = existing.get(topic)
        if day is None and current is not None:
            current.delete()
            changed.append(topic)
        elif day is not None and current is None:
            TrainingRecord.objects.create(engagement=member.engagement, member=member, topic=topic, completed_on=day)
            changed.append(topic)
        elif day is not None and current is not None and current.completed_on != day:
            current.completed_on = day
            current.save(update_fields=["completed_on", "updated_at"])
            changed.append(topic)
    if changed:
        record(
            actor=actor,
            verb="team_member.training_recorded",
            target=member,
            engagement=member.engagement,
            detail={"topics": sorted(changed)},
        )
    return sorted(changed)


@transaction.atomic
def information_letter_save(*, actor: Any, engagement: Engagement, **fields: Any) -> InformationLetter:
    letter, _created = InformationLetter.objects.get_or_create(engagement=engagement)
    changed = apply_changes(letter, fields, LETTER_FIELDS)
    return save_audited(actor=actor, obj=letter, verb="information_letter.updated", fields=changed)
