"""Models of the findings app: the preliminary findings meeting (phase 4), findings, their discussion,
feedback on the report and the closing meeting (phase 5)."""

from findings.models.closing import ClosingAttendee, ClosingMeeting, ReportFeedback, UrgentAction
from findings.models.discussion import BusinessPosition, FindingComment, Position, Side
from findings.models.findings import (
    SEVERITY_HELP,
    SEVERITY_RANK,
    SOURCE_FIELD,
    Dimension,
    Finding,
    FindingSource,
    FindingStatus,
    Severity,
    SourceKind,
    Stance,
    Term,
)
from findings.models.meetings import (
    MeetingAttendee,
    MeetingCriticalFinding,
    MeetingNextStep,
    MeetingSession,
    SessionKind,
)

__all__ = [
    "SEVERITY_HELP",
    "SEVERITY_RANK",
    "SOURCE_FIELD",
    "BusinessPosition",
    "ClosingAttendee",
    "ClosingMeeting",
    "Dimension",
    "Finding",
    "FindingComment",
    "FindingSource",
    "FindingStatus",
    "MeetingAttendee",
    "MeetingCriticalFinding",
    "MeetingNextStep",
    "MeetingSession",
    "Position",
    "ReportFeedback",
    "SessionKind",
    "Severity",
    "Side",
    "SourceKind",
    "Stance",
    "Term",
    "UrgentAction",
]
