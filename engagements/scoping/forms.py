from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from engagements.forms import LinesField
from engagements.scoping.models import KnownRisk, Scope, WorkingGroupMember


class ScopeForm(forms.ModelForm):
    countries = forms.MultipleChoiceField(
        label=_("Countries in scope"),
        choices=list(countries),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    sectors = LinesField(label=_("Sectors"), required=False, help_text=_("One per line."))
    business_partners = LinesField(label=_("Business partners"), required=False, help_text=_("One per line."))
    sites = LinesField(label=_("Sites"), required=False, help_text=_("One per line."))

    class Meta:
        model = Scope
        fields = [
            "responsible",
            "budget_amount",
            "budget_currency",
            "countries",
            "sectors",
            "business_partners",
            "sites",
            "supply_chain_tiers",
            "sites_to_assess",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean_budget_currency(self) -> str:
        value = (self.cleaned_data.get("budget_currency") or "").strip().upper()
        if value and (len(value) != 3 or not value.isalpha()):
            raise forms.ValidationError(_("Use a three-letter currency code, such as USD or THB."))
        return value


class WorkingGroupForm(forms.ModelForm):
    class Meta:
        model = WorkingGroupMember
        fields = ["name", "organisation", "role", "represents_workers"]


class KnownRiskForm(forms.ModelForm):
    class Meta:
        model = KnownRisk
        fields = [
            "description",
            "country",
            "stage",
            "most_exposed_gender",
            "most_exposed_age",
            "needs_investigation",
            "source",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
