"""How a list of questions reads on a page: numbered, grouped by topic, in a language, with its mappings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from interviews.questionnaires.catalogue import (
    Language,
    QuestionType,
    Section,
    fee_category_names,
    indicator_names,
    risk_names,
)
from interviews.questionnaires.rules import mapping_gaps
from interviews.questionnaires.translation import LocalisedQuestion, coverage, localise

OP_LABELS = {
    "equals": _("is"),
    "not_equals": _("is not"),
    "contains": _("includes"),
    "not_contains": _("does not include"),
}


@dataclass
class SkipText:
    number: int
    key: str
    op: str
    value: str


@dataclass
class QuestionRow:
    question: Any
    number: int
    local: LocalisedQuestion
    skip: SkipText | None
    indicators: list[tuple[str, str]]
    risks: list[tuple[str, str]]
    fee_category: str
    reported_when: list[str] = field(default_factory=list)  # labels of the answers that report the mapping
    mapping_gap: bool = False  # a mapped choice question no answer of which reports it

    @property
    def is_choice(self) -> bool:
        return self.question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE, QuestionType.YES_NO)


@dataclass
class SectionGroup:
    label: str
    rows: list[QuestionRow] = field(default_factory=list)


def _skip_text(rule: dict | None, earlier: dict[str, tuple[int, Any]]) -> SkipText | None:
    if not rule:
        return None
    number, controller = earlier.get(rule["question"], (0, None))
    value = str(rule["value"])
    if controller is not None:
        value = next((o.label for o in localise(controller, "en").options if o.value == value), value)
    return SkipText(number=number, key=rule["question"], op=str(OP_LABELS.get(rule["op"], rule["op"])), value=value)


def _reported_labels(question: Any) -> list[str]:
    """The English labels of the answers that report the question's mapping, in the options' order."""
    chosen = set(question.reported_when or [])
    if not chosen:
        return []
    return [o.label for o in localise(question, "en").options if o.value in chosen]


def grouped_rows(questions: Iterable[Any], language: str) -> list[SectionGroup]:
    """Questions in order, numbered from 1, grouped under their topic wherever the topic changes."""
    indicators, risks, fees = indicator_names(), risk_names(), fee_category_names()
    sections = dict(Section.choices)
    groups: list[SectionGroup] = []
    earlier: dict[str, tuple[int, Any]] = {}
    for number, question in enumerate(questions, start=1):
        if not groups or groups[-1].label != sections.get(question.section, question.section):
            groups.append(SectionGroup(label=str(sections.get(question.section, question.section))))
        groups[-1].rows.append(
            QuestionRow(
                question=question,
                number=number,
                local=localise(question, language),
                skip=_skip_text(question.show_if, earlier),
                indicators=[(i, indicators.get(i, i)) for i in question.indicators or []],
                risks=[(r, risks.get(r, r)) for r in question.risks or []],
                fee_category=fees.get(question.fee_category, "") if question.fee_category else "",
                reported_when=_reported_labels(question),
                mapping_gap=bool(mapping_gaps([question])),
            )
        )
        earlier[question.key] = (number, question)
    return groups


def language_tabs(questions: list[Any], current: str) -> list[dict[str, Any]]:
    """English, then each translation language with how many questions it covers."""
    total = len(questions)
    tabs = [{"code": "en", "label": _("English"), "done": total, "total": total, "active": current == "en"}]
    for code, label in Language.choices:
        done, total = coverage(questions, code)
        tabs.append({"code": code, "label": label, "done": done, "total": total, "active": current == code})
    return tabs


def chosen_language(raw: str | None) -> str:
    return raw if raw in Language.values else "en"
