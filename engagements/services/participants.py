"""Who takes part in an engagement, in which role, and how they are invited."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from engagements.models import Engagement, Invitation, Participant
from tenancy import grants
from tenancy.models import Membership, Organisation
from tenancy.roles import ASSESSMENT_TEAM_ROLES, EngagementRole, OrgRole
from tenancy.services import membership_set

INVITATION_SALT = "engagements.invitation"


@transaction.atomic
def participant_set(*, actor: Any, engagement: Engagement, user: Any, role: str) -> Participant:
    """Give the user exactly one role in the engagement (adding them, or changing their role)."""
    role = EngagementRole(role)
    if (
        role in ASSESSMENT_TEAM_ROLES
        and not Membership.objects.filter(organisation=engagement.organisation, user=user).exists()
    ):
        raise ValidationError(_("Only members of the organisation can join the assessment team."))
    participant = Participant.objects.select_for_update().filter(engagement=engagement, user=user).first()
    previous = participant.role if participant else None
    if participant is None:
        participant = Participant(engagement=engagement, user=user, role=role)
    participant.role = role
    participant.full_clean()
    participant.save()
    grants.grant_role(user=user, engagement=engagement, role=role)
    if previous != role:
        record(
            actor=actor,
            verb="participant.role_set" if previous else "participant.added",
            target=participant,
            engagement=engagement,
            detail={"user": user.email, "role": str(role), "previous_role": previous},
        )
    return participant


@transaction.atomic
def participant_remove(*, actor: Any, participant: Participant) -> None:
    grants.revoke_all(user=participant.user, engagement=participant.engagement)
    record(
        actor=actor,
        verb="participant.removed",
        target=participant,
        engagement=participant.engagement,
        detail={"user": participant.user.email, "role": participant.role},
    )
    participant.delete()


def invitation_token(invitation: Invitation) -> str:
    """The secret part of the link; it names the invitation, signed, and nothing else."""
    return signing.dumps(str(invitation.pk), salt=INVITATION_SALT, compress=True)


def invitation_from_token(token: str) -> Invitation | None:
    try:
        pk = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature:
        return None
    return Invitation.objects.select_related("organisation", "engagement").filter(pk=pk).first()


@transaction.atomic
def invitation_create(
    *,
    actor: Any,
    email: str,
    organisation: Organisation,
    engagement: Engagement | None = None,
    engagement_role: str = "",
    org_role: str = "",
) -> Invitation:
    """Invite a person by email into one engagement with one role, or into the organisation."""
    from engagements.tasks import send_invitation_email

    invitation = Invitation(
        organisation=organisation,
        engagement=engagement,
        email=email.strip().lower(),
        engagement_role=engagement_role,
        org_role=org_role,
        invited_by=actor,
        expires_at=timezone.now() + Invitation.VALID_FOR,
    )
    if engagement is not None and not engagement_role:
        raise ValidationError({"engagement_role": _("Choose the role this person will hold.")})
    if engagement is None and not org_role:
        raise ValidationError({"org_role": _("Choose the organisation role.")})
    invitation.full_clean()
    invitation.save()
    record(
        actor=actor,
        verb="invitation.created",
        target=invitation,
        engagement=engagement,
        organisation=organisation,
        detail={"email": invitation.email, "role": engagement_role or org_role},
    )
    transaction.on_commit(lambda: send_invitation_email.delay(str(invitation.pk)))
    return invitation


def invitation_problem(invitation: Invitation | None) -> str | None:
    """Why the invitation cannot be accepted, in words for the person holding the link."""
    if invitation is None:
        return _("This invitation link is not valid. Ask the person who invited you for a new one.")
    if invitation.accepted_at is not None:
        return _("This invitation has already been used. Sign in, or ask for a new invitation.")
    if invitation.revoked_at is not None:
        return _("This invitation was withdrawn. Ask the person who invited you for a new one.")
    if invitation.expires_at <= timezone.now():
        return _("This invitation has expired (links are valid for 7 days). Ask for a new one.")
    return None


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: Any) -> Invitation:
    """Use the invitation once: the user lands in exactly the invited engagement and role."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organisation", "engagement")
        .get(pk=invitation.pk)
    )
    problem = invitation_problem(invitation)
    if problem:
        raise ValidationError(problem)
    if user.email.lower() != invitation.email:
        raise ValidationError(_("This invitation was sent to another email address. Sign in with that address."))
    if invitation.engagement is None:
        membership_set(actor=user, organisation=invitation.organisation, user=user, role=invitation.org_role)
    else:
        if (
            invitation.engagement_role in ASSESSMENT_TEAM_ROLES
            and not Membership.objects.filter(organisation=invitation.organisation, user=user).exists()
        ):
            membership_set(actor=user, organisation=invitation.organisation, user=user, role=OrgRole.MEMBER)
        participant_set(actor=user, engagement=invitation.engagement, user=user, role=invitation.engagement_role)
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    record(
        actor=user,
        verb="invitation.accepted",
        target=invitation,
        engagement=invitation.engagement,
        organisation=invitation.organisation,
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: Any, invitation: Invitation) -> Invitation:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at", "updated_at"])
        record(
            actor=actor,
            verb="invitation.revoked",
            target=invitation,
            engagement=invitation.engagement,
            organisation=invitation.organisation,
        )
    return invitation
