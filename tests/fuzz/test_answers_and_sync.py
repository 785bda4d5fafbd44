"""Hypothesis over questionnaire answers and the sync payload (PUT records).

Any answers give cleaned answers or a ValidationError naming the question; any sync body gives a 2xx/4xx,
never a 5xx, and a refused body (400, with a message per field) stores nothing: the respondent, response
and synced-record counts do not move.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviews.fieldwork.models import SyncConflict, SyncedRecord
from interviews.questionnaires.answers import clean_answers
from interviews.questionnaires.models import Question
from tests.conftest import World
from tests.interviews.test_fieldwork import payload, published
from vault.models import Respondent, Response

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["", "yes", "no", "2026-02-30", "9999-12-31", "1.005", "-0", "NaN", "\x00", "a" * 5000]),
)
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
)


def _counts() -> tuple[int, ...]:
    return (
        Respondent.objects.count(),
        Response.objects.count(),
        SyncedRecord.objects.count(),
        SyncConflict.objects.count(),
    )


def test_any_answers_are_cleaned_or_refused_with_a_message_per_question(world: World) -> None:
    version = published(world)
    questions = list(Question.objects.filter(version=version).order_by("position"))
    keys = [q.key for q in questions]

    @FUZZ
    @given(answers=st.dictionaries(st.sampled_from(keys) | st.text(max_size=12), json_values, max_size=12))
    def check(answers: dict[str, Any]) -> None:
        try:
            cleaned = clean_answers(questions, answers)
        except ValidationError as error:
            assert error.message_dict
            assert all(messages and all(m.strip() for m in messages) for messages in error.message_dict.values())
        else:
            assert set(cleaned) <= set(keys)
            json.dumps(cleaned)  # what is stored is plain JSON

    check()
    with pytest.raises(ValidationError):
        clean_answers(questions, ["not", "a", "mapping"])  # type: ignore[arg-type]


MUTATIONS = ("replace", "delete", "add")


def test_any_sync_body_gets_a_4xx_and_stores_nothing_unless_valid(world: World, client_for: Any) -> None:
    version = published(world)
    valid = payload(version)
    client = client_for("interviewer")
    url = lambda record_id: reverse("fieldwork:record_sync", args=[world.engagement.pk, record_id])  # noqa: E731
    paths = [(k,) for k in valid] + [(k, sub) for k in ("consent", "demographics", "answers") for sub in valid[k]]

    @settings(FUZZ, max_examples=30)
    @given(
        how=st.sampled_from(MUTATIONS),
        path=st.sampled_from(paths),
        value=json_values,
        whole=st.one_of(st.none(), json_values),
    )
    def check(how: str, path: tuple[str, ...], value: Any, whole: Any) -> None:
        body: Any = json.loads(json.dumps(valid))
        if whole is not None and not isinstance(whole, dict):
            body = whole  # not an object at all
        else:
            target = body
            for key in path[:-1]:
                target = target[key]
            if how == "replace":
                target[path[-1]] = value
            elif how == "delete":
                target.pop(path[-1], None)
            else:
                target[f"unexpected_{path[-1]}"] = value
        before = _counts()
        response = client.put(url(uuid.uuid4()), data=json.dumps(body), content_type="application/json")
        assert response.status_code < 500, response.content
        if response.status_code == 400:
            answer = response.json()
            # The service's message per field, or DRF's for a body that is not strict JSON (NaN, Infinity).
            errors = answer.get("errors") or {"body": [answer.get("detail", "")]}
            assert errors and all(messages and all(str(m).strip() for m in messages) for messages in errors.values())
            assert _counts() == before
        else:
            # Only a body that is still a valid record is stored, once.
            assert response.status_code == 201, response.content
            assert _counts() == (before[0] + 1, before[1] + 1, before[2] + 1, before[3])

    check()
    # Not JSON at all: refused as a client error, nothing stored.
    before = _counts()
    response = client.put(url(uuid.uuid4()), data=b"{not json", content_type="application/json")
    assert response.status_code == 400 and _counts() == before


@pytest.mark.parametrize("section,key", [("consent", "given_on"), ("demographics", "recruitment_year")])
def test_a_list_where_one_value_belongs_is_a_400_not_a_crash(
    section: str, key: str, world: World, client_for: Any
) -> None:
    """Found by the fuzzing above: a list given to a date field raised AttributeError, a 500."""
    body = payload(published(world))
    body[section][key] = ["2026-11-20"]
    before = _counts()
    url = reverse("fieldwork:record_sync", args=[world.engagement.pk, uuid.uuid4()])
    response = client_for("interviewer").put(url, data=json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert f"{section}.{key}" in response.json()["errors"]
    assert _counts() == before


def test_a_number_beyond_64_bits_is_a_400_not_a_crash(world: World, client_for: Any) -> None:
    """Found by schemathesis (tests/fuzz/test_openapi.py): the record's digest could not encode it, a 500."""
    body = payload(published(world))
    body["answers"] = {**body.get("answers", {}), "huge": 2**70}
    before = _counts()
    url = reverse("fieldwork:record_sync", args=[world.engagement.pk, uuid.uuid4()])
    response = client_for("interviewer").put(url, data=json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert "record" in response.json()["errors"]
    assert _counts() == before
