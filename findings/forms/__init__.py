"""Forms of the findings app. They validate input; the services decide and save."""

from findings.forms.closing import ClosingMeetingForm, FeedbackForm, UrgentActionFormSet
from findings.forms.findings import (
    PASSPORT_FINDING,
    PASSPORT_RECOMMENDATION,
    CommentForm,
    FindingForm,
    GroupFormSet,
    PositionForm,
    SourceForm,
)
from findings.forms.meetings import AttendeeFormSet, CriticalFindingFormSet, NextStepFormSet, SessionForm

__all__ = [
    "PASSPORT_FINDING",
    "PASSPORT_RECOMMENDATION",
    "AttendeeFormSet",
    "ClosingMeetingForm",
    "CommentForm",
    "CriticalFindingFormSet",
    "FeedbackForm",
    "FindingForm",
    "GroupFormSet",
    "NextStepFormSet",
    "PositionForm",
    "SessionForm",
    "SourceForm",
    "UrgentActionFormSet",
]
