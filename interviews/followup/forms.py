"""Forms of the follow-up pages. They validate input; the services decide and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagements.models import Engagement
from interviews.followup.models import CallOutcome, FollowUpLine
from interviews.preparation.languages import language_choices
from interviews.preparation.models import ReferralService
from mapping_platform.forms import DATE


class FollowUpLineForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages the line answers in"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "language-choice"}),
    )

    class Meta:
        model = FollowUpLine
        fields = ["number", "free_of_charge", "hours", "languages", "answered_by", "script"]
        widgets = {"script": forms.Textarea(attrs={"rows": 4})}


class CallForm(forms.Form):
    called_on = forms.DateField(label=_("Date of the call"), widget=DATE)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CallOutcome.choices, widget=forms.RadioSelect)
    referred_to = forms.ModelChoiceField(
        label=_("Referred to (from the referral directory)"),
        queryset=ReferralService.objects.none(),
        required=False,
    )
    referral = forms.CharField(
        label=_("Referral note"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when retaliation is reported: to whom the worker was referred, and what happens next."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept encrypted. Write what the team needs to act on, not the worker's name or number."),
    )

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referred_to"].queryset = ReferralService.objects.filter(engagement=engagement)
        self.fields["called_on"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("outcome") == CallOutcome.RETALIATION and not (data.get("referral") or "").strip():
            self.add_error(
                "referral",
                _("Retaliation was reported: write the referral made (to whom, and what happens next)."),
            )
        return data
