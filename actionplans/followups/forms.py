"""Forms of the phase 7 follow-up pages. They validate input; the services decide and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from actionplans.followups.models import GrievanceCategory, GrievanceChannel, GrievanceStatus, VerificationStatus
from engagements.models import Corridor, Engagement
from mapping_platform.forms import DATE

NO_NAMES = _("Counts only: never a worker's name.")


class CohortForm(forms.Form):
    arrival_date = forms.DateField(label=_("Arrival date"), widget=DATE)
    workers = forms.IntegerField(label=_("How many workers arrived"), min_value=1, help_text=NO_NAMES)
    corridor = forms.ModelChoiceField(label=_("Corridor"), queryset=Corridor.objects.none(), required=False)
    nationality = forms.ChoiceField(label=_("Nationality"), choices=[("", "—"), *countries], required=False)

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["corridor"].queryset = Corridor.objects.filter(engagement=engagement)


class RoundDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Interviews held on"), widget=DATE)
    interviewed = forms.IntegerField(label=_("How many workers were interviewed"), min_value=1, help_text=NO_NAMES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()


class StartFollowUpForm(forms.Form):
    title = forms.CharField(label=_("Title of the follow-up assessment"), max_length=200)
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    end_date = forms.DateField(
        label=_("End date"), widget=DATE, required=False, help_text=_("Left empty: a month after the start.")
    )
    reason = forms.CharField(
        label=_("Why outside 6–12 months?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only needed when the start date is outside the window the method asks for."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return data


class VerificationForm(forms.Form):
    status = forms.ChoiceField(label=_("Verdict"), choices=VerificationStatus.choices)
    note = forms.CharField(
        label=_("What the follow-up found"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required unless resolved. Evidence in aggregate: no worker's name."),
    )


class GrievanceForm(forms.Form):
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    channel = forms.ChoiceField(label=_("Channel"), choices=GrievanceChannel.choices)
    category = forms.ChoiceField(label=_("Category"), choices=GrievanceCategory.choices)
    alleges_retaliation = forms.BooleanField(label=_("The report alleges retaliation"), required=False)
    description = forms.CharField(
        label=_("What was reported"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kept encrypted. Write what the team needs to act on; the reporter's name goes below, not here."),
    )
    reporter_name = forms.CharField(label=_("Reporter's name (optional)"), max_length=200, required=False)
    reporter_phone = forms.CharField(
        label=_("Reporter's phone (optional)"),
        max_length=40,
        required=False,
        help_text=_("Name and phone go only into the identity vault: unlocked one case at a time, with a reason."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()
        for name in ("reporter_name", "reporter_phone"):
            self.fields[name].widget.attrs["autocomplete"] = "off"


class GrievanceUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=GrievanceStatus.choices)
    referred_to = forms.CharField(
        label=_("Referred to"),
        max_length=200,
        required=False,
        help_text=_("The organisation or mechanism, e.g. a legal-aid CSO or the labour inspectorate."),
    )
    referred_on = forms.DateField(label=_("Referred on"), widget=DATE, required=False)
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=6000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept encrypted. Required once the case is resolved or closed."),
    )
