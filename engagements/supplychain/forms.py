"""Forms of the supply-chain pages. Layout only: the services validate and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagements.forms import LinesField
from engagements.models import Engagement
from engagements.reference import reference_data
from engagements.supplychain import selectors
from engagements.supplychain.models import (
    Actor,
    Criterion,
    Link,
    MappingPlan,
    Participation,
    Risk,
    RiskSource,
    SelectedEnterprise,
    WorkforceRow,
)
from engagements.supplychain.workforce_import import MAX_BYTES, MAX_ROWS


class ActorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Actor) -> str:
        return f"{obj.name} ({obj.type_label}, {obj.country.code})"


class ActorForm(forms.ModelForm):
    class Meta:
        model = Actor
        fields = [
            "name",
            "actor_type",
            "service_kind",
            "country",
            "location",
            "location_role",
            "licence_status",
            "migrant_workers",
            "contact",
            "notes",
        ]
        widgets = {"contact": forms.Textarea(attrs={"rows": 2}), "notes": forms.Textarea(attrs={"rows": 3})}


class LinkForm(forms.ModelForm):
    source = ActorChoiceField(queryset=Actor.objects.none(), label=_("From"))
    target = ActorChoiceField(queryset=Actor.objects.none(), label=_("To"))

    class Meta:
        model = Link
        fields = ["source", "kind", "target", "notes"]
        help_texts = {
            "kind": _(
                "Links point toward the business: a supplier supplies its buyer, a recruiter recruits for an "
                "employer, a subagent subcontracts for a recruiter, a clinic provides a service to a recruiter."
            )
        }

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actors = selectors.actors_for(engagement)
        self.fields["source"].queryset = actors
        self.fields["target"].queryset = actors

    def validate_unique(self) -> None:
        """The service refuses self-links and duplicates with its own messages."""

    def validate_constraints(self) -> None:
        """As above."""


class SiteForm(forms.Form):
    name = forms.CharField(label=_("Site"), max_length=200)
    employer = ActorChoiceField(queryset=Actor.objects.none(), label=_("Employer"))
    location = forms.CharField(label=_("Place"), max_length=200, required=False)

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = selectors.employers_for(engagement)


class WorkforceRowForm(forms.ModelForm):
    recruiter = ActorChoiceField(queryset=Actor.objects.none(), label=_("Recruiter"), required=False)

    class Meta:
        model = WorkforceRow
        fields = [
            "nationality",
            "gender",
            "age_band",
            "contract_type",
            "employment",
            "recruiter",
            "recruitment_year",
            "count",
        ]

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recruiter"].queryset = selectors.recruiters_for(engagement)


class WorkforceImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("At most 2 MB and %(rows)s rows. The file is read once and not kept.") % {"rows": MAX_ROWS},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


def catalogue_choices() -> list[tuple[str, Any]]:
    """Annex B, grouped by stage, after an empty choice for the assessor's own risk."""
    groups: list[tuple[str, Any]] = [("", _("— My own risk (describe it below) —"))]
    for stage in reference_data()["risk_catalogue"]["annex_b"]:
        groups.append((stage["name"], [(item["id"], item["text"]) for item in stage["items"]]))
    return groups


class RiskForm(forms.ModelForm):
    catalogue_id = forms.ChoiceField(label=_("Annex B risk"), required=False, choices=catalogue_choices)

    class Meta:
        model = Risk
        fields = [
            "catalogue_id",
            "title",
            "stage",
            "corridor",
            "gender",
            "age_band",
            "group_note",
            "priority",
            "description",
        ]
        labels = {"title": _("Your own risk"), "stage": _("Stage (for your own risk)")}
        help_texts = {"title": _("Only when the risk is not in the catalogue.")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["corridor"].queryset = engagement.corridors.all()
        self.fields["corridor"].empty_label = _("Every corridor")
        self.fields["title"].required = False
        self.fields["stage"].required = False
        self.fields["gender"].choices = [("", _("All genders")), *self.fields["gender"].choices[1:]]
        self.fields["age_band"].choices = [("", _("All ages")), *self.fields["age_band"].choices[1:]]

    def _post_clean(self) -> None:
        """The service fills title and stage from the catalogue, then validates the model."""


class RiskSourceForm(forms.ModelForm):
    class Meta:
        model = RiskSource
        fields = ["text", "url"]
        labels = {"text": _("Source"), "url": _("Address (optional)")}
        help_texts = {"text": _("A report, article, law or interview: title, author, date.")}


class PlanForm(forms.ModelForm):
    criteria = forms.MultipleChoiceField(
        label=_("Selection criteria (the guide's)"),
        choices=Criterion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    custom_criteria = LinesField(label=_("Other selection criteria"), required=False, help_text=_("One per line."))

    class Meta:
        model = MappingPlan
        fields = [
            "short_term_objectives",
            "long_term_objectives",
            "scope_refinement",
            "criteria",
            "custom_criteria",
            "assessment_mode",
            "delivery",
            "partners",
            "sites_planned",
            "team_size",
            "staff_days",
            "budget_amount",
            "budget_currency",
            "interviewer_languages",
            "resources_note",
        ]
        widgets = {
            "short_term_objectives": forms.Textarea(attrs={"rows": 3}),
            "long_term_objectives": forms.Textarea(attrs={"rows": 3}),
            "scope_refinement": forms.Textarea(attrs={"rows": 3}),
            "resources_note": forms.Textarea(attrs={"rows": 2}),
            "assessment_mode": forms.RadioSelect,
            "delivery": forms.RadioSelect,
        }
        help_texts = {
            "long_term_objectives": _("Always include mapping the whole supply chain."),
            "delivery": _("Third parties and in-person work make the findings more credible."),
            "budget_currency": _("Three letters, e.g. USD."),
            "interviewer_languages": _("e.g. Burmese, Khmer, Thai."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("assessment_mode", "delivery"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
            self.fields[name].required = False


class ParticipationForm(forms.Form):
    participation = forms.ChoiceField(label=_("Participation"), choices=Participation.choices)


def criteria_choices(plan: MappingPlan) -> list[tuple[str, str]]:
    return [*Criterion.choices, *((text, text) for text in plan.custom_criteria)]


class SelectionForm(forms.ModelForm):
    actor = ActorChoiceField(queryset=Actor.objects.none(), label=_("Enterprise"))
    criteria = forms.MultipleChoiceField(
        label=_("Criteria it meets"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = SelectedEnterprise
        fields = ["actor", "criteria", "reason", "participation"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, engagement: Engagement, plan: MappingPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = selectors.actors_for(engagement).filter(selection__isnull=True)
        self.fields["criteria"].choices = criteria_choices(plan)
        self.fields["participation"].initial = Participation.NOT_INVITED

    def validate_unique(self) -> None:
        """The service refuses a second selection of the same actor."""

    def validate_constraints(self) -> None:
        """As above."""
