"""Changing a stored interview's answers in the browser, question by question of its published version.

The form only collects; ``answers.clean_answers`` judges (types, skip logic, required answers), exactly
as for a record synced from a tablet.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interviews.questionnaires.answers import CURRENCY_CODES
from interviews.questionnaires.catalogue import YES_NO_LABELS, QuestionType

BLANK = [("", "—")]


def _options(question: Any) -> list[tuple[str, str]]:
    if question.type == QuestionType.YES_NO:
        return list(YES_NO_LABELS["en"].items())
    return [(str(o["value"]), str(o["label"])) for o in question.options or []]


class AnswersForm(forms.Form):
    def __init__(self, *args: Any, questions: list[Any], currencies: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        others = sorted(CURRENCY_CODES - set(currencies))
        currency_choices = [(c, c) for c in [*currencies, *others]]
        for question in questions:
            common = {"label": question.text, "help_text": question.guidance, "required": False}
            key = question.key
            if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.YES_NO):
                self.fields[key] = forms.ChoiceField(choices=BLANK + _options(question), **common)
            elif question.type == QuestionType.MULTIPLE_CHOICE:
                self.fields[key] = forms.MultipleChoiceField(
                    choices=_options(question), widget=forms.CheckboxSelectMultiple, **common
                )
            elif question.type == QuestionType.NUMBER:
                self.fields[key] = forms.DecimalField(max_digits=14, decimal_places=4, **common)
            elif question.type == QuestionType.MONEY:
                self.fields[f"{key}__amount"] = forms.CharField(max_length=20, **common)
                self.fields[f"{key}__currency"] = forms.ChoiceField(
                    label=_("Currency"), choices=currency_choices, required=False
                )
            elif question.type == QuestionType.DATE:
                self.fields[key] = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
            else:
                self.fields[key] = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 3}), **common)

    @staticmethod
    def initial_for(questions: list[Any], answers: dict[str, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for question in questions:
            value = answers.get(question.key)
            if question.type == QuestionType.MONEY and isinstance(value, dict):
                initial[f"{question.key}__amount"] = value.get("amount", "")
                initial[f"{question.key}__currency"] = value.get("currency", "")
            elif value is not None:
                initial[question.key] = value
        return initial

    def answers(self) -> dict[str, Any]:
        """The answers in the one format (``answers.py``), for ``clean_answers`` to judge."""
        data = self.cleaned_data
        result: dict[str, Any] = {}
        for question in self.questions:
            key = question.key
            if question.type == QuestionType.MONEY:
                amount = (data.get(f"{key}__amount") or "").strip()
                if amount:
                    result[key] = {"amount": amount, "currency": data.get(f"{key}__currency") or ""}
                continue
            value = data.get(key)
            if value in (None, "", []):
                continue
            if isinstance(value, Decimal):
                value = int(value) if value == value.to_integral_value() else float(value)
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            result[key] = value
        return result

    def add_answer_errors(self, errors: dict[str, list[str]]) -> None:
        by_key = {q.key: q for q in self.questions}
        for key, messages in errors.items():
            question = by_key.get(key)
            field = f"{key}__amount" if question is not None and question.type == QuestionType.MONEY else key
            self.add_error(field if field in self.fields else None, messages)
