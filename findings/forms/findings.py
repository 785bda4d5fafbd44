"""Forms of phase 5: a finding, a source, a comment, the business's position. Plain forms: the services
validate against the model and decide; a form never touches an instance."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from findings.models import Dimension, Finding, Position, Severity, Stance, Term
from interviews.questionnaires.catalogue import indicator_names, risk_groups
from mapping_platform.forms import RowForm, row_formset

RADIO = {"class": "form-check-input"}

# The guide's example of a recommendation that tackles every root cause (phase 5 step 1, "Evidence-based
# recommendations"): shown beside the form as the standard to meet.
PASSPORT_FINDING = _(
    "Although migrant workers have every right to leave their employment or workplace, management often want "
    "to keep them under their employment, due to the difficulty and expense related to recruiting new workers. "
    "In order to achieve this, they retain migrant workers' passports to prevent them from leaving."
)
PASSPORT_RECOMMENDATION = _(
    "The target outcome is that management is committed to creating workplace conditions such that migrant "
    "workers hold their own documents, have secure storage options, feel safe in their accommodation, and do "
    "not want to run away. A comprehensive recommendation should require that (1) migrant workers' passports "
    "are returned to them and briefing is provided on safe passport handling, (2) secure storage is provided in "
    "accommodation, (3) a review is carried out to identify how the accommodation itself can be made safer "
    "(including relocation if needed), and (4) management attitudes towards migrant workers improve, as do "
    "potentially exploitative working conditions that may make migrant workers feel the need to run away."
)


class FindingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices, widget=forms.RadioSelect(attrs=RADIO))
    description = forms.CharField(
        label=_("What was found"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Against the law and the standard that apply. Aggregate facts only: nothing that points at a worker."
        ),
    )
    root_cause = forms.CharField(
        label=_("Root cause"),
        required=False,
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why it happens: the practice, incentive, gap in law or in management systems behind it."),
    )
    indicators = forms.MultipleChoiceField(
        label=_("ILO forced-labour indicators"), required=False, widget=forms.CheckboxSelectMultiple
    )
    risks = forms.MultipleChoiceField(
        label=_("Annex B and C risks"), required=False, widget=forms.CheckboxSelectMultiple
    )
    affected_groups = forms.CharField(
        label=_("Affected groups"),
        required=False,
        max_length=500,
        help_text=_("For example: women from Myanmar recruited in 2025 through the Yangon recruiter."),
    )
    workers_affected = forms.IntegerField(label=_("Workers who reported it"), required=False, min_value=0)
    workers_asked = forms.IntegerField(label=_("Of workers asked"), required=False, min_value=0)
    breakdown_dimension = forms.ChoiceField(
        label=_("Broken down by"), required=False, choices=[("", "—"), *Dimension.choices]
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the interviews, documents and observations show; link each source on the finding's page."),
    )
    recommendation = forms.CharField(
        label=_("Recommendation"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Start from the target outcome, then the actions that reach it, one for each root cause."),
    )
    recommendation_term = forms.ChoiceField(label=_("When"), required=False, choices=[("", "—"), *Term.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = list(indicator_names().items())
        self.fields["risks"].choices = risk_groups()

    @classmethod
    def initial_for(cls, finding: Finding) -> dict[str, Any]:
        return {name: getattr(finding, name) for name in cls.base_fields if name != "breakdown"}


class GroupForm(RowForm):
    required_fields = ("group", "count")
    group = forms.CharField(label=_("Group"), max_length=120)
    count = forms.IntegerField(label=_("Workers"), min_value=0, max_value=1_000_000)


GroupFormSet = row_formset(GroupForm, max_num=40)


class SourceForm(forms.Form):
    """One kind of source; ``reference`` is set up by the view for the kinds that point at something."""

    stance = forms.ChoiceField(label=_("What it says"), choices=Stance.choices, widget=forms.RadioSelect(attrs=RADIO))
    note = forms.CharField(
        label=_("Note (team only)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, references: list[tuple[Any, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if references is not None:
            self.references = {str(obj.pk): obj for obj, _label in references}
            self.fields["reference"] = forms.ChoiceField(
                label=_("Which"), choices=[("", "—"), *((str(obj.pk), label) for obj, label in references)]
            )
            self.order_fields(["reference", "stance", "note"])

    def reference_object(self) -> Any:
        key = self.cleaned_data.get("reference")
        return self.references.get(key) if key else None


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    private = forms.BooleanField(label=_("Only the assessment team and my side read this"), required=False)
    parent = forms.UUIDField(required=False, widget=forms.HiddenInput)


class PositionForm(forms.Form):
    position = forms.ChoiceField(
        label=_("The business"), choices=Position.choices, widget=forms.RadioSelect(attrs=RADIO)
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to dispute: what the business holds to be wrong, and its evidence."),
    )
