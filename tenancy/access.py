"""The one way in to tenant-owned data.

Every view reaches an engagement, or anything inside one, through these functions:

* outside the user's reach (another organisation, or an organisation's engagement the
  user neither belongs to nor was invited into) the answer is 404, so existence never leaks;
* inside it, without the capability, the answer is 403;
* lists filter by one subquery of permitted engagement ids.

Capabilities come only from explicit grants (``tenancy.grants``): a Django superuser
gets no silent access to tenants' data.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404

from engagements.models import Engagement, EngagementGroupPermission, EngagementUserPermission
from tenancy.models import Membership, Organisation
from tenancy.roles import ORG_CAPABILITIES, SENSITIVE_CAPABILITIES, Capability, OrgCapability, OrgRole

M = TypeVar("M", bound=models.Model)


def engagements_for_user(user: Any, capability: Capability = Capability.VIEW_ENGAGEMENT) -> QuerySet[Engagement]:
    if not user.is_authenticated:
        return Engagement.objects.none()
    return Engagement.objects.filter(
        models.Q(
            pk__in=EngagementUserPermission.objects.filter(user=user, permission__codename=capability).values(
                "content_object_id"
            )
        )
        | models.Q(
            pk__in=EngagementGroupPermission.objects.filter(group__user=user, permission__codename=capability).values(
                "content_object_id"
            )
        )
    )


def capabilities_for(user: Any, engagement: Engagement) -> frozenset[Capability]:
    """Everything the user may do on this engagement, in one query."""
    if not user.is_authenticated:
        return frozenset()
    by_user = EngagementUserPermission.objects.filter(user=user, content_object=engagement).values_list(
        "permission__codename", flat=True
    )
    by_group = EngagementGroupPermission.objects.filter(group__user=user, content_object=engagement).values_list(
        "permission__codename", flat=True
    )
    return frozenset(Capability(c) for c in by_user.union(by_group))


def get_engagement_for_user(
    user: Any, engagement_id: Any, capability: Capability = Capability.VIEW_ENGAGEMENT
) -> Engagement:
    """The engagement, with ``.capabilities`` set, or 404 (out of reach) / 403 (no capability)."""
    engagement = Engagement.objects.select_related("organisation").filter(pk=engagement_id).first()
    if engagement is None or not user.is_authenticated:
        raise Http404
    capabilities = capabilities_for(user, engagement)
    if not capabilities and not is_member(user, engagement.organisation):
        raise Http404
    if capability not in capabilities:
        raise PermissionDenied
    engagement.capabilities = capabilities  # type: ignore[attr-defined]
    return engagement


def get_in_engagement_for_user[M: models.Model](
    user: Any, queryset: QuerySet[M], engagement_id: Any, object_id: Any, capability: Capability
) -> tuple[Engagement, M]:
    """An object that belongs to an engagement, checked through the engagement."""
    engagement = get_engagement_for_user(user, engagement_id, capability)
    obj = queryset.filter(engagement=engagement, pk=object_id).first()
    if obj is None:
        raise Http404
    return engagement, obj


def is_member(user: Any, organisation: Organisation) -> bool:
    return Membership.objects.filter(user=user, organisation=organisation).exists()


def org_role_for(user: Any, organisation: Organisation) -> OrgRole | None:
    role = Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True).first()
    return OrgRole(role) if role else None


def get_organisation_for_user(user: Any, organisation_id: Any, capability: OrgCapability) -> Organisation:
    """The organisation, or 404 when the user is not a member, 403 without the capability."""
    if not user.is_authenticated:
        raise Http404
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    role = org_role_for(user, organisation) if organisation else None
    if role is None:
        raise Http404
    if capability not in ORG_CAPABILITIES[role]:
        raise PermissionDenied
    organisation.my_role = role  # type: ignore[union-attr]
    return organisation  # type: ignore[return-value]


def organisations_administered_by(user: Any) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    admin_roles = [role for role, caps in ORG_CAPABILITIES.items() if OrgCapability.MANAGE_MEMBERS in caps]
    return Organisation.objects.filter(memberships__user=user, memberships__role__in=admin_roles)


def reads_interview_data(user: Any) -> bool:
    """Whether the user holds, anywhere, a capability that reaches interview data."""
    if not user.is_authenticated:
        return False
    return EngagementUserPermission.objects.filter(
        user=user, permission__codename__in=[str(c) for c in SENSITIVE_CAPABILITIES]
    ).exists()
