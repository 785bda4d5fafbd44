"""Organisations and their members. Every write takes the acting user and is audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record
from tenancy.models import Membership, Organisation
from tenancy.roles import ADMIN_ORG_ROLES, OrgRole


@transaction.atomic
def organisation_create(*, actor: Any, name: str, owner: Any) -> Organisation:
    group = Group.objects.create(name=f"org-admins-{name}"[:150])
    organisation = Organisation(name=name, admin_group=group)
    organisation.full_clean()
    organisation.save()
    record(actor=actor, verb="organisation.created", target=organisation, organisation=organisation)
    membership_set(actor=actor, organisation=organisation, user=owner, role=OrgRole.OWNER)
    return organisation


def _sync_admin_group(membership: Membership) -> None:
    group = membership.organisation.admin_group
    if membership.role in ADMIN_ORG_ROLES:
        membership.user.groups.add(group)
    else:
        membership.user.groups.remove(group)


@transaction.atomic
def membership_set(*, actor: Any, organisation: Organisation, user: Any, role: str) -> Membership:
    """Add the user to the organisation with the role, or change the role they hold."""
    membership = Membership.objects.select_for_update().filter(organisation=organisation, user=user).first()
    previous = membership.role if membership else None
    if membership is None:
        membership = Membership(organisation=organisation, user=user, role=role)
    else:
        _refuse_losing_last_owner(membership, new_role=role)
        membership.role = role
    membership.full_clean()
    membership.save()
    _sync_admin_group(membership)
    if previous != role:
        record(
            actor=actor,
            verb="membership.role_set" if previous else "membership.added",
            target=membership,
            organisation=organisation,
            detail={"user": user.email, "role": role, "previous_role": previous},
        )
    return membership


@transaction.atomic
def membership_remove(*, actor: Any, membership: Membership) -> None:
    _refuse_losing_last_owner(membership, new_role=None)
    membership.user.groups.remove(membership.organisation.admin_group)
    record(
        actor=actor,
        verb="membership.removed",
        target=membership,
        organisation=membership.organisation,
        detail={"user": membership.user.email, "role": membership.role},
    )
    membership.delete()


def _refuse_losing_last_owner(membership: Membership, *, new_role: str | None) -> None:
    if membership.role != OrgRole.OWNER or new_role == OrgRole.OWNER:
        return
    owners = Membership.objects.filter(organisation=membership.organisation, role=OrgRole.OWNER).count()
    if owners <= 1:
        raise ValidationError(_("An organisation needs at least one owner."))
