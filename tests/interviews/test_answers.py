"""The answer format (answers.py): validation every way in goes through, and the questionnaire sent to tablets."""

from __future__ import annotations

import json
import math
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviews.questionnaires import services
from interviews.questionnaires.answers import CURRENCY_CODES, clean_answers, client_definition, client_definitions
from interviews.questionnaires.catalogue import YES_NO_LABELS, QuestionType
from interviews.questionnaires.models import QuestionnaireTemplate, QuestionnaireVersion
from interviews.questionnaires.rules import evaluate, option_values, visible_keys
from interviews.questionnaires.seed import instruments, templates_load
from tests.conftest import World


def q(key: str, type_: str, *, required: bool = False, options: Any = (), show_if: Any = None) -> SimpleNamespace:
    return SimpleNamespace(
        key=key,
        type=type_,
        required=required,
        options=[{"value": v, "label": v.title()} for v in options],
        show_if=show_if,
    )


QUESTIONS = [
    q("gender", "single_choice", required=True, options=["woman", "man", "prefer_not_to_disclose"]),
    q("paid", "yes_no", required=True),
    q("fee", "money", required=True, show_if={"question": "paid", "op": "equals", "value": "yes"}),
    q("items", "multiple_choice", options=["passport", "visa", "ticket"]),
    q("ticket_cost", "money", show_if={"question": "items", "op": "contains", "value": "ticket"}),
    q("hours", "number"),
    q("arrived", "date"),
    q("story", "text"),
]


def test_a_full_valid_interview_is_normalised() -> None:
    answers = {
        "gender": "woman",
        "paid": "yes",
        "fee": {"amount": " 0150.50 ", "currency": "mmk"},
        "items": ["ticket", "passport"],
        "ticket_cost": {"amount": "30", "currency": "THB"},
        "hours": 60.0,
        "arrived": "2024-02-29",
        "story": "  It was hard.  ",
    }
    assert clean_answers(QUESTIONS, answers) == {
        "gender": "woman",
        "paid": "yes",
        "fee": {"amount": "150.50", "currency": "MMK"},
        "items": ["passport", "ticket"],  # the options' order
        "ticket_cost": {"amount": "30", "currency": "THB"},
        "hours": 60,
        "arrived": "2024-02-29",
        "story": "It was hard.",
    }


def test_answers_to_hidden_questions_are_dropped_and_not_required() -> None:
    answers = {"gender": "man", "paid": "no", "fee": {"amount": "oops"}, "ticket_cost": {"amount": "5"}}
    assert clean_answers(QUESTIONS, answers) == {"gender": "man", "paid": "no"}


def test_blank_answers_are_unanswered() -> None:
    answers = {"gender": "man", "paid": "no", "items": [], "story": "   ", "arrived": None, "hours": ""}
    assert clean_answers(QUESTIONS, answers) == {"gender": "man", "paid": "no"}


def _errors(answers: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        clean_answers(QUESTIONS, answers)
    return caught.value.message_dict


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("gender", "robot"),
        ("gender", ["woman"]),
        ("paid", True),
        ("paid", "Yes"),
        ("items", ["visa", "visa"]),
        ("items", ["rocket"]),
        ("items", "visa"),
        ("hours", True),
        ("hours", "12"),
        ("hours", -1),
        ("hours", 1e10),
        ("hours", math.nan),
        ("hours", math.inf),
        ("arrived", "2023-02-29"),
        ("arrived", "1900-01-01"),
        ("arrived", "29/02/2024"),
        ("arrived", "２０２４-01-01"),
        ("story", "x" * 4001),
        ("story", "nul\x00byte"),
        ("story", 12),
    ],
)
def test_a_wrong_answer_is_refused_under_its_key(key: str, value: Any) -> None:
    errors = _errors({"gender": "woman", "paid": "no", key: value})
    assert list(errors) == [key]
    assert errors[key][0]


@pytest.mark.parametrize(
    "money",
    [
        {"amount": "12.345", "currency": "USD"},
        {"amount": "-12", "currency": "USD"},
        {"amount": "1e5", "currency": "USD"},
        {"amount": "1,000", "currency": "USD"},
        {"amount": 12, "currency": "USD"},
        {"amount": "1000000000000.01", "currency": "USD"},
        {"amount": "12", "currency": "XYZ"},
        {"amount": "12", "currency": "US"},
        {"amount": "12", "currency": None},
        {"amount": "12"},
        {"amount": "12", "currency": "USD", "note": "extra"},
        "12 USD",
    ],
)
def test_a_wrong_amount_of_money_is_refused(money: Any) -> None:
    assert list(_errors({"gender": "woman", "paid": "yes", "fee": money})) == ["fee"]


def test_required_unknown_and_non_mapping() -> None:
    errors = _errors({"fee": {"amount": "1", "currency": "USD"}, "nope": 1})
    assert set(errors) == {"gender", "paid", "nope"}  # fee is hidden: "paid" was not answered
    assert "needs an answer" in errors["gender"][0]
    assert "no such question" in errors["nope"][0]
    assert "fee" in _errors({"gender": "woman", "paid": "yes"})
    for junk in (None, [], "answers", 3):
        assert "__all__" in _errors(junk)


def test_the_largest_allowed_values_pass() -> None:
    answers = {
        "gender": "woman",
        "paid": "yes",
        "fee": {"amount": "1000000000000.00", "currency": "USD"},
        "hours": 1_000_000_000,
        "arrived": "2100-12-31",
        "story": "y" * 4000,
    }
    assert clean_answers(QUESTIONS, answers) == {**answers, "fee": {"amount": "1000000000000.00", "currency": "USD"}}


# --- property-based: on the real instruments --------------------------------------------------------------

SEEDED = {i["key"]: [SimpleNamespace(**question) for question in i["questions"]] for i in instruments()}

JSON_JUNK = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["yes", "no", "2024-01-01", "MMK", "", " ", "employer"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["amount", "currency", "x"]), inner),
    max_leaves=10,
)


@given(
    instrument=st.sampled_from(sorted(SEEDED)),
    data=st.data(),
)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_junk_raises_only_validation_errors(instrument: str, data: st.DataObject) -> None:
    questions = SEEDED[instrument]
    keys = st.sampled_from([x.key for x in questions]) | st.text(max_size=6)
    answers = data.draw(st.dictionaries(keys, JSON_JUNK, max_size=30) | JSON_JUNK)
    try:
        cleaned = clean_answers(questions, answers)
    except ValidationError as error:
        assert error.message_dict
    else:
        json.dumps(cleaned)
        assert clean_answers(questions, cleaned) == cleaned


def _valid_value(question: Any, data: st.DataObject) -> Any:
    values = option_values(question)
    kind = question.type
    if kind in (QuestionType.SINGLE_CHOICE, QuestionType.YES_NO):
        return data.draw(st.sampled_from(values))
    if kind == QuestionType.MULTIPLE_CHOICE:
        chosen = data.draw(st.sets(st.sampled_from(values), min_size=1))
        return [v for v in values if v in chosen]
    if kind == QuestionType.NUMBER:
        return data.draw(
            st.integers(0, 1_000_000_000) | st.floats(0, 1e9, allow_nan=False).filter(lambda f: not f.is_integer())
        )
    if kind == QuestionType.MONEY:
        cents = data.draw(st.integers(0, 10**14))
        amount = f"{cents // 100}.{cents % 100:02d}" if data.draw(st.booleans()) else str(cents // 100)
        return {"amount": amount, "currency": data.draw(st.sampled_from(sorted(CURRENCY_CODES)))}
    if kind == QuestionType.DATE:
        return data.draw(st.dates(date(1940, 1, 1), date(2100, 12, 31))).isoformat()
    return data.draw(st.text(min_size=1, max_size=50).map(str.strip).filter(lambda t: t and t.isprintable()))


@given(instrument=st.sampled_from(sorted(SEEDED)), data=st.data())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_valid_answer_set_round_trips(instrument: str, data: st.DataObject) -> None:
    questions = SEEDED[instrument]
    answers: dict[str, Any] = {}
    for question in questions:
        if evaluate(question.show_if, answers) and (question.required or data.draw(st.booleans())):
            answers[question.key] = _valid_value(question, data)
    assert clean_answers(questions, answers) == answers
    assert set(answers) <= set(visible_keys(questions, answers))


# --- the definition sent to the tablet ----------------------------------------------------------------------


@pytest.mark.django_db
def test_client_definition(world: World, django_assert_max_num_queries: Any) -> None:
    templates_load()
    template = QuestionnaireTemplate.objects.get(key="migrant_worker")
    draft = services.questionnaire_copy_template(
        actor=world.user("lead"), engagement=world.engagement, template=template
    )
    version = QuestionnaireVersion.objects.select_related("questionnaire").get(pk=draft.pk)
    with django_assert_max_num_queries(1):
        definition = client_definition(version)
    json.dumps(definition)
    assert definition["id"] == str(version.pk)
    assert definition["number"] == 1
    assert definition["kind"] == "worker"
    assert definition["title"] == template.title
    assert definition["languages"][0] == "en" and {"my", "km"} <= set(definition["languages"])
    questions = {item["key"]: item for item in definition["questions"]}
    assert list(questions) == list(version.questions.order_by("position").values_list("key", flat=True))
    passport = questions["passport_location"]
    assert passport["section_label"] == "Documents and passports"
    assert {"value": "employer", "label": "The employer keeps it"} in passport["options"]
    assert set(passport["translations"]["my"]["options"]) == {o["value"] for o in passport["options"]}
    assert passport["translations"]["my"]["text"] != passport["text"]
    retrieval = questions["passport_retrieval"]
    assert retrieval["show_if"] == {"question": "passport_location", "op": "not_equals", "value": "self"}
    yes_no = next(item for item in definition["questions"] if item["type"] == "yes_no" and item["translations"])
    assert yes_no["options"] == [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}]
    language = next(iter(yes_no["translations"]))
    assert yes_no["translations"][language]["options"] == YES_NO_LABELS[language]
    # Nothing an interviewer does not need, and nothing that maps answers to findings, is on the device.
    text = json.dumps(definition)
    for secret in ("retention_of_identity_documents", "indicators", "risks", "reported_when", "fee_category"):
        assert secret not in text


@pytest.mark.django_db
def test_client_definitions_of_many_versions_cost_one_query(world: World, django_assert_num_queries: Any) -> None:
    templates_load()
    lead = world.user("lead")
    drafts = [
        services.questionnaire_copy_template(actor=lead, engagement=world.engagement, template=template)
        for template in QuestionnaireTemplate.objects.order_by("position")
    ]
    versions = list(QuestionnaireVersion.objects.select_related("questionnaire").filter(pk__in=[d.pk for d in drafts]))
    with django_assert_num_queries(1):
        many = client_definitions(versions)
    assert many == [client_definition(version) for version in versions]
    assert [d["kind"] for d in many] == [v.questionnaire.kind for v in versions]
