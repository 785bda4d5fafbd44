"""Forms of the analysis: its rules and the exchange rates. Layout only; the services validate."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from findings.analysis.models import AnalysisSettings, ExchangeRate

CODE = {"maxlength": 3, "pattern": "[A-Za-z]{3}", "autocapitalize": "characters", "class": "text-uppercase"}


class SettingsForm(forms.ModelForm):
    class Meta:
        model = AnalysisSettings
        fields = ["k", "systemic_percent", "systemic_sites", "reporting_currency"]
        widgets = {"reporting_currency": forms.TextInput(attrs=CODE)}

    def clean_reporting_currency(self) -> str:
        return (self.cleaned_data.get("reporting_currency") or "").strip().upper()


class RateForm(forms.ModelForm):
    class Meta:
        model = ExchangeRate
        fields = ["currency", "rate", "rate_date", "source"]
        widgets = {
            "currency": forms.TextInput(attrs=CODE),
            "rate": forms.NumberInput(attrs={"step": "any", "min": "0"}),
            "rate_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {"currency": _("The currency workers paid in (ISO 4217 code, e.g. MMK).")}

    def clean_currency(self) -> str:
        return (self.cleaned_data.get("currency") or "").strip().upper()
