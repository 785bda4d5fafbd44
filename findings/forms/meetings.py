"""Forms of the preliminary findings meeting (phase 4), and the row forms the closing meeting reuses
(the list machinery is mapping_platform.forms)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from findings.models import MeetingSession
from mapping_platform.forms import DATE, RowForm, row_formset


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


class AttendeeForm(RowForm):
    required_fields = ("name", "role")
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role and organisation"), max_length=200)


class CriticalFindingForm(RowForm):
    required_fields = ("what", "who_acts", "due_on")
    what = forms.CharField(label=_("Critical finding and the action needed"), max_length=500)
    who_acts = forms.CharField(label=_("Who acts"), max_length=200)
    due_on = forms.DateField(label=_("By when"), widget=DATE)


class NextStepForm(RowForm):
    required_fields = ("what", "due_on")
    what = forms.CharField(label=_("Next step"), max_length=500)
    who = forms.CharField(label=_("Who"), max_length=200)
    due_on = forms.DateField(label=_("Date"), widget=DATE)


AttendeeFormSet = row_formset(AttendeeForm)
CriticalFindingFormSet = row_formset(CriticalFindingForm)
NextStepFormSet = row_formset(NextStepForm)
