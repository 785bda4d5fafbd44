"""Schemathesis over the OpenAPI schema (/api/schema/): generated requests, signed in, never a server error."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import World

pytestmark = pytest.mark.django_db


def _send(client: Any, case: Any) -> Any:
    method = case.method.lower()
    path = case.formatted_path
    if case.body is not None and not isinstance(case.body, schemathesis.core.NotSet):
        return getattr(client, method)(path, data=json.dumps(case.body), content_type="application/json")
    return getattr(client, method)(path, data=case.query or None)


def test_generated_api_requests_never_get_a_server_error(world: World, client_for: Any) -> None:
    client = client_for("lead")
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    raw = json.loads(response.content) if response.content.lstrip().startswith(b"{") else None
    if raw is None:
        import yaml

        raw = yaml.safe_load(response.content)
    schema = schemathesis.openapi.from_dict(raw)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 3
    # Real ids next to generated ones, so requests reach the views and not only the URL resolver.
    engagement_ids = st.sampled_from([str(world.engagement.pk), str(world.other_engagement.pk)])
    seen: list[int] = []
    for operation in operations:
        # Derandomised: CI sees the same examples every run (a random run found the 64-bit integer 500 that
        # tests/fuzz/test_answers_and_sync.py now pins); explore more with FUZZ_RANDOM=1.
        @settings(
            max_examples=15,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=not os.environ.get("FUZZ_RANDOM"),
        )
        @given(case=operation.as_strategy(), real=engagement_ids, use_real=st.booleans())
        def check(case: Any, real: str, use_real: bool) -> None:
            if use_real and case.path_parameters and "id" in case.path_parameters:
                case.path_parameters["id"] = real
            if use_real and case.path_parameters and "engagement_id" in case.path_parameters:
                case.path_parameters["engagement_id"] = real
            answer = _send(client, case)
            seen.append(answer.status_code)
            assert answer.status_code < 500, (case.method, case.formatted_path, answer.status_code)

        check()
    assert any(200 <= s < 300 for s in seen) and any(400 <= s < 500 for s in seen)


def test_a_malformed_engagement_id_is_a_404_not_a_crash(world: World, client_for: Any) -> None:
    """Found by the run above: 36 characters of hex and dashes that are no UUID reached the lookup, a 500."""
    client = client_for("lead")
    for bad in ("0" * 36, "290cb922a2002ae-3fb60fb84c09369d95b2"):
        assert client.get(f"/api/v1/engagements/{bad}/").status_code == 404
    assert client.get(f"/api/v1/engagements/{world.engagement.pk}/").status_code == 200
