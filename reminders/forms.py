"""Forms of the reminder pages. They validate input; the services decide and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reminders.models import MAX_OFFSET_DAYS, Audience, Channel, ReminderEvent, ReminderRule
from reminders.rules import describe_offset


class WhenField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label=_("Days from the due date"),
            min_value=-MAX_OFFSET_DAYS,
            max_value=MAX_OFFSET_DAYS,
            help_text=_("−7: a week before; 0: on the day; 1: the day after."),
            **kwargs,
        )


class RuleRowForm(forms.Form):
    """One row of the rule table (the event stays: a rule of another event is a new rule)."""

    offset_days = WhenField()
    audience = forms.ChoiceField(label=_("To whom"), choices=Audience.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    active = forms.BooleanField(label=_("Active"), required=False)

    def __init__(self, *args: Any, rule: ReminderRule, **kwargs: Any) -> None:
        self.rule = rule
        initial = {"offset_days": rule.offset_days, "audience": rule.audience, "channel": rule.channel}
        super().__init__(*args, prefix=f"rule-{rule.pk}", initial={**initial, "active": rule.active}, **kwargs)
        for name, field in self.fields.items():
            css = {"active": "form-check-input", "offset_days": "form-control"}.get(name, "form-select")
            field.help_text = ""  # the table's header and the page say it once
            label = f"{field.label}: {rule.get_event_display()}, {describe_offset(rule.offset_days)}"
            field.widget.attrs.update({"class": css, "aria-label": f"{label}, {rule.get_audience_display()}"})


class RuleTableForm:
    """All of an engagement's rules, posted at once."""

    def __init__(self, rules: list[ReminderRule], data: Any = None) -> None:
        self.rows = [RuleRowForm(data, rule=rule) for rule in rules]

    def is_valid(self) -> bool:
        return all(row.is_valid() for row in self.rows)

    @property
    def changes(self) -> dict[Any, dict[str, Any]]:
        return {row.rule.pk: row.cleaned_data for row in self.rows}


class RuleAddForm(forms.Form):
    event = forms.ChoiceField(label=_("Remind of"), choices=ReminderEvent.choices)
    offset_days = WhenField()
    audience = forms.ChoiceField(label=_("To whom"), choices=Audience.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
