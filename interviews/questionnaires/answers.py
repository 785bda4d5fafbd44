"""The answers of one interview: their format, their validation, and the questionnaire as the tablet sees it.

The format every part of the platform uses (the capture app, the sync endpoint, the vault, the debrief)::

    {question_key: value}          # answered, visible questions only

    single_choice    "value"                                   one of the question's options
    multiple_choice  ["v1", "v2"]                              known options, each once, in the options' order
    yes_no           "yes" | "no"
    number           a JSON number, 0 <= n <= 1e9              an int, or a finite float (a bool is no number)
    money            {"amount": "1234.50", "currency": "MMK"}  decimal string, <= 2 decimals, 0..1e12; ISO 4217
    date             "YYYY-MM-DD"                              a real date, year 1940-2100
    text             a string, stripped, <= 4000 characters

``None``, ``""``, ``[]``, ``{}`` and blank text mean "not answered" and are left out. ``clean_answers``
is pure: give it the version's questions in order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from interviews.questionnaires.catalogue import SOURCE_LANGUAGE, YES_NO_LABELS, Language, QuestionType, Section
from interviews.questionnaires.rules import QuestionLike, evaluate, option_values
from interviews.questionnaires.translation import localise

MAX_NUMBER = 1_000_000_000
MAX_AMOUNT = Decimal(10) ** 12
MAX_TEXT = 4000
MIN_YEAR, MAX_YEAR = 1940, 2100
AMOUNT_PATTERN = re.compile(r"^[0-9]{1,13}(\.[0-9]{1,2})?$")
DATE_PATTERN = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
CURRENCY_PATTERN = re.compile(r"^[A-Z]{3}$")
# Control characters other than tab and line breaks: nothing a person types, and some break storage.
CONTROL_PATTERN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# ISO 4217 codes of the currencies in circulation (funds, metals and test codes left out), with a few
# recently replaced ones kept so that an older record still validates (ANG, HRK, SLL, ZWL).
CURRENCY_CODES = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD
    CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD
    GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD
    KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK
    NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS
    SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST
    XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL
    """.split()
)


def _unanswered(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | dict) and not value


class _Invalid(Exception):
    def __init__(self, message: str) -> None:
        self.message = message


def _choice(question: QuestionLike, value: Any) -> str:
    values = option_values(question)
    if not isinstance(value, str) or value not in values:
        raise _Invalid(_("Choose one of the options."))
    return value


def _choices(question: QuestionLike, value: Any) -> list[str]:
    values = option_values(question)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Invalid(_("Choose options from the list."))
    unknown = [v for v in value if v not in values]
    if unknown:
        raise _Invalid(_("These are not options of this question: %(v)s.") % {"v": ", ".join(unknown[:5])})
    if len(set(value)) != len(value):
        raise _Invalid(_("An option is chosen twice."))
    return [v for v in values if v in value]


def _number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Invalid(_("Enter a number."))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _Invalid(_("Enter a number."))
        if value.is_integer():
            value = int(value)
    if value < 0:
        raise _Invalid(_("The number cannot be negative."))
    if value > MAX_NUMBER:
        raise _Invalid(_("The number is too large."))
    return value


def _money(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping) or set(value) != {"amount", "currency"}:
        raise _Invalid(_("Enter an amount and its currency."))
    amount, currency = value["amount"], value["currency"]
    if not isinstance(amount, str) or not amount.strip():
        raise _Invalid(_("Enter the amount as digits, for example 1500 or 1500.50."))
    amount = amount.strip()
    if amount.startswith("-"):
        raise _Invalid(_("The amount cannot be negative."))
    if not AMOUNT_PATTERN.match(amount):
        raise _Invalid(_("Enter the amount as digits, with at most two decimals, for example 1500 or 1500.50."))
    try:
        parsed = Decimal(amount)
    except InvalidOperation:  # pragma: no cover - the pattern only lets plain decimals through
        raise _Invalid(_("Enter the amount as digits.")) from None
    if parsed > MAX_AMOUNT:
        raise _Invalid(_("The amount is too large."))
    if not isinstance(currency, str) or not currency.strip():
        raise _Invalid(_("Choose the currency."))
    code = currency.strip().upper()
    if not CURRENCY_PATTERN.match(code) or code not in CURRENCY_CODES:
        raise _Invalid(_("“%(code)s” is not a currency code (ISO 4217, such as MMK or THB).") % {"code": code[:8]})
    return {"amount": format(parsed, "f"), "currency": code}


def _date(value: Any) -> str:
    if not isinstance(value, str) or not DATE_PATTERN.match(value.strip()):
        raise _Invalid(_("Enter a date as YYYY-MM-DD."))
    try:
        parsed = date.fromisoformat(value.strip())
    except ValueError:
        raise _Invalid(_("This date does not exist.")) from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise _Invalid(_("Enter a year between %(a)s and %(b)s.") % {"a": MIN_YEAR, "b": MAX_YEAR})
    return parsed.isoformat()


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _Invalid(_("Enter text."))
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise _Invalid(_("Keep the answer under %(n)s characters.") % {"n": MAX_TEXT})
    if CONTROL_PATTERN.search(value):
        raise _Invalid(_("The text contains characters that cannot be stored."))
    return value


def clean_value(question: QuestionLike, value: Any) -> Any:
    """One answer, normalised; raises ValidationError (its message) when it is not a valid answer."""
    try:
        if question.type == QuestionType.SINGLE_CHOICE or question.type == QuestionType.YES_NO:
            return _choice(question, value)
        if question.type == QuestionType.MULTIPLE_CHOICE:
            return _choices(question, value)
        if question.type == QuestionType.NUMBER:
            return _number(value)
        if question.type == QuestionType.MONEY:
            return _money(value)
        if question.type == QuestionType.DATE:
            return _date(value)
        if question.type == QuestionType.TEXT:
            return _text(value)
    except _Invalid as invalid:
        raise ValidationError(invalid.message, code="invalid") from None
    raise ValidationError(_("This question cannot be answered."), code="invalid")


def clean_answers(questions: Sequence[QuestionLike], answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers to a version's questions (given in order), validated and normalised.

    Refuses anything that is not a mapping, keys that are no question of the version, and a
    wrong answer to a shown question; requires every shown required question; leaves out the
    answers to questions that skip logic hides (they may have been given before an earlier answer
    changed). Visibility follows ``rules.evaluate`` on the cleaned answers, as ``rules.visible_keys``.
    Raises ``ValidationError({key: [message]})``.
    """
    if not isinstance(answers, Mapping):
        raise ValidationError({NON_FIELD_ERRORS: [_("The answers must be a mapping of question to answer.")]})
    by_key = {question.key: question for question in questions}
    errors: dict[str, list[str]] = {}
    for key in answers:
        if not isinstance(key, str) or key not in by_key:
            errors[str(key)[:80]] = [_("There is no such question in this questionnaire.")]
    cleaned: dict[str, Any] = {}
    for question in questions:
        if not evaluate(question.show_if, cleaned):
            continue
        value = answers.get(question.key)
        if _unanswered(value):
            if getattr(question, "required", False):
                errors[question.key] = [_("This question needs an answer.")]
            continue
        try:
            normalised = clean_value(question, value)
        except ValidationError as invalid:
            errors[question.key] = list(invalid.messages)
            continue
        if not _unanswered(normalised):
            cleaned[question.key] = normalised
        elif getattr(question, "required", False):
            errors[question.key] = [_("This question needs an answer.")]
    if errors:
        raise ValidationError(errors)
    return cleaned


# --- the questionnaire as the tablet sees it ----------------------------------------------------


def _translations(question: Any, languages: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Per language the question is translated into: its text, its guidance ("" when none), every option label.

    Option labels fall back to English one by one (as ``translation.localise``); yes-or-no labels come
    from the catalogue. A language the question is not translated into is absent: show it in English.
    """
    result: dict[str, dict[str, Any]] = {}
    for language in languages:
        entry = (question.translations or {}).get(language) or {}
        if language == SOURCE_LANGUAGE or not str(entry.get("text") or "").strip():
            continue
        local = localise(question, language)
        result[language] = {
            "text": local.text,
            "guidance": str(entry.get("guidance") or "").strip(),
            "options": {option.value: option.label for option in local.options},
        }
    return result


def _languages(questions: Sequence[Any]) -> list[str]:
    found = {
        language
        for question in questions
        for language, entry in (question.translations or {}).items()
        if isinstance(entry, Mapping) and str(entry.get("text") or "").strip()
    }
    return [SOURCE_LANGUAGE, *(code for code in Language.values if code in found)]


def client_definition(version: Any) -> dict[str, Any]:
    """The version as JSON for the capture app (cached on devices): wording, options, skip logic, translations.

    No indicators, risks or fee categories: the interviewer does not need them. Two queries at most
    (the questions; the questionnaire unless it was selected with the version).
    """
    from interviews.questionnaires.models import Question  # the rest of this module stays free of the ORM

    return _definition(version, list(Question.objects.filter(version_id=version.pk).order_by("position")))


def client_definitions(versions: Iterable[Any]) -> list[dict[str, Any]]:
    """``client_definition`` of several versions, in the order given, with one query for all their questions
    (plus one for their questionnaires unless they were selected with them)."""
    from interviews.questionnaires.models import Question

    versions = list(versions)
    by_version: dict[Any, list[Any]] = {version.pk: [] for version in versions}
    for question in Question.objects.filter(version_id__in=list(by_version)).order_by("version_id", "position"):
        by_version[question.version_id].append(question)
    return [_definition(version, by_version[version.pk]) for version in versions]


def _definition(version: Any, questions: list[Any]) -> dict[str, Any]:
    questionnaire = version.questionnaire
    languages = _languages(questions)
    sections = dict(Section.choices)
    english_yes_no = YES_NO_LABELS[SOURCE_LANGUAGE]
    items = []
    for question in questions:
        if question.type == QuestionType.YES_NO:
            options = [{"value": value, "label": english_yes_no[value]} for value in option_values(question)]
        else:
            options = [{"value": str(o["value"]), "label": str(o["label"])} for o in question.options or []]
        items.append(
            {
                "key": question.key,
                "section": question.section,
                "section_label": str(sections.get(question.section, question.section)),
                "type": question.type,
                "text": question.text,
                "guidance": question.guidance,
                "required": question.required,
                "options": options,
                "show_if": question.show_if or None,
                "translations": _translations(question, languages),
            }
        )
    return {
        "id": str(version.pk),
        "number": version.number,
        "title": questionnaire.title,
        "kind": questionnaire.kind,
        "languages": languages,
        "questions": items,
    }
