"""Forms of phase 8: what the public version holds, approving it, and the external engagement log."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from actionplans.models import Action
from disclosure.models import Disclosure, ExternalEngagement, Section
from engagements.models import Engagement
from findings.models import Finding, FindingStatus
from mapping_platform.forms import DATE


class FindingChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Finding) -> str:
        return f"F{obj.number} {obj.title} ({obj.get_severity_display()})"


class ActionChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Action) -> str:
        return f"A{obj.number} {obj.what[:120]} ({obj.get_status_display()})"


class ChooseForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label=_("Sections"), choices=Section.choices, widget=forms.CheckboxSelectMultiple
    )
    findings = FindingChoice(
        label=_("Findings (released findings only)"),
        queryset=Finding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    actions = ActionChoice(
        label=_("Actions of the action plan"),
        queryset=Action.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Progress shows each action's status and the date it was closed, never evidence."),
    )

    def __init__(self, *args: Any, engagement: Engagement, disclosure: Disclosure | None, **kwargs: Any) -> None:
        if disclosure is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "sections": disclosure.sections,
                "findings": list(disclosure.findings.all()),
                "actions": list(disclosure.actions.all()),
            }
        super().__init__(*args, **kwargs)
        self.fields["findings"].queryset = Finding.objects.filter(
            engagement=engagement, status=FindingStatus.RELEASED
        ).order_by("number")
        self.fields["actions"].queryset = Action.objects.filter(plan__engagement=engagement).order_by("number")


class ApproveForm(forms.Form):
    # What the approver was shown: approving a version that changed meanwhile is refused.
    fingerprint = forms.CharField(max_length=64, widget=forms.HiddenInput)


class ExternalEngagementForm(forms.ModelForm):
    class Meta:
        model = ExternalEngagement
        fields = ["held_on", "kind", "parties", "summary", "outcome", "follow_up"]
        widgets = {
            "held_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }
