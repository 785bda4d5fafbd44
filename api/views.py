"""The API reaches data only through the same access layer as the pages."""

from __future__ import annotations

from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from api.serializers import EngagementSerializer
from engagements.models import Engagement
from tenancy.access import engagements_for_user, get_engagement_for_user


class EngagementViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = EngagementSerializer
    lookup_field = "pk"
    # Exactly Django's <uuid:> shape: a looser pattern let "0"*36 through to the lookup, a 500 (found by fuzzing).
    lookup_value_regex = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

    def get_queryset(self):  # type: ignore[override]
        return (
            engagements_for_user(self.request.user)
            .select_related("organisation")
            .prefetch_related("corridors")
            .order_by("-created_at")
        )

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        engagement: Engagement = get_engagement_for_user(request.user, pk)
        return Response(self.get_serializer(engagement).data)
