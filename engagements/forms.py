from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.models import User
from engagements.models import ChecklistItem, Engagement, ItemStatus
from tenancy.roles import EngagementRole


class LinesField(forms.CharField):
    """A list of short texts, entered one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class EngagementForm(forms.ModelForm):
    enterprises = LinesField(
        label=_("Business enterprises assessed"),
        required=False,
        help_text=_("One per line: employers, labour recruiters, subagents, service providers."),
    )

    class Meta:
        model = Engagement
        fields = ["title", "sector", "enterprises", "description", "start_date", "end_date", "status"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class CorridorForm(forms.Form):
    origin = forms.ChoiceField(label=_("Origin"), choices=[("", "—"), *countries])
    transit = forms.MultipleChoiceField(
        label=_("Transit"), choices=list(countries), required=False, widget=forms.SelectMultiple(attrs={"size": 4})
    )
    destination = forms.ChoiceField(label=_("Destination"), choices=[("", "—"), *countries])


class InviteParticipantForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(label=_("Role"), choices=EngagementRole.choices)


class ParticipantRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=EngagementRole.choices)


class ItemStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ItemStatus.choices)


class ChecklistItemForm(forms.ModelForm):
    owner = forms.ModelChoiceField(queryset=User.objects.none(), required=False, label=_("Owner"))

    class Meta:
        model = ChecklistItem
        fields = ["owner", "due_date", "note"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(participations__engagement=engagement).order_by("email")


class NewChecklistItemForm(forms.Form):
    text = forms.CharField(label=_("New item"), max_length=500)
    mandatory = forms.BooleanField(label=_("Mandatory"), required=False, initial=True)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
