"""Forms for tailoring a draft. They shape input; the services decide what is valid."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interviews.questionnaires.catalogue import (
    CHOICE_TYPES,
    QuestionType,
    Section,
    fee_category_names,
    indicator_names,
    risk_groups,
)
from interviews.questionnaires.display import OP_LABELS
from interviews.questionnaires.rules import REPORTING_TYPES, option_values


class CopyTemplateForm(forms.Form):
    title = forms.CharField(
        label=_("Title in this engagement"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to keep the template's title."),
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


def parse_options(raw: str) -> list[dict[str, str]]:
    """One option a line, ``value | label`` (a line without ``|`` is its own value, in lower case)."""
    options = []
    for line in raw.splitlines():
        if not line.strip():
            continue
        value, _sep, label = line.partition("|")
        if not label:
            label, value = value, value.strip().lower().replace(" ", "_")
        options.append({"value": value.strip(), "label": label.strip()})
    return options


def format_options(options: list[dict[str, str]]) -> str:
    return "\n".join(f"{o['value']} | {o['label']}" for o in options or [])


class QuestionForm(forms.Form):
    """A question's wording, type, options, skip logic and mappings."""

    key = forms.SlugField(
        label=_("Key"),
        max_length=64,
        help_text=_("Lower-case letters, digits and underscores; answers are stored under it and it never changes."),
    )
    section = forms.ChoiceField(label=_("Topic"), choices=Section.choices)
    type = forms.ChoiceField(label=_("Type"), choices=QuestionType.choices)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    guidance = forms.CharField(label=_("Note for the interviewer"), required=False, widget=forms.Textarea({"rows": 2}))
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    options = forms.CharField(
        label=_("Options (choice questions only)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One a line, as “value | label”, for example “employer | The employer keeps it”."),
    )
    show_if_question = forms.ChoiceField(label=_("Show only if the answer to"), required=False)
    show_if_op = forms.ChoiceField(
        label=_("Condition"), required=False, choices=[("", "—"), *((k, v) for k, v in OP_LABELS.items())]
    )
    show_if_value = forms.CharField(label=_("Option value"), required=False, max_length=64)
    indicators = forms.MultipleChoiceField(
        label=_("ILO forced-labour indicators it evidences"), required=False, widget=forms.CheckboxSelectMultiple
    )
    risks = forms.MultipleChoiceField(
        label=_("Annex B and C risks it evidences"), required=False, widget=forms.CheckboxSelectMultiple
    )
    reported_when = forms.CharField(
        label=_("Answers that report them"),
        required=False,
        max_length=1000,
        help_text=_(
            "The option values with which the respondent reports these indicators and risks, separated by commas, "
            "for example “employer, agency”; “yes” or “no” for a yes-or-no question. Required to publish a "
            "mapped choice question. An amount of money above zero always reports its indicators and risks."
        ),
    )
    fee_category = forms.ChoiceField(label=_("Fee category of an amount paid"), required=False)
    after = forms.ChoiceField(label=_("Place it after"), required=False)

    def __init__(
        self,
        *args: Any,
        earlier: list[Any] | None = None,
        editing: bool = False,
        question: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        controllers = [q for q in earlier or [] if q.type in (*CHOICE_TYPES, QuestionType.YES_NO)]
        self.fields["show_if_question"].choices = [
            ("", _("(always shown)")),
            *((q.key, f"{q.key} — {q.text[:70]}") for q in controllers),
        ]
        self.controllers = {q.key: q for q in controllers}
        self.fields["indicators"].choices = list(indicator_names().items())
        self.fields["risks"].choices = risk_groups()
        self.fields["fee_category"].choices = [("", "—"), *fee_category_names().items()]
        self.fields["after"].choices = [
            ("", _("(at the end)")),
            *((q.key, f"{q.key} — {q.text[:70]}") for q in earlier or []),
        ]
        if editing:
            del self.fields["key"]
            del self.fields["after"]
        values = option_values(question) if question is not None and question.type in REPORTING_TYPES else []
        if values:
            self.fields["reported_when"].help_text = _("This question's values: %(v)s. %(help)s") % {
                "v": ", ".join(values),
                "help": self.fields["reported_when"].help_text,
            }

    @classmethod
    def initial_for(cls, question: Any) -> dict[str, Any]:
        rule = question.show_if or {}
        return {
            "key": question.key,
            "section": question.section,
            "type": question.type,
            "text": question.text,
            "guidance": question.guidance,
            "required": question.required,
            "options": format_options(question.options),
            "show_if_question": rule.get("question", ""),
            "show_if_op": rule.get("op", ""),
            "show_if_value": rule.get("value", ""),
            "indicators": list(question.indicators or []),
            "risks": list(question.risks or []),
            "reported_when": ", ".join(question.reported_when or []),
            "fee_category": question.fee_category,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("type") in CHOICE_TYPES:
            data["options"] = parse_options(data.get("options") or "")
        else:
            data["options"] = []
        data["reported_when"] = self._reported_when(data)
        target = data.pop("show_if_question", "")
        op, value = data.pop("show_if_op", ""), (data.pop("show_if_value", "") or "").strip()
        data["show_if"] = None
        if target:
            if not op or not value:
                self.add_error("show_if_value", _("Choose a condition and the option value it tests."))
            elif target in self.controllers and value not in option_values(self.controllers[target]):
                allowed = ", ".join(option_values(self.controllers[target]))
                self.add_error("show_if_value", _("Use one of the option values: %(v)s.") % {"v": allowed})
            data["show_if"] = {"question": target, "op": op, "value": value}
        return data

    def _reported_when(self, data: dict[str, Any]) -> list[str]:
        """The values typed, checked against the options submitted with them (dropped for other types)."""
        if data.get("type") not in REPORTING_TYPES:
            return []
        typed = re.split(r"[,\s]+", data.get("reported_when") or "")
        values = list(dict.fromkeys(v for v in typed if v))
        allowed = option_values(SimpleNamespace(type=data.get("type"), options=data.get("options") or []))
        unknown = [v for v in values if v not in allowed]
        if unknown:
            self.add_error(
                "reported_when",
                _("Not options of this question: %(v)s. Use: %(allowed)s.")
                % {"v": ", ".join(unknown), "allowed": ", ".join(allowed)},
            )
        return values

    def service_fields(self) -> dict[str, Any]:
        names = (
            "section",
            "type",
            "text",
            "guidance",
            "required",
            "options",
            "show_if",
            "indicators",
            "risks",
            "reported_when",
        )
        fields = {name: self.cleaned_data[name] for name in names}
        fields["fee_category"] = self.cleaned_data.get("fee_category") or ""
        return fields


class TranslationForm(forms.Form):
    """A question's wording in one language; an empty question text removes the translation."""

    text = forms.CharField(
        label=_("Question"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leave empty to show the English text in this language."),
    )
    guidance = forms.CharField(label=_("Note for the interviewer"), required=False, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args: Any, question: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.option_fields: list[tuple[str, str]] = []
        if question.type in CHOICE_TYPES:
            for option in question.options:
                name = f"option__{option['value']}"
                label = _("Option “%(label)s”") % {"label": option["label"]}
                self.fields[name] = forms.CharField(label=label, required=False, max_length=300)
                self.option_fields.append((name, option["value"]))
        for field in self.fields.values():
            field.widget.attrs["lang"] = language

    @classmethod
    def initial_for(cls, question: Any, language: str) -> dict[str, Any]:
        entry = (question.translations or {}).get(language) or {}
        initial = {"text": entry.get("text", ""), "guidance": entry.get("guidance", "")}
        for value, label in (entry.get("options") or {}).items():
            initial[f"option__{value}"] = label
        return initial

    def option_labels(self) -> dict[str, str]:
        return {value: self.cleaned_data.get(name, "") for name, value in self.option_fields}
