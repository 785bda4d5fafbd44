"""Who sees which session of the preliminary findings meeting: the one rule, and the ways in built on it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from engagements.models import Engagement
from findings.models import MeetingSession, SessionKind
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability

# Each session is seen by the team and by its own outside party only (guide, phase 4 step 6: the
# workers' session is held "without the presence of management"). An empty set means hidden.
SESSION_CAPABILITY = {
    SessionKind.WORKERS: Capability.SEE_WORKER_SESSION,
    SessionKind.MANAGEMENT: Capability.SEE_MANAGEMENT_SESSION,
}


def visible_session_kinds(engagement: Engagement) -> list[SessionKind]:
    """THE rule: the sessions the user (``engagement.capabilities``) may see, or know exist."""
    capabilities = getattr(engagement, "capabilities", frozenset())
    return [kind for kind in SessionKind if SESSION_CAPABILITY[kind] in capabilities]


def sessions_for(engagement: Engagement) -> QuerySet[MeetingSession]:
    """The engagement's sessions the user may see, with attendees, critical findings and next steps."""
    return (
        MeetingSession.objects.filter(engagement=engagement, kind__in=visible_session_kinds(engagement))
        .select_related("recorded_by")
        .prefetch_related("attendees", "critical_findings", "next_steps")
    )


def get_meeting_engagement_for_user(user: Any, engagement_id: Any) -> Engagement:
    """The engagement, if the user sees at least one session (else 404 outside it, 403 inside)."""
    engagement = get_engagement_for_user(user, engagement_id)
    if not visible_session_kinds(engagement):
        raise PermissionDenied
    return engagement


def get_session_for_user(
    user: Any, engagement_id: Any, kind: str, *, record: bool = False
) -> tuple[Engagement, SessionKind, MeetingSession | None]:
    """One session by kind (None while not yet recorded). A session the user may not see is a 404,
    recorded or not, so its existence never shows; seeing without RECORD_MEETINGS and asking to record is 403."""
    engagement = get_meeting_engagement_for_user(user, engagement_id)
    if kind not in SessionKind.values or SessionKind(kind) not in visible_session_kinds(engagement):
        raise Http404
    if record and Capability.RECORD_MEETINGS not in engagement.capabilities:
        raise PermissionDenied
    session = sessions_for(engagement).filter(kind=kind).first()
    return engagement, SessionKind(kind), session
