"""Interviews synced from tablets arrive once: retries store nothing new, conflicts are answered 409 and kept."""

from __future__ import annotations

import json
import random
import uuid
from typing import Any

import pytest
from django.urls import reverse

from interviews.fieldwork.models import SyncConflict, SyncedRecord
from tests.conftest import World
from tests.interviews.test_fieldwork import payload as v2_payload
from tests.interviews.test_fieldwork import published, required_answers
from vault.models import Respondent, Response
from vault.records import iter_engagement_answers

pytestmark = pytest.mark.django_db


def _payload(rng: random.Random, version: Any, n: int) -> dict[str, Any]:
    """A v2 record as a tablet sends it, with randomised consent, demographics and answers."""
    body = v2_payload(version, answers=required_answers(version, note=f"interview {n}", anything_else=f"interview {n}"))
    body["consent"].update(kind=rng.choice(["verbal", "written"]), language=rng.choice(["Burmese", "Khmer"]))
    body["demographics"] = {"nationality": rng.choice(["MM", "KH"]), "contract_type": rng.choice(["direct", "agency"])}
    body["answers"]["gender"] = rng.choice(["woman", "man", "another_designation"])
    return body


def _put(client: Any, world: World, record_id: uuid.UUID, payload: Any) -> Any:
    url = reverse("fieldwork:record_sync", args=[world.engagement.pk, record_id])
    return client.put(url, data=json.dumps(payload), content_type="application/json")


def test_a_thousand_randomised_submissions_none_lost_none_doubled_conflicts_kept(world: World, client_for: Any) -> None:
    rng = random.Random(2026)
    version = published(world)
    client = client_for("interviewer")
    originals = {uuid.UUID(int=rng.getrandbits(128), version=4): _payload(rng, version, n) for n in range(250)}
    submissions = [(rid, payload) for rid, payload in originals.items()]
    while len(submissions) < 1000:
        rid = rng.choice(list(originals))
        if rng.random() < 0.7:  # a retry of the same record
            submissions.append((rid, originals[rid]))
        else:  # the same UUID with different content
            changed = json.loads(json.dumps(originals[rid]))
            changed["answers"]["anything_else"] = f"edited offline {rng.randint(1, 3)}"
            submissions.append((rid, changed))
    rng.shuffle(submissions)

    first: dict[uuid.UUID, dict] = {}
    expected_conflicts: set[tuple[uuid.UUID, str]] = set()
    for rid, payload in submissions:
        response = _put(client, world, rid, payload)
        if rid not in first:
            assert response.status_code == 201, response.content
            first[rid] = payload
        elif payload == first[rid]:
            assert response.status_code == 200 and response.json()["status"] == "duplicate"
        else:
            assert response.status_code == 409 and response.json()["status"] == "conflict"
            expected_conflicts.add((rid, payload["answers"]["anything_else"]))

    # None lost, none doubled: one respondent and one response per record, holding the first content.
    assert SyncedRecord.objects.count() == len(originals)
    assert Respondent.objects.filter(engagement=world.engagement).count() == len(originals)
    assert Response.objects.filter(engagement=world.engagement).count() == len(originals)
    stored_notes = sorted(a["anything_else"] for _, _, a in iter_engagement_answers(world.engagement.pk))
    assert stored_notes == sorted(p["answers"]["anything_else"] for p in first.values())
    synced = dict(SyncedRecord.objects.values_list("id", "response_id"))
    assert set(synced) == set(first) and len(set(synced.values())) == len(first)
    # Every distinct conflicting content is kept once, for the interviewer to resolve.
    assert SyncConflict.objects.count() == len(expected_conflicts)


def test_an_invalid_record_is_refused_with_reasons_and_stores_nothing(world: World, client_for: Any) -> None:
    rng = random.Random(1)
    bad = _payload(rng, published(world), 1)
    del bad["consent"]["witnessed_by"]
    bad["demographics"]["gender"] = "not-an-option"
    response = _put(client_for("interviewer"), world, uuid.uuid4(), bad)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "consent.witnessed_by" in errors or "demographics.gender" in errors
    assert not SyncedRecord.objects.exists() and not Respondent.objects.exists()
    assert _put(client_for("interviewer"), world, uuid.uuid4(), ["not", "an", "object"]).status_code == 400


def test_someone_elses_record_id_is_a_conflict_and_reveals_nothing(world: World, client_for: Any) -> None:
    rng = random.Random(2)
    version = published(world)
    record_id = uuid.uuid4()
    assert _put(client_for("interviewer"), world, record_id, _payload(rng, version, 1)).status_code == 201
    response = _put(client_for("assessor"), world, record_id, _payload(rng, version, 2))
    assert response.status_code == 409
    assert "pseudonym" not in response.json()
    assert Respondent.objects.count() == 1 and not SyncConflict.objects.exists()


def test_a_changed_record_that_is_invalid_is_refused_not_held(world: World, client_for: Any) -> None:
    rng = random.Random(3)
    version = published(world)
    record_id = uuid.uuid4()
    first = _payload(rng, version, 1)
    assert _put(client_for("interviewer"), world, record_id, first).status_code == 201
    broken = json.loads(json.dumps(first))
    broken["answers"]["hours_per_day"] = -1
    assert _put(client_for("interviewer"), world, record_id, broken).status_code == 400
    assert not SyncConflict.objects.exists() and Response.objects.count() == 1
