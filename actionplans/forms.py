"""Forms of phase 6. Plain forms: the services validate against the models and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from actionplans.models import Action, ActionKind, VerifiedBy
from actionplans.selectors import findings_to_answer
from engagements.models import Engagement
from mapping_platform.forms import DATE

CHECKS = {"class": "form-check-input"}


class FindingChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"F{obj.number} · {obj.title}"


class ActionForm(forms.Form):
    findings = FindingChoice(
        label=_("Findings this action answers"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKS),
        help_text=_("Every released finding must be answered by at least one action."),
    )
    kind = forms.ChoiceField(label=_("Kind of action"), choices=ActionKind.choices)
    what = forms.CharField(
        label=_("What will be done"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Specific and realistic: tackle the root cause, not only the symptom."),
    )
    target_outcome = forms.CharField(
        label=_("Target outcome"), max_length=3000, widget=forms.Textarea(attrs={"rows": 2})
    )
    indicator = forms.CharField(
        label=_("Measurable indicator"),
        max_length=500,
        help_text=_("How progress is measured, for example: share of workers holding their own passport."),
    )
    responsible_person = forms.CharField(label=_("Responsible person"), max_length=200)
    responsible_organisation = forms.CharField(label=_("Responsible organisation"), max_length=200)
    responsible_user = forms.ModelChoiceField(
        label=_("Reminders go to"),
        queryset=None,
        required=False,
        help_text=_("A participant of this engagement who receives the reminders of this action."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=DATE)
    resources = forms.CharField(
        label=_("Resources"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 2})
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Changing the resources or a note does not ask for signatures again."),
    )

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["findings"].queryset = findings_to_answer(engagement).order_by("number")
        self.fields["responsible_user"].queryset = (
            get_user_model().objects.filter(participations__engagement=engagement).order_by("full_name")
        )

    @staticmethod
    def initial_for(action: Action) -> dict[str, Any]:
        return {
            "findings": list(action.findings.all()),
            **{
                name: getattr(action, name)
                for name in (
                    "kind",
                    "what",
                    "target_outcome",
                    "indicator",
                    "responsible_person",
                    "responsible_organisation",
                    "responsible_user",
                    "due_date",
                    "resources",
                    "note",
                )
            },
        }


class PlanForm(forms.Form):
    built_jointly = forms.BooleanField(
        label=_("Built jointly with the stakeholders"),
        required=False,
        help_text=_("Then the worker representatives sign too, not only the business's senior management."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FeedbackForm(forms.Form):
    body = forms.CharField(label=_("Feedback"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    parent = forms.UUIDField(required=False, widget=forms.HiddenInput)


class SignForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    signer_role = forms.CharField(
        label=_("Your position"), max_length=200, help_text=_("For example: plant director, union branch secretary.")
    )
    confirm = forms.BooleanField(label=_("I sign this version of the plan"), widget=forms.CheckboxInput(attrs=CHECKS))


class RepaymentPlanForm(forms.Form):
    group = forms.ChoiceField(label=_("Group of workers"))
    due_date = forms.DateField(label=_("Repaid by"), widget=DATE)
    action = forms.ModelChoiceField(label=_("Action"), queryset=Action.objects.none(), required=False)

    def __init__(self, *args: Any, options: list[Any], actions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [
            (o.key, f"{o.dimension_label + ': ' if o.dimension_label else ''}{o.label} — {o.repayment.text}")
            for o in options
            if not o.planned
        ]
        self.fields["group"].widget.attrs["class"] = "form-select"
        self.fields["action"].queryset = actions
        self.fields["action"].widget.attrs["class"] = "form-select"
        self.fields["action"].label_from_instance = lambda a: f"A{a.number} · {a.what[:80]}"


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
    amount = forms.DecimalField(label=_("Amount"), max_digits=14, decimal_places=2, min_value=0)
    workers_reached = forms.IntegerField(label=_("Workers reached"), min_value=0)
    reference = forms.CharField(
        label=_("Reference"), max_length=200, help_text=_("A transfer batch or receipt number; never a worker's name.")
    )


class VerifyForm(forms.Form):
    how = forms.ChoiceField(label=_("Verified by"), choices=VerifiedBy.choices, widget=forms.RadioSelect(attrs=CHECKS))
    verifier_name = forms.CharField(label=_("External verifier"), max_length=200, required=False)
