"""Need to know for the preparation registers, on top of the one access layer (``tenancy.access``).

Requested documents: whoever may upload sees the request list and their own uploads; holders of
REVIEW_DOCUMENTS see every upload. Team declarations: only holders of VIEW_TEAM.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from engagements.models import Engagement
from interviews.preparation.models import RequestedDocument
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability


def require(engagement: Engagement, capability: Capability) -> None:
    """A second capability on an engagement already fetched through the access layer."""
    if capability not in engagement.capabilities:
        raise PermissionDenied


def get_team_engagement_for_user(user: Any, engagement_id: Any, *, edit: bool = False) -> Engagement:
    """The engagement for the team pages: VIEW_TEAM always (declarations), EDIT_PREPARATION to change."""
    engagement = get_engagement_for_user(user, engagement_id, Capability.VIEW_TEAM)
    if edit:
        require(engagement, Capability.EDIT_PREPARATION)
    return engagement


def documents_visible_to(user: Any, engagement: Engagement) -> QuerySet[RequestedDocument]:
    documents = RequestedDocument.objects.filter(engagement=engagement)
    if Capability.REVIEW_DOCUMENTS in engagement.capabilities:
        return documents
    return documents.filter(uploaded_by=user)


def get_document_for_user(user: Any, engagement_id: Any, document_id: Any) -> tuple[Engagement, RequestedDocument]:
    """An uploaded document: a reviewer's, or the uploader's own; anything else is 404."""
    engagement, document = get_in_engagement_for_user(
        user, RequestedDocument.objects.all(), engagement_id, document_id, Capability.UPLOAD_DOCUMENTS
    )
    if Capability.REVIEW_DOCUMENTS not in engagement.capabilities and document.uploaded_by_id != user.pk:
        raise Http404
    return engagement, document
