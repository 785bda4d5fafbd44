"""A question in the interviewee's language, falling back to English wherever no translation exists.

Translations live on the question as ``{"my": {"text": ..., "guidance": ..., "options": {value: label}}}``.
A missing language, a missing text or a missing option label falls back to the English source,
and says so (``translated`` is False), so an interviewer sees which wording they must interpret.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from interviews.questionnaires.catalogue import SOURCE_LANGUAGE, YES_NO_LABELS, QuestionType


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    translated: bool


@dataclass(frozen=True)
class LocalisedQuestion:
    language: str
    text: str
    guidance: str
    options: tuple[Option, ...]
    translated: bool  # the question text itself is in the requested language

    @property
    def fell_back(self) -> bool:
        return self.language != SOURCE_LANGUAGE and not self.translated


def _english_options(question: Any) -> list[tuple[str, str]]:
    if question.type == QuestionType.YES_NO:
        return list(YES_NO_LABELS[SOURCE_LANGUAGE].items())
    return [(str(o["value"]), str(o["label"])) for o in question.options or []]


def localise(question: Any, language: str) -> LocalisedQuestion:
    """The question's wording in ``language``, English where that language has none."""
    source = language == SOURCE_LANGUAGE
    entry = {} if source else (question.translations or {}).get(language) or {}
    text = str(entry.get("text") or "").strip()
    option_labels = entry.get("options") or {}
    if question.type == QuestionType.YES_NO and not source:
        option_labels = {**YES_NO_LABELS.get(language, {}), **option_labels}
    options = []
    for value, english in _english_options(question):
        label = str(option_labels.get(value) or "").strip()
        options.append(Option(value=value, label=label or english, translated=source or bool(label)))
    return LocalisedQuestion(
        language=language,
        text=text or question.text,
        guidance=str(entry.get("guidance") or "").strip() or question.guidance,
        options=tuple(options),
        translated=source or bool(text),
    )


def coverage(questions: Iterable[Any], language: str) -> tuple[int, int]:
    """(questions whose text is translated into ``language``, all questions)."""
    items = list(questions)
    done = sum(1 for q in items if str(((q.translations or {}).get(language) or {}).get("text") or "").strip())
    return done, len(items)
