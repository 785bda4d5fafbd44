"""Reading what one interview's answers report, fast: the debrief's hot loop (``bench/debrief.py``).

The rule is ``interviews.questionnaires.evidence``; it is applied here once per distinct (question, answer)
pair rather than once per answer. That is exact: an indicator or risk is reported (or asked about) through
ANY answer, so a worker's items are the union of what each of their answers gives. Items are bits of an
int: asked at bit b, reported at bit b + width, OR-ed together per worker.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import Any

import orjson

from interviews.questionnaires.catalogue import QuestionType
from interviews.questionnaires.evidence import (
    FeePayment,
    QuestionEvidence,
    asked_items,
    fee_payments,
    reported_items,
)

# A (question, answer) pair's outcome is kept for this many distinct answers per question; beyond it
# (amounts of money all different, say) the rule is applied every time instead of growing memory.
MEMO_LIMIT = 2_000
# Readers (with what they learnt) kept for the next tally: the page recomputes after every sync.
READERS_KEPT = 16


class Items:
    """Every indicator and risk the questions can name, as bits: asked at bit b, reported at b + width.

    One int per answer, OR-ed into one int per worker: the union of what each answer gives.
    """

    def __init__(self, evidence: Iterable[Mapping[str, QuestionEvidence]]) -> None:
        named = {
            item
            for questions in evidence
            for question in questions.values()
            for item in (*(("i", i) for i in question.indicators), *(("r", r) for r in question.risks))
        }
        self.items = tuple(sorted(named))  # the same questions give the same bits (readers are reused)
        self.index = {item: bit for bit, item in enumerate(self.items)}
        self.width = len(self.items)

    def mask(self, indicators: Iterable[str], risks: Iterable[str], *, reported: bool) -> int:
        shift = self.width if reported else 0
        mask = 0
        for item in (*(("i", i) for i in indicators), *(("r", r) for r in risks)):
            mask |= 1 << (self.index[item] + shift)
        return mask


class VersionReader:
    """What the answers given in one questionnaire version report, memoised per (question, answer).

    Only str answers are memoised by value; anything else by its JSON, so 1, true and "1" never share.
    """

    def __init__(self, evidence: Mapping[str, QuestionEvidence], fee_questions: frozenset[str], items: Items) -> None:
        self.evidence = evidence
        self.fee_questions = fee_questions
        self.items = items
        # Only questions that can report something, or hold money (fees), can change a tally.
        self.memo: dict[str, dict[Any, int]] = {
            key: {} for key, ev in evidence.items() if ev.can_report and ev.type != QuestionType.MONEY
        }
        self.money: dict[str, dict[bytes, tuple[int, tuple[FeePayment, ...]]]] = {
            key: {} for key, ev in evidence.items() if ev.type == QuestionType.MONEY
        }

    def _outcome(self, key: str, value: Any) -> int:
        """The rule, applied to one answer: what it asks about and what it reports, as bits."""
        question, answer = {key: self.evidence[key]}, {key: value}
        asked = self.items.mask(*asked_items(question, answer), reported=False)
        return asked | self.items.mask(*reported_items(question, answer), reported=True)

    def _money_outcome(self, key: str, value: Any) -> tuple[int, tuple[FeePayment, ...]]:
        question, answer = {key: self.evidence[key]}, {key: value}
        fees = tuple(p for p in fee_payments(question, answer) if p.category)  # wages, debts: not fees
        return self._outcome(key, value), fees

    def read(self, answers: Mapping[str, Any]) -> tuple[int, list[FeePayment] | None, bool]:
        """(asked and reported bits, fee payments, asked about fees) of one interview's answers.

        The hot loop of the debrief: one pass over the answers, two dictionary look-ups each.
        """
        bits = 0
        payments: list[FeePayment] | None = None
        memo, money, dumps = self.memo, self.money, orjson.dumps
        for key, value in answers.items():
            per_value = memo.get(key)
            if per_value is not None:
                memo_key = value if type(value) is str else dumps(value)
                outcome = per_value.get(memo_key)
                if outcome is None:
                    outcome = self._outcome(key, value)
                    if len(per_value) < MEMO_LIMIT:
                        per_value[memo_key] = outcome
                bits |= outcome
                continue
            per_amount = money.get(key)
            if per_amount is None:
                continue
            memo_key = dumps(value)
            found = per_amount.get(memo_key)
            if found is None:
                found = self._money_outcome(key, value)
                if len(per_amount) < MEMO_LIMIT:
                    per_amount[memo_key] = found
            bits |= found[0]
            if found[1]:
                payments = [*payments, *found[1]] if payments else list(found[1])
        return bits, payments, not answers.keys().isdisjoint(self.fee_questions)


_readers: OrderedDict[tuple[Any, ...], VersionReader] = OrderedDict()
_readers_lock = threading.Lock()


def reader_for(
    version_id: str, evidence: Mapping[str, QuestionEvidence], fee_questions: frozenset[str], items: Items
) -> VersionReader:
    """The version's reader, reused from an earlier tally when nothing it depends on differs.

    A published version's questions never change, so what its answers report is worked out once per
    process rather than at every poll; the key holds the evidence itself, so a reader never outlives it.
    """
    key = (version_id, items.items, tuple(evidence.items()), fee_questions)
    with _readers_lock:
        reader = _readers.get(key)
        if reader is None:
            reader = _readers[key] = VersionReader(evidence, fee_questions, items)
            while len(_readers) > READERS_KEPT:
                _readers.popitem(last=False)
        else:
            _readers.move_to_end(key)
    return reader
