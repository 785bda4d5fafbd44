"""What an answer reports: the ILO forced-labour indicators, Annex B/C risks and fees a respondent reported.

The one rule, used by the daily debrief (phase 4) and the aggregation (phase 5):

* a single-choice, multiple-choice or yes-or-no answer REPORTS its question's indicators and risks
  when it is (or, for multiple choice, includes) one of the question's ``reported_when`` values;
* an amount of money above zero always reports them, and is a fee payment of the question's
  ``fee_category`` ("" when it has none);
* number, date and text answers report nothing (they are read qualitatively).

A respondent was ASKED about an indicator or risk when they answered at least one question that
could have reported it (a money question, or a choice/yes-or-no question with ``reported_when``):
that is the denominator of "n of N workers reported it". A mapped question that can never report
(a text question, or a choice question whose ``reported_when`` is empty) counts neither way, so it
cannot inflate the number asked.

Pure apart from ``evidence_by_version`` (one query). Answers are read as stored; anything malformed
is ignored, never raised, since one bad record must not stop a debrief.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from interviews.questionnaires.catalogue import QuestionType

REPORTING_CHOICE_TYPES = frozenset({QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE, QuestionType.YES_NO})
MAX_MONEY = Decimal(10) ** 12  # the largest amount an answer may hold (answers.py); beyond it, a stored value is junk


@dataclass(frozen=True)
class QuestionEvidence:
    key: str
    type: str
    indicators: tuple[str, ...]
    risks: tuple[str, ...]
    reported_when: frozenset[str]
    fee_category: str

    @property
    def can_report(self) -> bool:
        """Whether some answer to this question would report its indicators and risks."""
        if not (self.indicators or self.risks):
            return False
        return self.type == QuestionType.MONEY or (self.type in REPORTING_CHOICE_TYPES and bool(self.reported_when))


@dataclass(frozen=True)
class FeePayment:
    category: str
    amount: Decimal
    currency: str


def _strings(raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list | tuple):
        return ()
    return tuple(dict.fromkeys(v for v in raw if isinstance(v, str) and v))


def question_evidence(question: Any) -> QuestionEvidence:
    """The evidence fields of anything shaped like a question (a model instance or a namespace)."""
    return QuestionEvidence(
        key=str(question.key),
        type=str(question.type),
        indicators=_strings(question.indicators),
        risks=_strings(question.risks),
        reported_when=frozenset(_strings(question.reported_when)),
        fee_category=str(question.fee_category or ""),
    )


def evidence_by_version(version_ids: Iterable[Any]) -> dict[str, dict[str, QuestionEvidence]]:
    """str(version id) -> question key -> evidence, in question order, for every id given. One query."""
    from interviews.questionnaires.models import Question  # keeps the rest of this module free of the ORM

    ids = {str(v) for v in version_ids if v is not None}
    result: dict[str, dict[str, QuestionEvidence]] = {v: {} for v in ids}
    if not ids:
        return result
    rows = (
        Question.objects.filter(version_id__in=ids)
        .order_by("version_id", "position")
        .values_list("version_id", "key", "type", "indicators", "risks", "reported_when", "fee_category")
    )
    for version_id, key, type_, indicators, risks, reported_when, fee_category in rows:
        result[str(version_id)][key] = QuestionEvidence(
            key=key,
            type=type_,
            indicators=_strings(indicators),
            risks=_strings(risks),
            reported_when=frozenset(_strings(reported_when)),
            fee_category=fee_category or "",
        )
    return result


def money_value(value: Any) -> tuple[Decimal, str] | None:
    """(amount, currency) of a stored money answer, or None when it is not a usable one."""
    if not isinstance(value, Mapping):
        return None
    amount, currency = value.get("amount"), value.get("currency")
    if isinstance(amount, bool) or not isinstance(amount, str | int):
        return None
    if not isinstance(currency, str) or len(currency.strip()) != 3 or not currency.strip().isalpha():
        return None
    try:
        parsed = Decimal(str(amount).strip())
    except (InvalidOperation, ValueError):
        return None
    if not parsed.is_finite() or parsed < 0 or parsed > MAX_MONEY:
        return None
    return parsed, currency.strip().upper()


def _answered(evidence: QuestionEvidence, value: Any) -> bool:
    """Whether this is a readable answer that could have reported something (reporting or not)."""
    if evidence.type == QuestionType.MONEY:
        return money_value(value) is not None
    if evidence.type == QuestionType.MULTIPLE_CHOICE:
        return isinstance(value, list | tuple) or (isinstance(value, str) and value != "")
    if evidence.type in REPORTING_CHOICE_TYPES:
        return isinstance(value, str) and value != ""
    return False


def reports(evidence: QuestionEvidence, value: Any) -> bool:
    """Whether this answer reports the question's indicators and risks (see the module docstring)."""
    if not (evidence.indicators or evidence.risks):
        return False
    if evidence.type == QuestionType.MONEY:
        money = money_value(value)
        return money is not None and money[0] > 0
    if evidence.type == QuestionType.MULTIPLE_CHOICE:
        chosen = value if isinstance(value, list | tuple) else [value]
        return any(isinstance(v, str) and v in evidence.reported_when for v in chosen)
    if evidence.type in REPORTING_CHOICE_TYPES:
        return isinstance(value, str) and value in evidence.reported_when
    return False


def reported_items(
    evidence_map: Mapping[str, QuestionEvidence], answers: Mapping[str, Any]
) -> tuple[frozenset[str], frozenset[str]]:
    """(indicator ids, risk ids) this respondent reported, through any answer."""
    indicators: set[str] = set()
    risks: set[str] = set()
    if not isinstance(answers, Mapping):
        return frozenset(), frozenset()
    for key, value in answers.items():
        evidence = evidence_map.get(key) if isinstance(key, str) else None
        if evidence is not None and reports(evidence, value):
            indicators.update(evidence.indicators)
            risks.update(evidence.risks)
    return frozenset(indicators), frozenset(risks)


def asked_items(
    evidence_map: Mapping[str, QuestionEvidence], answers: Mapping[str, Any]
) -> tuple[frozenset[str], frozenset[str]]:
    """(indicator ids, risk ids) this respondent was asked about: answered a question able to report them."""
    indicators: set[str] = set()
    risks: set[str] = set()
    if not isinstance(answers, Mapping):
        return frozenset(), frozenset()
    for key, value in answers.items():
        evidence = evidence_map.get(key) if isinstance(key, str) else None
        if evidence is not None and evidence.can_report and _answered(evidence, value):
            indicators.update(evidence.indicators)
            risks.update(evidence.risks)
    return frozenset(indicators), frozenset(risks)


def fee_payments(evidence_map: Mapping[str, QuestionEvidence], answers: Mapping[str, Any]) -> list[FeePayment]:
    """Every amount of money above zero this respondent gave, in question order, with its fee category."""
    if not isinstance(answers, Mapping):
        return []
    payments = []
    for key, evidence in evidence_map.items():
        if evidence.type != QuestionType.MONEY or key not in answers:
            continue
        money = money_value(answers[key])
        if money is not None and money[0] > 0:
            payments.append(FeePayment(category=evidence.fee_category, amount=money[0], currency=money[1]))
    return payments
