"""PUT /api/v1/engagements/<id>/records/<device uuid>/ — idempotent by construction.

The body is the sync payload v2 (``interviews/fieldwork/payload.py``). 201: stored; 200: already
stored, nothing new; 409: different content under this UUID, kept apart (encrypted) for the
interviewer to resolve; 400: invalid, with a message per field, nothing stored; 403/404: the
access layer.
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from interviews.fieldwork.services import CONFLICT, CREATED, sync_record
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability

STATUS = {CREATED: 201, CONFLICT: 409}


@extend_schema(
    request=OpenApiTypes.OBJECT,
    responses={
        201: OpenApiResponse(OpenApiTypes.OBJECT, description="Stored."),
        200: OpenApiResponse(OpenApiTypes.OBJECT, description="Already stored: nothing new."),
        409: OpenApiResponse(OpenApiTypes.OBJECT, description="Different content under this UUID: kept apart."),
        400: OpenApiResponse(OpenApiTypes.OBJECT, description="Invalid: nothing stored."),
    },
)
@api_view(["PUT"])
def sync_record_view(request: Request, engagement_id: UUID, record_id: UUID) -> Response:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.CAPTURE_RESPONSES)
    try:
        outcome = sync_record(actor=request.user, engagement=engagement, record_id=record_id, payload=request.data)
    except ValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else {"record": error.messages}
        return Response({"status": "invalid", "errors": detail}, status=400)
    # The acknowledgement the tablet shows; no pseudonym, so the device never pairs one with a slot.
    body = {"status": outcome.status, "id": str(outcome.record_id)}
    if outcome.received_at is not None:
        body["received_at"] = outcome.received_at.isoformat()
    return Response(body, status=STATUS.get(outcome.status, 200), headers={"Cache-Control": "no-store"})
