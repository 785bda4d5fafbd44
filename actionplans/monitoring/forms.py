from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from actionplans.monitoring.models import REPORTABLE_STATUSES, ExternalVerification
from interviews.preparation.forms import UploadField


class _OwnIds:
    """The action page holds several forms with a "note" field: each form's ids get its own prefix."""

    id_prefix = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class ProgressForm(forms.Form):
    text = forms.CharField(
        label=_("What was done"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Facts a verifier can check: what changed, for how many workers, since when."),
    )
    status = forms.ChoiceField(
        label=_("Status of the action"),
        choices=[(s.value, s.label) for s in REPORTABLE_STATUSES],
        widget=forms.RadioSelect,
        help_text=_("Only the assessment team closes an action, once it has verified the evidence."),
    )
    evidence = UploadField(label=_("Evidence file"), required=False)


class CloseForm(_OwnIds, forms.Form):
    id_prefix = "close"
    note = forms.CharField(
        label=_("Verification note"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you checked, and how (documents seen, workers asked, site visited)."),
    )


class ReopenForm(_OwnIds, forms.Form):
    id_prefix = "reopen"
    reason = forms.CharField(label=_("Why reopen it"), max_length=3000, widget=forms.Textarea(attrs={"rows": 2}))


class ExternalVerificationForm(_OwnIds, forms.ModelForm):
    id_prefix = "external"

    class Meta:
        model = ExternalVerification
        fields = ["verifier_organisation", "verified_on", "reference", "note"]
        widgets = {
            "verified_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class FinancialForm(_OwnIds, forms.Form):
    id_prefix = "financial"
    financial = forms.BooleanField(
        label=_("Financial remediation (repayment of fees or wages, compensation)"), required=False
    )
