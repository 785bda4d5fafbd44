"""Pure rules of a questionnaire: what a valid question is, and which questions skip logic shows.

Skip logic is one small condition on an EARLIER question of the same version::

    {"question": "paid_anything", "op": "equals", "value": "yes"}

``equals`` / ``not_equals`` apply to single-choice and yes-or-no questions, ``contains`` /
``not_contains`` to multiple-choice questions, and the value must be one of that question's
options. Pointing only backwards rules out cycles. An unanswered (or hidden) question satisfies
no condition, so whatever depends on it stays hidden.

Nothing here touches the database: the functions take anything with the attributes of a
question (``key``, ``type``, ``options``, ``show_if`` and, for validation, the mapping fields).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from django.utils.translation import gettext as _

from interviews.questionnaires.catalogue import (
    CHOICE_TYPES,
    YES_NO_VALUES,
    Language,
    QuestionType,
    Section,
    fee_category_names,
    indicator_names,
    risk_names,
)

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
OPTION_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]{0,63}$")
OPS_BY_TYPE: dict[str, tuple[str, ...]] = {
    QuestionType.SINGLE_CHOICE: ("equals", "not_equals"),
    QuestionType.YES_NO: ("equals", "not_equals"),
    QuestionType.MULTIPLE_CHOICE: ("contains", "not_contains"),
}
ALL_OPS = ("equals", "not_equals", "contains", "not_contains")
RULE_FIELDS = {"question", "op", "value"}


class QuestionLike(Protocol):
    key: str
    type: str
    options: list[dict[str, str]]
    show_if: dict[str, str] | None


def option_values(question: QuestionLike) -> list[str]:
    if question.type == QuestionType.YES_NO:
        return list(YES_NO_VALUES)
    return [str(option.get("value", "")) for option in question.options or []]


# --- evaluation ---------------------------------------------------------------------------------


def _answered(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def _as_choice(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def evaluate(rule: Mapping[str, Any] | None, answers: Mapping[str, Any]) -> bool:
    """Whether a question with this skip rule is shown, given the answers so far."""
    if not rule:
        return True
    answer = answers.get(rule["question"])
    if not _answered(answer):
        return False
    op, value = rule["op"], str(rule["value"])
    if op in ("equals", "not_equals"):
        return (_as_choice(answer) == value) == (op == "equals")
    if op in ("contains", "not_contains"):
        chosen = {_as_choice(v) for v in answer} if isinstance(answer, list | tuple | set) else {_as_choice(answer)}
        return (value in chosen) == (op == "contains")
    raise ValueError(f"Unknown skip-logic operator: {op!r}")


def visible_keys(questions: Iterable[QuestionLike], answers: Mapping[str, Any]) -> list[str]:
    """The keys of the questions shown, in order. Answers to hidden questions count as not given."""
    shown: list[str] = []
    effective: dict[str, Any] = {}
    for question in questions:
        if evaluate(question.show_if, effective):
            shown.append(question.key)
            if question.key in answers:
                effective[question.key] = answers[question.key]
    return shown


# --- validation ---------------------------------------------------------------------------------


def rule_errors(rule: Any, earlier: Mapping[str, QuestionLike]) -> list[str]:
    """What is wrong with a skip rule, given the questions that come before it (empty: valid)."""
    if rule in (None, {}):
        return []
    if not isinstance(rule, Mapping) or set(rule) != RULE_FIELDS:
        return [_("Skip logic needs exactly a question, an operator and a value.")]
    target = earlier.get(str(rule["question"]))
    if target is None:
        return [
            _("Skip logic can only depend on an earlier question; “%(key)s” is not one.") % {"key": rule["question"]}
        ]
    allowed = OPS_BY_TYPE.get(target.type)
    if allowed is None:
        return [
            _("Skip logic can only depend on a choice or yes-or-no question; “%(key)s” is not one.")
            % {"key": target.key}
        ]
    if rule["op"] not in allowed:
        return [_("For “%(key)s”, skip logic can only use: %(ops)s.") % {"key": target.key, "ops": ", ".join(allowed)}]
    if str(rule["value"]) not in option_values(target):
        return [_("“%(value)s” is not an option of “%(key)s”.") % {"value": rule["value"], "key": target.key}]
    return []


def _id_errors(values: Any, known: Mapping[str, str], what: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        return [_("%(what)s must be a list of ids.") % {"what": what}]
    unknown = [v for v in values if v not in known]
    if unknown:
        return [_("Unknown %(what)s: %(ids)s.") % {"what": what, "ids": ", ".join(unknown)}]
    if len(set(values)) != len(values):
        return [_("%(what)s are listed twice.") % {"what": what}]
    return []


def _option_errors(question: Any) -> list[str]:
    options = question.options or []
    if question.type not in CHOICE_TYPES:
        return [_("Only choice questions have options.")] if options else []
    if not isinstance(options, list) or len(options) < 2:
        return [_("A choice question needs at least two options.")]
    values = []
    for option in options:
        if not isinstance(option, Mapping) or not OPTION_PATTERN.match(str(option.get("value", ""))):
            return [_("Each option needs a value of lower-case letters, digits and underscores.")]
        if not str(option.get("label", "")).strip():
            return [_("Each option needs a label.")]
        values.append(option["value"])
    if len(set(values)) != len(values):
        return [_("Two options have the same value.")]
    return []


def _translation_errors(question: Any) -> list[str]:
    translations = question.translations or {}
    if not isinstance(translations, Mapping):
        return [_("Translations must map a language to its text.")]
    values = set(option_values(question))
    for language, entry in translations.items():
        if language not in Language.values:
            return [_("No such translation language: %(lang)s.") % {"lang": language}]
        if not isinstance(entry, Mapping) or not str(entry.get("text", "")).strip():
            return [_("The %(lang)s translation has no question text.") % {"lang": language}]
        extra = set(entry.get("options") or {}) - values
        if extra:
            return [
                _("The %(lang)s translation names options the question does not have: %(v)s.")
                % {
                    "lang": language,
                    "v": ", ".join(sorted(extra)),
                }
            ]
    return []


REPORTING_TYPES = frozenset({*CHOICE_TYPES, QuestionType.YES_NO})


def _reported_when_errors(question: Any) -> list[str]:
    """The answers that report a question's indicators and risks: some of its own options, for choice types."""
    values = question.reported_when
    if values in (None, []):
        return []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        return [_("The answers that report it must be a list of option values.")]
    if question.type not in REPORTING_TYPES:
        if question.type == QuestionType.MONEY:
            return [_("An amount of money above zero always reports its question: list no answers for it.")]
        return [_("Only the answers to a choice or yes-or-no question can report indicators and risks.")]
    unknown = [v for v in values if v not in option_values(question)]
    if unknown:
        return [
            _("Not options of this question: %(v)s (use: %(allowed)s).")
            % {"v": ", ".join(unknown), "allowed": ", ".join(option_values(question))}
        ]
    if len(set(values)) != len(values):
        return [_("An answer that reports it is listed twice.")]
    return []


def mapping_gaps(questions: Iterable[Any]) -> list[str]:
    """Keys of the choice and yes-or-no questions that map indicators or risks but name no answer reporting them.

    Such a question counts for nothing in the debrief and the findings: a new version may not be
    published with one (services), and a version published before this rule shows the gap.
    """
    return [
        question.key
        for question in questions
        if question.type in REPORTING_TYPES and (question.indicators or question.risks) and not question.reported_when
    ]


def question_errors(question: Any, earlier: Mapping[str, QuestionLike]) -> dict[str, list[str]]:
    """Field -> messages for one question, given the questions before it in its version."""
    errors: dict[str, list[str]] = {}

    def add(field: str, messages: list[str]) -> None:
        if messages:
            errors.setdefault(field, []).extend(messages)

    if not KEY_PATTERN.match(question.key or ""):
        add("key", [_("A key is lower-case letters, digits and underscores, starting with a letter.")])
    if question.type not in QuestionType.values:
        add("type", [_("Unknown question type.")])
    if question.section not in Section.values:
        add("section", [_("Unknown topic.")])
    if not (question.text or "").strip():
        add("text", [_("Write the question.")])
    add("options", _option_errors(question))
    add("show_if", rule_errors(question.show_if, earlier))
    add("indicators", _id_errors(question.indicators, indicator_names(), _("forced-labour indicators")))
    add("risks", _id_errors(question.risks, risk_names(), _("risks")))
    add("reported_when", _reported_when_errors(question))
    if question.fee_category:
        if question.fee_category not in fee_category_names():
            add("fee_category", [_("Unknown fee category.")])
        elif question.type != QuestionType.MONEY:
            add("fee_category", [_("Only an amount-of-money question can record a fee category.")])
    add("translations", _translation_errors(question))
    return errors


def questionnaire_errors(questions: Sequence[Any]) -> dict[str, dict[str, list[str]]]:
    """Question key -> field errors, for a whole version in order (keys unique, rules backwards)."""
    errors: dict[str, dict[str, list[str]]] = {}
    earlier: dict[str, Any] = {}
    for question in questions:
        found = question_errors(question, earlier)
        if question.key in earlier:
            found.setdefault("key", []).append(_("Another question already has this key."))
        if found:
            errors[question.key] = found
        earlier[question.key] = question
    return errors
