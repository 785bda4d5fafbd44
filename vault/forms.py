from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vault.models import Consent, ConsentKind, Respondent


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = [
            "kind",
            "witnessed_by",
            "given_on",
            "language",
            "use_in_report",
            "anonymous_quotes",
            "share_with_third_party",
            "third_party",
            "follow_up_calls",
        ]
        widgets = {"given_on": forms.DateInput(attrs={"type": "date"}), "kind": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate()
        self.fields["kind"].choices = ConsentKind.choices  # a radio list needs no blank choice

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("share_with_third_party") and not (data.get("third_party") or "").strip():
            self.add_error("third_party", _("Name the third party the worker agreed to share with."))
        return data


class DemographicsForm(forms.ModelForm):
    class Meta:
        model = Respondent
        fields = [
            "kind",
            "nationality",
            "gender",
            "age_band",
            "recruiter",
            "site",
            "department",
            "contract_type",
            "recruitment_year",
        ]

    def clean_recruitment_year(self) -> int | None:
        year = self.cleaned_data.get("recruitment_year")
        if year is not None and not 1950 <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("Enter a year between 1950 and this year."))
        return year


class IdentityForm(forms.Form):
    """Optional. Kept apart from the answers, encrypted with the engagement's identity key."""

    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    phone = forms.CharField(label=_("Phone (only with consent, for follow-up)"), required=False, max_length=40)
    employee_number = forms.CharField(label=_("Employee number"), required=False, max_length=60)
    passport_number = forms.CharField(label=_("Passport number"), required=False, max_length=60)
    notes = forms.CharField(label=_("Notes on identity"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


YES_NO_UNSURE = [("", "—"), ("yes", _("Yes")), ("no", _("No")), ("unsure", _("Not sure / no answer"))]


class CoreAnswersForm(forms.Form):
    """Core questions until the phase 3 questionnaires are published (issue 4 replaces this)."""

    paid_recruitment_fees = forms.ChoiceField(
        label=_("Did you pay any fee or cost to get this job?"), choices=YES_NO_UNSURE, required=False
    )
    fees_amount = forms.DecimalField(
        label=_("How much in total?"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    fees_currency = forms.CharField(label=_("Currency (ISO code)"), required=False, max_length=3)
    passport_held_by_employer = forms.ChoiceField(
        label=_("Does the employer or recruiter keep your passport?"), choices=YES_NO_UNSURE, required=False
    )
    contract_substituted = forms.ChoiceField(
        label=_("Was your contract changed after you arrived?"), choices=YES_NO_UNSURE, required=False
    )
    free_to_leave = forms.ChoiceField(
        label=_("Could you leave this job if you wanted to?"), choices=YES_NO_UNSURE, required=False
    )
    notes = forms.CharField(label=_("Interview notes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def clean_fees_currency(self) -> str:
        currency = (self.cleaned_data.get("fees_currency") or "").strip().upper()
        if currency and (len(currency) != 3 or not currency.isalpha()):
            raise forms.ValidationError(_("Use a three-letter currency code, such as MMK or THB."))
        return currency

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("fees_amount") is not None and not data.get("fees_currency"):
            self.add_error("fees_currency", _("Give the currency of the amount."))
        return data

    @classmethod
    def labelled(cls, answers: dict[str, Any]) -> list[tuple[str, Any]]:
        """Answers as (question, answer) pairs in the questionnaire's order; unknown keys last."""
        fields = cls.base_fields
        known = [(str(fields[name].label), answers[name]) for name in fields if name in answers]
        return known + [(name, value) for name, value in answers.items() if name not in fields]

    def answers(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if data.get("fees_amount") is not None:
            data["fees_amount"] = str(data["fees_amount"])
        return {key: value for key, value in data.items() if value not in (None, "")}


class UnlockForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need this person's identity?"),
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RetentionForm(forms.Form):
    keep_until = forms.DateField(label=_("Keep personal data until"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean_keep_until(self) -> Any:
        value = self.cleaned_data["keep_until"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the past."))
        return value
