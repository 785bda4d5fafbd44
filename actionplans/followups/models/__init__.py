from actionplans.followups.models.assessment import FindingVerification, VerificationStatus
from actionplans.followups.models.cohorts import FollowUpCohort, FollowUpRound, RoundKind
from actionplans.followups.models.grievances import GrievanceCase, GrievanceCategory, GrievanceChannel, GrievanceStatus

__all__ = [
    "FindingVerification",
    "FollowUpCohort",
    "FollowUpRound",
    "GrievanceCase",
    "GrievanceCategory",
    "GrievanceChannel",
    "GrievanceStatus",
    "RoundKind",
    "VerificationStatus",
]
