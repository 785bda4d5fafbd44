"""Who may do what: the one capability matrix.

Roles are held per engagement (participants) or per organisation (members).
The access layer (``tenancy.access``) reads these tables; views never check roles.
Need to know (product brief, "Data protection"): the assessed business and worker
representatives never hold a capability that reaches a single worker's answers.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EngagementRole(models.TextChoices):
    LEAD_ASSESSOR = "lead_assessor", _("Lead assessor")
    ASSESSOR = "assessor", _("Assessor")
    INTERVIEWER = "interviewer", _("Interviewer")
    BUSINESS_REVIEWER = "business_reviewer", _("Business reviewer")
    WORKER_REPRESENTATIVE = "worker_representative", _("Worker representative")


class OrgRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    ADMIN = "admin", _("Admin")
    MEMBER = "member", _("Member")


class Capability(models.TextChoices):
    """Object permissions on an engagement (django-guardian codenames)."""

    VIEW_ENGAGEMENT = "view_engagement", _("See the engagement and its phase progress")
    CHANGE_ENGAGEMENT = "change_engagement", _("Edit the engagement's details")
    MANAGE_PARTICIPANTS = "manage_participants", _("Invite people and change their roles")
    VIEW_TRACKER = "view_tracker", _("See the phase checklists")
    WORK_TRACKER = "work_tracker", _("Tick, assign and annotate checklist items")
    MANAGE_TRACKER = "manage_tracker", _("Add checklist items and close phases")
    VIEW_AUDIT_LOG = "view_audit_log", _("Read the engagement's audit log")
    VIEW_AGGREGATES = "view_aggregates", _("See aggregate, suppressed figures")
    CAPTURE_RESPONSES = "capture_responses", _("Record consent and interview responses")
    READ_RESPONSES = "read_responses", _("Read decrypted interview responses")
    UNLOCK_IDENTITY = "unlock_identity", _("Unlock one respondent's identity, for a stated reason")
    EXPORT_RAW = "export_raw", _("Export raw responses")
    VIEW_ACCESS_LOG = "view_access_log", _("Read the log of identity unlocks and raw exports")
    MANAGE_RETENTION = "manage_retention", _("Set the retention period of personal data")
    # Phases 1-3: scoping, the supply-chain map and the preparation registers.
    VIEW_PREPARATION = "view_preparation", _("See scoping, the supply-chain map and the preparation registers")
    EDIT_PREPARATION = "edit_preparation", _("Edit scoping, the supply-chain map and the preparation registers")
    VIEW_TEAM = "view_team", _("See the assessment team, with conflict-of-interest declarations")
    VIEW_QUESTIONNAIRES = "view_questionnaires", _("See the engagement's questionnaires")
    EDIT_QUESTIONNAIRES = "edit_questionnaires", _("Tailor draft questionnaires")
    PUBLISH_QUESTIONNAIRES = "publish_questionnaires", _("Publish a questionnaire version")
    VIEW_SAMPLE = "view_sample", _("See the interview sample and schedule")
    MANAGE_SAMPLE = "manage_sample", _("Draw the sample and plan the schedule")
    ANSWER_SURVEY = "answer_survey", _("Fill in the pre-assessment survey")
    VIEW_SURVEY = "view_survey", _("Read the pre-assessment survey")
    UPLOAD_DOCUMENTS = "upload_documents", _("Upload requested documents")
    REVIEW_DOCUMENTS = "review_documents", _("Read every uploaded document")
    # Phase 4: field work.
    RESOLVE_CONFLICTS = "resolve_conflicts", _("Decide sync conflicts on interviews already handed in")
    RECORD_OBSERVATIONS = "record_observations", _("Record site checklists and document reviews")
    VIEW_DEBRIEF = "view_debrief", _("See the daily debrief tallies (unsuppressed)")
    VIEW_FOLLOW_UP = "view_follow_up", _("See which respondents agreed to follow-up calls")
    MANAGE_FOLLOW_UP = "manage_follow_up", _("Set the follow-up number given to workers")
    RECORD_MEETINGS = "record_meetings", _("Record the preliminary findings meeting")
    SEE_MANAGEMENT_SESSION = "see_management_session", _("See the management session of the findings meeting")
    SEE_WORKER_SESSION = "see_worker_session", _("See the worker representatives' session of the findings meeting")
    # Phase 5: analysis, findings and reports.
    SEE_SMALL_CELLS = "see_small_cells", _("See figures drawn from fewer than k respondents")
    SET_ANALYSIS_RULES = "set_analysis_rules", _("Set the suppression threshold k and the systemic threshold")
    RECORD_EXCHANGE_RATES = "record_exchange_rates", _("Record exchange rates for the fee analysis")
    VIEW_FINDINGS = "view_findings", _("Read findings (outside the team: released findings only)")
    EDIT_FINDINGS = "edit_findings", _("Write findings and link their evidence")
    RELEASE_FINDINGS = "release_findings", _("Release findings to the business and worker representatives")
    COMMENT_ON_FINDINGS = "comment_on_findings", _("Comment on released findings")
    RESPOND_FOR_BUSINESS = "respond_for_business", _("Agree with or dispute a finding for the business")
    RENDER_REPORTS = "render_reports", _("Render reports and share them for feedback")
    VIEW_REPORTS = "view_reports", _("Read reports (outside the team: shared, suppressed versions only)")


class OrgCapability(models.TextChoices):
    MANAGE_MEMBERS = "manage_members", _("Manage the organisation's members")
    MANAGE_ENGAGEMENTS = "manage_engagements", _("Create engagements")


C = Capability

ENGAGEMENT_CAPABILITIES: dict[EngagementRole, frozenset[Capability]] = {
    EngagementRole.LEAD_ASSESSOR: frozenset(Capability),
    EngagementRole.ASSESSOR: frozenset(
        {
            C.VIEW_ENGAGEMENT,
            C.VIEW_TRACKER,
            C.WORK_TRACKER,
            C.VIEW_AGGREGATES,
            C.CAPTURE_RESPONSES,
            C.READ_RESPONSES,
            C.VIEW_PREPARATION,
            C.EDIT_PREPARATION,
            C.VIEW_TEAM,
            C.VIEW_QUESTIONNAIRES,
            C.EDIT_QUESTIONNAIRES,
            C.VIEW_SAMPLE,
            C.VIEW_SURVEY,
            C.UPLOAD_DOCUMENTS,
            C.REVIEW_DOCUMENTS,
            C.RECORD_OBSERVATIONS,
            C.VIEW_DEBRIEF,
            C.VIEW_FOLLOW_UP,
            C.RECORD_MEETINGS,
            C.SEE_MANAGEMENT_SESSION,
            C.SEE_WORKER_SESSION,
            C.SEE_SMALL_CELLS,
            C.RECORD_EXCHANGE_RATES,
            C.VIEW_FINDINGS,
            C.EDIT_FINDINGS,
            C.COMMENT_ON_FINDINGS,
            C.RENDER_REPORTS,
            C.VIEW_REPORTS,
        }
    ),
    EngagementRole.INTERVIEWER: frozenset(
        {
            C.VIEW_ENGAGEMENT,
            C.VIEW_TRACKER,
            C.CAPTURE_RESPONSES,
            C.VIEW_PREPARATION,
            C.VIEW_QUESTIONNAIRES,
            C.VIEW_SAMPLE,
            C.RECORD_OBSERVATIONS,
            C.VIEW_DEBRIEF,
        }
    ),
    # The assessed business answers the survey and uploads documents; it never sees the sample,
    # the schedule, the questionnaires or the team's declarations. In the preliminary findings
    # meeting each side sees its own session only (phase 4 step 6: the sessions are held apart).
    EngagementRole.BUSINESS_REVIEWER: frozenset(
        {
            C.VIEW_ENGAGEMENT,
            C.VIEW_AGGREGATES,
            C.ANSWER_SURVEY,
            C.UPLOAD_DOCUMENTS,
            C.SEE_MANAGEMENT_SESSION,
            C.VIEW_FINDINGS,
            C.COMMENT_ON_FINDINGS,
            C.RESPOND_FOR_BUSINESS,
            C.VIEW_REPORTS,
        }
    ),
    EngagementRole.WORKER_REPRESENTATIVE: frozenset(
        {
            C.VIEW_ENGAGEMENT,
            C.VIEW_AGGREGATES,
            C.SEE_WORKER_SESSION,
            C.VIEW_FINDINGS,
            C.COMMENT_ON_FINDINGS,
            C.VIEW_REPORTS,
        }
    ),
}

# What an organisation's owners and admins hold on every engagement of their organisation:
# they run the organisation, not the assessment, so no capability reaches interview data.
ORG_ADMIN_ENGAGEMENT_CAPABILITIES: frozenset[Capability] = frozenset(
    {
        C.VIEW_ENGAGEMENT,
        C.CHANGE_ENGAGEMENT,
        C.MANAGE_PARTICIPANTS,
        C.VIEW_TRACKER,
        C.VIEW_AUDIT_LOG,
        C.VIEW_PREPARATION,
    }
)

ORG_CAPABILITIES: dict[OrgRole, frozenset[OrgCapability]] = {
    OrgRole.OWNER: frozenset(OrgCapability),
    OrgRole.ADMIN: frozenset(OrgCapability),
    OrgRole.MEMBER: frozenset(),
}

ADMIN_ORG_ROLES = frozenset(role for role, caps in ORG_CAPABILITIES.items() if caps)

# Holding any of these makes a session "sensitive": it ends after an hour idle.
SENSITIVE_CAPABILITIES = frozenset({C.READ_RESPONSES, C.CAPTURE_RESPONSES, C.UNLOCK_IDENTITY, C.EXPORT_RAW})

# Roles that only people inside the organisation may hold; outsiders are invited as reviewers.
ASSESSMENT_TEAM_ROLES = frozenset({EngagementRole.LEAD_ASSESSOR, EngagementRole.ASSESSOR, EngagementRole.INTERVIEWER})


def capabilities_for_role(role: str) -> frozenset[Capability]:
    return ENGAGEMENT_CAPABILITIES[EngagementRole(role)]


def role_reads_interview_data(role: str) -> bool:
    return bool(capabilities_for_role(role) & SENSITIVE_CAPABILITIES)
