"""Forms of the preliminary findings meeting (phase 4), and the row forms the closing meeting reuses."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from findings.models import MeetingSession

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SessionForm(forms.ModelForm):
    class Meta:
        model = MeetingSession
        fields = ["held_on", "place", "findings_presented", "notes"]
        widgets = {
            "held_on": DATE,
            "findings_presented": forms.Textarea(attrs={"rows": 6}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "findings_presented": _(
                "Against the law and standards that apply; where fees were assessed, the range, mean and median "
                "reported. Aggregate figures only: nothing that points at a worker."
            ),
            "notes": _("Feedback, agreement and disagreement, good practices noted."),
        }


class _RowForm(forms.Form):
    """One row of a list; a row left empty is dropped, a row half filled is an error."""

    required_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Every row is read, even one left as it was shown: a formset skips an "extra" row whose data
        # equals its initial values, which would drop unchanged rows when a list is edited.
        self.empty_permitted = False
        for field in self.fields.values():
            field.required = False
            field.widget.attrs.setdefault("aria-label", str(field.label))
            field.widget.attrs.setdefault("class", "form-control")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if any(value not in (None, "") for value in data.values()):
            for name in self.required_fields:
                if data.get(name) in (None, ""):
                    self.add_error(name, _("Fill this in, or empty the whole row to remove it."))
        return data

    def row(self) -> dict[str, Any] | None:
        data = getattr(self, "cleaned_data", {})
        if not any(value not in (None, "") for value in data.values()):
            return None
        return {name: value.strip() if isinstance(value, str) else value for name, value in data.items()}


class AttendeeForm(_RowForm):
    required_fields = ("name", "role")
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role and organisation"), max_length=200)


class CriticalFindingForm(_RowForm):
    required_fields = ("what", "who_acts", "due_on")
    what = forms.CharField(label=_("Critical finding and the action needed"), max_length=500)
    who_acts = forms.CharField(label=_("Who acts"), max_length=200)
    due_on = forms.DateField(label=_("By when"), widget=DATE)


class NextStepForm(_RowForm):
    required_fields = ("what", "due_on")
    what = forms.CharField(label=_("Next step"), max_length=500)
    who = forms.CharField(label=_("Who"), max_length=200)
    due_on = forms.DateField(label=_("Date"), widget=DATE)


def _formset(form: type[_RowForm]) -> Any:
    return forms.formset_factory(form, extra=3, max_num=60, validate_max=True)


AttendeeFormSet = _formset(AttendeeForm)
CriticalFindingFormSet = _formset(CriticalFindingForm)
NextStepFormSet = _formset(NextStepForm)


def rows_of(formset: Any) -> list[dict[str, Any]]:
    return [row for form in formset for row in [form.row()] if row is not None]
