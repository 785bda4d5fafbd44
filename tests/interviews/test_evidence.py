"""What an answer reports (evidence.py): the one rule the debrief and the phase 5 aggregation count by."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interviews.questionnaires import services
from interviews.questionnaires.evidence import (
    FeePayment,
    QuestionEvidence,
    asked_items,
    evidence_by_version,
    fee_payments,
    reported_items,
    reports,
)
from interviews.questionnaires.models import QuestionnaireTemplate
from interviews.questionnaires.seed import templates_load
from tests.conftest import World


def ev(key: str, type_: str, *, ind=(), risks=(), when=(), fee: str = "") -> QuestionEvidence:
    return QuestionEvidence(
        key=key,
        type=type_,
        indicators=tuple(ind),
        risks=tuple(risks),
        reported_when=frozenset(when),
        fee_category=fee,
    )


PASSPORT = ev(
    "passport_location",
    "single_choice",
    ind=["retention_of_identity_documents"],
    risks=["c_documents"],
    when=["employer", "agency", "someone_else"],
)
PAID = ev("paid_anything", "yes_no", ind=["debt_bondage"], when=["yes"])
THREATS = ev(
    "threats", "multiple_choice", ind=["intimidation_and_threats"], risks=["c_threats"], when=["deport", "hit"]
)
FEE = ev("fee_agent", "money", ind=["debt_bondage"], risks=["c_fees"], fee="recruitment_fee")
FEE_UNCATEGORISED = ev("other_cost", "money")
UNMAPPED_CHOICE = ev("incomplete", "single_choice", ind=["excessive_overtime"])  # mapped, no reported_when
HOURS = ev("hours_week", "number", ind=["excessive_overtime"])
NOTE = ev("story", "text", ind=["deception"])
MAP = {e.key: e for e in (PASSPORT, PAID, THREATS, FEE, FEE_UNCATEGORISED, UNMAPPED_CHOICE, HOURS, NOTE)}


@pytest.mark.parametrize(
    ("evidence", "value", "expected"),
    [
        (PASSPORT, "employer", True),
        (PASSPORT, "someone_else", True),
        (PASSPORT, "myself", False),
        (PASSPORT, ["employer"], False),  # a list is not a single choice
        (PAID, "yes", True),
        (PAID, "no", False),
        (PAID, True, False),  # stored answers are "yes"/"no"; a bool is malformed
        (THREATS, ["none", "hit"], True),
        (THREATS, ["none"], False),
        (THREATS, [], False),
        (THREATS, "deport", True),  # tolerated: one value where a list was expected
        (FEE, {"amount": "250.00", "currency": "USD"}, True),
        (FEE, {"amount": "0", "currency": "USD"}, False),
        (FEE, {"amount": "0.00", "currency": "MMK"}, False),
        (FEE, {"amount": "-5", "currency": "USD"}, False),
        (FEE, {"amount": "NaN", "currency": "USD"}, False),
        (FEE, {"amount": "sNaN", "currency": "USD"}, False),
        (FEE, {"amount": "1e400", "currency": "USD"}, False),
        (FEE, {"amount": "12", "currency": 5}, False),
        (FEE, {"amount": "lots"}, False),
        (FEE, "250", False),
        (FEE_UNCATEGORISED, {"amount": "250", "currency": "USD"}, False),  # maps nothing: reports nothing
        (UNMAPPED_CHOICE, "anything", False),
        (HOURS, 90, False),
        (NOTE, "they lied to me", False),
    ],
)
def test_reports(evidence: QuestionEvidence, value: Any, expected: bool) -> None:
    assert reports(evidence, value) is expected


def test_reported_and_asked_items_for_one_worker() -> None:
    answers = {
        "passport_location": "employer",
        "paid_anything": "no",
        "threats": ["none"],
        "fee_agent": {"amount": "0", "currency": "MMK"},
        "incomplete": "x",
        "hours_week": 84,
        "story": "a long story",
        "not_a_question": "yes",
    }
    indicators, risks = reported_items(MAP, answers)
    assert indicators == {"retention_of_identity_documents"}
    assert risks == {"c_documents"}
    asked_indicators, asked_risks = asked_items(MAP, answers)
    # Asked: every question able to report; the text, number and incomplete choice questions are not.
    assert asked_indicators == {"retention_of_identity_documents", "debt_bondage", "intimidation_and_threats"}
    assert asked_risks == {"c_documents", "c_threats", "c_fees"}


def test_a_worker_reports_through_any_one_answer() -> None:
    answers = {"paid_anything": "no", "fee_agent": {"amount": "100", "currency": "usd"}}
    assert reported_items(MAP, answers) == (frozenset({"debt_bondage"}), frozenset({"c_fees"}))


def test_unanswered_questions_are_not_asked() -> None:
    assert asked_items(MAP, {}) == (frozenset(), frozenset())
    assert asked_items(MAP, {"passport_location": "", "threats": None}) == (frozenset(), frozenset())
    # An empty multiple choice was answered ("none of these"): asked, not reported.
    assert asked_items(MAP, {"threats": []})[0] == {"intimidation_and_threats"}
    assert reported_items(MAP, {"threats": []}) == (frozenset(), frozenset())


def test_fee_payments_in_question_order_with_category() -> None:
    answers = {
        "other_cost": {"amount": "15.50", "currency": "THB"},
        "fee_agent": {"amount": "1200", "currency": "mmk"},
        "paid_anything": "yes",
    }
    assert fee_payments(MAP, answers) == [
        FeePayment(category="recruitment_fee", amount=Decimal("1200"), currency="MMK"),
        FeePayment(category="", amount=Decimal("15.50"), currency="THB"),
    ]
    assert fee_payments(MAP, {"fee_agent": {"amount": "0", "currency": "MMK"}}) == []
    assert fee_payments(MAP, {"fee_agent": {"amount": "oops", "currency": "MMK"}}) == []


JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | st.binary(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@given(st.one_of(JUNK, st.dictionaries(st.sampled_from(sorted(MAP)) | st.text(max_size=4), JUNK, max_size=8)))
def test_malformed_stored_values_never_raise(answers: Any) -> None:
    reported_items(MAP, answers)
    asked_items(MAP, answers)
    fee_payments(MAP, answers)
    for evidence in MAP.values():
        reports(evidence, answers)


@pytest.mark.django_db
def test_evidence_by_version_reads_every_version_in_one_query(world: World, django_assert_num_queries: Any) -> None:
    templates_load()
    template = QuestionnaireTemplate.objects.get(key="migrant_worker")
    lead = world.user("lead")
    first = services.questionnaire_copy_template(actor=lead, engagement=world.engagement, template=template)
    second = services.questionnaire_copy_template(actor=lead, engagement=world.engagement, template=template)
    passport = first.questions.get(key="passport_location")
    with django_assert_num_queries(1):
        found = evidence_by_version([first.pk, second.pk, None])
    assert set(found) == {str(first.pk), str(second.pk)}
    keys = list(first.questions.order_by("position").values_list("key", flat=True))
    assert list(found[str(first.pk)]) == keys
    got = found[str(first.pk)]["passport_location"]
    assert got.indicators == tuple(passport.indicators)
    assert got.reported_when == frozenset(passport.reported_when)
    assert got.reported_when  # the seed maps it
    assert evidence_by_version([]) == {}
