"""Need to know, on top of the one access layer (``tenancy.access``).

Lead assessors and assessors read every answer of their engagement; an interviewer reads
and changes only the interviews they recorded, until the day's sheet is handed in.
Business reviewers and worker representatives never reach a respondent, a response or an identity.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from engagements.models import Engagement
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability
from vault.models import Respondent, Response


def _reads_all(engagement: Engagement) -> bool:
    return Capability.READ_RESPONSES in engagement.capabilities


def get_vault_engagement_for_user(user: Any, engagement_id: Any) -> Engagement:
    """The engagement, if the user may reach any of its interview data (else 404/403)."""
    engagement = get_engagement_for_user(user, engagement_id)
    if not ({Capability.READ_RESPONSES, Capability.CAPTURE_RESPONSES} & engagement.capabilities):
        raise PermissionDenied
    return engagement


def respondents_for(user: Any, engagement: Engagement) -> QuerySet[Respondent]:
    respondents = Respondent.objects.filter(engagement=engagement)
    return respondents if _reads_all(engagement) else respondents.filter(recorded_by=user)


def get_respondent_for_user(user: Any, engagement_id: Any, respondent_id: Any) -> tuple[Engagement, Respondent]:
    engagement = get_vault_engagement_for_user(user, engagement_id)
    respondent = respondents_for(user, engagement).select_related("consent").filter(pk=respondent_id).first()
    if respondent is None:
        raise Http404
    return engagement, respondent


def can_change_response(user: Any, engagement: Engagement, response: Response) -> bool:
    return (
        Capability.CAPTURE_RESPONSES in engagement.capabilities
        and response.interviewer_id == user.pk
        and response.submitted_at is None
    )


def can_read_response(user: Any, engagement: Engagement, response: Response) -> bool:
    return _reads_all(engagement) or can_change_response(user, engagement, response)


def get_response_for_user(
    user: Any, engagement_id: Any, respondent_id: Any, response_id: Any, *, change: bool = False
) -> tuple[Engagement, Respondent, Response]:
    engagement, respondent = get_respondent_for_user(user, engagement_id, respondent_id)
    response = respondent.responses.filter(pk=response_id).first()
    if response is None:
        raise Http404
    allowed = can_change_response if change else can_read_response
    if not allowed(user, engagement, response):
        raise PermissionDenied
    return engagement, respondent, response


def require(engagement: Engagement, capability: Capability) -> None:
    if capability not in engagement.capabilities:
        raise PermissionDenied
