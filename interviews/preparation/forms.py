"""Forms of the preparation registers. They validate input; the services decide and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagements.forms import LinesField
from engagements.models import Engagement, Participant
from interviews.preparation import uploads
from interviews.preparation.languages import language_choices
from interviews.preparation.models import (
    AgendaPoint,
    Commitment,
    DocumentRequest,
    GapPolicy,
    InformationLetter,
    IntroductoryMeeting,
    LegalSource,
    PreAssessmentSurvey,
    ProcedureSignOff,
    ReferralService,
    Skill,
    TeamMember,
    TrainingTopic,
)
from interviews.preparation.survey import breakdown_keys, breakdown_label
from tenancy.roles import ASSESSMENT_TEAM_ROLES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _file_input() -> forms.ClearableFileInput:
    return forms.FileInput(attrs={"accept": uploads.ACCEPT_ATTRIBUTE})


class UploadField(forms.FileField):
    """A file checked for size and real type (``uploads.check_upload``); cleans to a CheckedUpload."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _file_input())
        kwargs.setdefault(
            "help_text",
            _("PDF, PNG, JPEG, Word, Excel, CSV or text; up to %(mb)s MB.")
            % {"mb": uploads.max_upload_bytes() // (1024 * 1024)},
        )
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> uploads.CheckedUpload | None:
        upload = super().clean(data, initial)
        if not upload:
            return None
        try:
            return uploads.check_upload(upload)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["file"]) from error


class LegalSourceForm(forms.ModelForm):
    class Meta:
        model = LegalSource
        fields = [
            "country",
            "topic",
            "kind",
            "title",
            "summary",
            "source",
            "is_gap",
            "gap_note",
            "policy_status",
            "policy_note",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "gap_note": forms.Textarea(attrs={"rows": 2}),
            "policy_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["policy_status"].required = False  # only a legal gap has one

    def clean_policy_status(self) -> str:
        return self.cleaned_data.get("policy_status") or GapPolicy.NOT_CHECKED


class ReferralServiceForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ReferralService
        fields = [
            "country",
            "kind",
            "name",
            "description",
            "contact",
            "hours",
            "languages",
            "free_of_charge",
            "due_diligence",
            "due_diligence_note",
            "suggested_by_workers",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "contact": forms.Textarea(attrs={"rows": 2}),
            "due_diligence_note": forms.Textarea(attrs={"rows": 2}),
        }


class ProcedureAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("The document or decision that answers this concern"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
    document = UploadField(label=_("Document (optional)"), required=False)
    remove_document = forms.BooleanField(label=_("Remove the current document"), required=False)


class SignOffForm(forms.ModelForm):
    class Meta:
        model = ProcedureSignOff
        fields = ["signed_by", "signed_by_role", "signed_on", "note"]
        widgets = {"signed_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"signed_by": _("The senior leader who signed the procedures off.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].initial = timezone.localdate()


class AttendeesField(LinesField):
    """One attendee a line: organisation; role; name (names only for company staff)."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list) and value and isinstance(value[0], dict):
            return "\n".join(
                "; ".join(filter(None, (a.get("organisation"), a.get("role"), a.get("name")))) for a in value
            )
        return super().prepare_value(value)

    def clean(self, value: Any) -> list[dict[str, str]]:
        attendees = []
        for number, line in enumerate(super().clean(value), start=1):
            parts = [part.strip() for part in line.split(";")]
            if len(parts) < 2 or not parts[0] or not parts[1]:
                raise forms.ValidationError(
                    _("Line %(n)s: write the organisation, then the role, separated by “;”.") % {"n": number}
                )
            attendees.append({"organisation": parts[0], "role": parts[1], "name": "; ".join(parts[2:])})
        return attendees


class MeetingForm(forms.ModelForm):
    attendees = AttendeesField(
        label=_("Attendees"),
        help_text=_(
            "One a line: organisation; role; name. Give names only for company staff, e.g. "
            "“Shrimp processor; HR manager; A. Example” or “Migrant workers' committee; representative”."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    agenda_points = forms.MultipleChoiceField(
        label=_("Agenda points covered"),
        choices=AgendaPoint.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = IntroductoryMeeting
        fields = ["held_on", "attendees", "agenda_points", "other_points", "decisions"]
        widgets = {
            "held_on": DATE,
            "other_points": forms.Textarea(attrs={"rows": 2}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }


class CommitmentForm(forms.ModelForm):
    document = UploadField(label=_("Signed document"))

    class Meta:
        model = Commitment
        fields = ["kind", "parties", "signed_on"]
        widgets = {"signed_on": DATE}


class SurveyForm(forms.ModelForm):
    """The business's answers; the workforce breakdown fields come from the reference."""

    class Meta:
        model = PreAssessmentSurvey
        fields = [
            "operations",
            "products",
            "seasonality",
            "working_patterns",
            "wages",
            "subcontractors_recruiters",
            "accommodation",
            "workforce_total",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields if name != "workforce_total"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.workforce_breakdown if self.instance else {}
        for key in breakdown_keys():
            self.fields[f"breakdown_{key}"] = forms.CharField(
                label=breakdown_label(key),
                required=False,
                max_length=2000,
                initial=current.get(key, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def answers(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def breakdown(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"breakdown_{key}", "") for key in breakdown_keys()}

    def breakdown_fields(self) -> list[Any]:
        return [self[f"breakdown_{key}"] for key in breakdown_keys()]

    def answer_fields(self) -> list[Any]:
        return [self[name] for name in self.Meta.fields]


class DocumentRequestForm(forms.ModelForm):
    class Meta:
        model = DocumentRequest
        fields = ["category", "title", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class DocumentUploadForm(forms.Form):
    request = forms.ModelChoiceField(
        label=_("Which requested document is this?"),
        queryset=DocumentRequest.objects.none(),
        required=False,
        empty_label=_("Another document"),
    )
    document = UploadField(label=_("File"))
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["request"].queryset = DocumentRequest.objects.filter(engagement=engagement)


class TeamMemberForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    skills = forms.MultipleChoiceField(
        label=_("Background and skills"), choices=Skill.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    sites = LinesField(
        label=_("Sites"), required=False, help_text=_("One site a line; leave empty if they work at every site.")
    )

    class Meta:
        model = TeamMember
        fields = [
            "participant",
            "name",
            "organisation",
            "external_role",
            "interviews_workers",
            "gender",
            "languages",
            "skills",
            "skills_note",
            "sites",
            "conflict_status",
            "conflict_text",
        ]
        widgets = {
            "skills_note": forms.Textarea(attrs={"rows": 2}),
            "conflict_text": forms.Textarea(attrs={"rows": 2}),
            "conflict_status": forms.RadioSelect,
        }
        help_texts = {
            "participant": _(
                "A lead assessor, assessor or interviewer of this engagement; or leave empty for an "
                "external partner and give their name below."
            ),
            "conflict_text": _("E.g. former staff of a labour recruiter or government agency in the corridor."),
        }

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = TeamMember.objects.filter(engagement=engagement, participant__isnull=False)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        self.fields["participant"].queryset = (
            Participant.objects.filter(engagement=engagement, role__in=list(ASSESSMENT_TEAM_ROLES))
            .exclude(pk__in=taken.values("participant_id"))
            .select_related("user")
        )
        self.fields["participant"].label_from_instance = lambda p: f"{p.user.get_full_name()} — {p.get_role_display()}"
        self.fields["participant"].required = False


class TrainingForm(forms.Form):
    """One date field per topic of the guide's training list; empty means not yet."""

    def __init__(self, *args: Any, member: TeamMember, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        done = {r.topic: r.completed_on for r in member.trainings.all()}
        for topic, label in TrainingTopic.choices:
            self.fields[topic] = forms.DateField(label=label, required=False, widget=DATE, initial=done.get(topic))

    def completed(self) -> dict[str, Any]:
        return {topic: self.cleaned_data.get(topic) for topic in TrainingTopic.values}


class LetterForm(forms.ModelForm):
    class Meta:
        model = InformationLetter
        fields = [
            "workplace",
            "commissioned_by",
            "interview_period",
            "interview_place",
            "follow_up_phone",
            "follow_up_hours",
            "signatory_name",
            "signatory_role",
        ]
        help_texts = {
            "follow_up_phone": _("A number workers can call free of charge to report problems or retaliation."),
            "interview_period": _("E.g. “from 3 to 7 March, during working hours”."),
        }
