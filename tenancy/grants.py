"""Writes the capability matrix into django-guardian's object-permission tables.

Grants are stored per engagement (direct foreign-key tables, so they cascade with it):
a participant's role gives user grants; an organisation's admin group gets the
organisation-admin grants on each of its engagements.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Permission

from engagements.models import Engagement, EngagementGroupPermission, EngagementUserPermission
from tenancy.roles import ORG_ADMIN_ENGAGEMENT_CAPABILITIES, Capability, capabilities_for_role


def _permissions(capabilities: Iterable[Capability]) -> list[Permission]:
    return list(
        Permission.objects.filter(
            content_type__app_label="engagements",
            content_type__model="engagement",
            codename__in=[str(c) for c in capabilities],
        )
    )


def grant_role(*, user: object, engagement: Engagement, role: str) -> None:
    """Replace whatever the user held on the engagement with exactly the role's capabilities."""
    EngagementUserPermission.objects.filter(user=user, content_object=engagement).delete()
    EngagementUserPermission.objects.bulk_create(
        EngagementUserPermission(user=user, content_object=engagement, permission=perm)
        for perm in _permissions(capabilities_for_role(role))
    )


def revoke_all(*, user: object, engagement: Engagement) -> None:
    EngagementUserPermission.objects.filter(user=user, content_object=engagement).delete()


def grant_org_admins(*, engagement: Engagement) -> None:
    group = engagement.organisation.admin_group
    EngagementGroupPermission.objects.filter(group=group, content_object=engagement).delete()
    EngagementGroupPermission.objects.bulk_create(
        EngagementGroupPermission(group=group, content_object=engagement, permission=perm)
        for perm in _permissions(ORG_ADMIN_ENGAGEMENT_CAPABILITIES)
    )


def resync_all_grants() -> int:
    """Rewrite every grant from the matrix, after the matrix itself has changed."""
    from engagements.models import Participant

    count = 0
    for engagement in Engagement.objects.select_related("organisation__admin_group"):
        grant_org_admins(engagement=engagement)
        count += 1
    for participant in Participant.objects.select_related("engagement", "user"):
        grant_role(user=participant.user, engagement=participant.engagement, role=participant.role)
    return count
