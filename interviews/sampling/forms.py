"""Forms of the sample and the assessment plan."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interviews.sampling.models import (
    AgendaItem,
    AssessmentSite,
    InterviewFormat,
    SamplingSettings,
    UnavailablePeriod,
)
from interviews.sampling.selection import STRATUM_ATTRIBUTES, Band

MAX_UPLOAD_BYTES = 5 * 1024 * 1024

ATTRIBUTE_LABELS = {
    "nationality": _("Nationality"),
    "gender": _("Gender"),
    "recruiter": _("Recruiter"),
    "department": _("Department"),
    "shift": _("Shift"),
    "contract_type": _("Contract type"),
    "is_supervisor": _("Supervisor (yes/no)"),
}

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SettingsForm(forms.ModelForm):
    strata = forms.MultipleChoiceField(
        label=_("Stratify across"),
        choices=[(a, ATTRIBUTE_LABELS[a]) for a in STRATUM_ATTRIBUTES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Each combination of these found on the list is a stratum with at least the minimum. "
            "Fewer attributes keep the sample closer to the table's size."
        ),
    )

    class Meta:
        model = SamplingSettings
        fields = ["oversample_percent", "min_per_stratum", "strata", "supervisors_per_site"]


NUMBER = forms.NumberInput(attrs={"class": "form-control", "min": 1})


class BandForm(forms.Form):
    workers_min = forms.IntegerField(label=_("From (workers)"), min_value=1, required=False, widget=NUMBER)
    workers_max = forms.IntegerField(label=_("To (workers)"), min_value=1, required=False, widget=NUMBER)
    sample_size = forms.IntegerField(label=_("Workers to interview"), min_value=1, required=False, widget=NUMBER)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = str(field.label)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("workers_min") is None) != (data.get("sample_size") is None):
            raise forms.ValidationError(_("Give both the lower bound and the number to interview."))
        return data

    def band(self) -> Band | None:
        data = self.cleaned_data
        if data.get("workers_min") is None:
            return None
        return Band(data["workers_min"], data.get("workers_max"), data["sample_size"])


BandFormSet = forms.formset_factory(BandForm, extra=2, max_num=20)


class SiteForm(forms.ModelForm):
    class Meta:
        model = AssessmentSite
        fields = ["name", "workers_on_site"]


class UploadForm(forms.Form):
    list_date = forms.DateField(label=_("Date of the list"), widget=DATE)
    file = forms.FileField(
        label=_("Attendance list (CSV or .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["list_date"].initial = timezone.localdate()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a CSV file or an Excel workbook (.xlsx)."))
        return upload


class DrawForm(forms.Form):
    seed = forms.IntegerField(
        label=_("Random seed (optional)"),
        min_value=0,
        max_value=10**18 - 1,
        required=False,
        help_text=_("Leave blank for a random seed, or enter one drawn in front of witnesses (for example with dice)."),
    )


class PeriodForm(forms.ModelForm):
    class Meta:
        model = UnavailablePeriod
        fields = ["site", "kind", "date", "start_time", "end_time", "note"]
        widgets = {"date": DATE, "start_time": TIME, "end_time": TIME}

    def __init__(self, *args: Any, sites: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["site"].empty_label = None


class AgendaForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["activity", "date", "start_time", "end_time", "place", "note"]
        widgets = {"date": DATE, "start_time": TIME, "end_time": TIME}


def _positions(value: str) -> list[int]:
    parts = [p for p in re.split(r"[\s,;]+", value.strip()) if p]
    if not parts or not all(p.isdigit() for p in parts):
        raise forms.ValidationError(_("Give list positions as numbers, separated by commas."))
    return [int(p) for p in parts]


class SlotForm(forms.Form):
    positions = forms.CharField(
        label=_("List positions"),
        max_length=200,
        help_text=_("One position for an individual interview; several, separated by commas, for a group."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=InterviewFormat.choices, initial=InterviewFormat.INDIVIDUAL)
    date = forms.DateField(label=_("Date"), widget=DATE)
    start_time = forms.TimeField(label=_("From"), widget=TIME)
    end_time = forms.TimeField(label=_("To"), widget=TIME)
    room = forms.CharField(label=_("Room"), max_length=100)
    shift = forms.CharField(label=_("Shift"), max_length=100, required=False, help_text=_("Blank: from the list."))
    interviewer = forms.ModelChoiceField(label=_("Interviewer"), queryset=None)

    def __init__(self, *args: Any, interviewers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interviewer"].queryset = interviewers

    def clean_positions(self) -> list[int]:
        return _positions(self.cleaned_data["positions"])


class AutoScheduleForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    day_start = forms.TimeField(label=_("First interview from"), widget=TIME, initial="08:30")
    day_end = forms.TimeField(label=_("Last interview ends by"), widget=TIME, initial="17:00")
    minutes = forms.IntegerField(label=_("Minutes per interview"), min_value=10, max_value=180, initial=45)
    gap_minutes = forms.IntegerField(label=_("Minutes between interviews"), min_value=0, max_value=60, initial=10)
    rooms = forms.CharField(
        label=_("Rooms"), max_length=300, help_text=_("Separated by commas, in the order to fill them.")
    )
    interviewers = forms.ModelMultipleChoiceField(
        label=_("Interviewers"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, interviewers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].queryset = interviewers

    def clean_rooms(self) -> list[str]:
        rooms = [r.strip() for r in self.cleaned_data["rooms"].split(",") if r.strip()]
        if not rooms:
            raise forms.ValidationError(_("Give at least one room."))
        return rooms
