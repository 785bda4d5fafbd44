"""Forms of the site checklist (one item at a time) and of the document review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interviews.sitevisits import photos
from interviews.sitevisits.models import DocumentFlag, DocumentIssue, DocumentReview, ObservationStatus, Received


class ObservationForm(forms.Form):
    """The fields of one checklist row; the template lays them out itself (44 px toggle buttons)."""

    status = forms.ChoiceField(choices=ObservationStatus.choices, required=False)
    note = forms.CharField(required=False, max_length=4000)
    photo = forms.FileField(required=False)
    remove_photo = forms.BooleanField(required=False)

    def clean_photo(self) -> photos.CleanPhoto | None:
        upload = self.cleaned_data.get("photo")
        return photos.clean_photo(upload) if upload else None


class DocumentReviewForm(forms.ModelForm):
    received = forms.ChoiceField(
        label=_("Received from the business?"), choices=Received.choices, widget=forms.RadioSelect
    )
    issues = forms.MultipleChoiceField(
        label=_("Issues found"),
        choices=DocumentIssue.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    flag = forms.ChoiceField(
        label=_("Flag"),
        choices=[("", _("No flag")), *DocumentFlag.choices],
        widget=forms.RadioSelect,
        required=False,
        help_text=_("A flagged document is listed in the report as a limitation of the assessment."),
    )

    class Meta:
        model = DocumentReview
        fields = ["received", "notes", "issues", "other_issue", "flag", "flag_explanation"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 4}),
            "flag_explanation": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "notes": _(
                "What the document shows, what staff explained, what to follow up. Never shown to the business."
            ),
            "other_issue": _("Only if you ticked “Other”."),
            "flag_explanation": _("Required when the document is flagged: what makes you suspect it."),
        }

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data[name] for name in self.Meta.fields}
