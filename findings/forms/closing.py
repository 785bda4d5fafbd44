"""Forms of the closing meeting and of feedback on the report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from findings.forms.meetings import CriticalFindingForm
from findings.models import ClosingMeeting, ReportFeedback
from mapping_platform.forms import DATE, row_formset


class ClosingMeetingForm(forms.ModelForm):
    class Meta:
        model = ClosingMeeting
        fields = ["held_on", "place", "key_findings", "feedback", "action_plan_agreed", "action_plan_from", "notes"]
        widgets = {
            "held_on": DATE,
            "action_plan_from": DATE,
            "key_findings": forms.Textarea(attrs={"rows": 5}),
            "feedback": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "key_findings": _("An overview of the final report's key findings, as presented."),
            "feedback": _("Further feedback from management, unions and worker representatives."),
            "action_plan_from": _(
                "Usually the meeting's date. The full draft of the action plan is due two weeks after it."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action_plan_from"].required = False


class UrgentActionForm(CriticalFindingForm):
    what = forms.CharField(label=_("Urgent action (remediation for affected workers first)"), max_length=500)


UrgentActionFormSet = row_formset(UrgentActionForm)


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = ReportFeedback
        fields = ["rendering", "stakeholder", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}
        labels = {"stakeholder": _("Stakeholder (organisation or group)")}

    def __init__(self, *args: Any, shared: Any, **kwargs: Any) -> None:
        """``shared``: the report versions shared for feedback (the latest is proposed)."""
        super().__init__(*args, **kwargs)
        field = self.fields["rendering"]
        field.queryset = shared
        field.empty_label = "—"
        field.label_from_instance = lambda r: f"{r} · {r.shared_at:%d %b %Y}"
        latest = shared.order_by("-shared_at").first()
        if latest is not None and not self.is_bound:
            self.initial["rendering"] = latest.pk
        if latest is None:
            del self.fields["rendering"]
