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
    # Phase 6: action planning.
    VIEW_ACTION_PLAN = "view_action_plan", _("Read the action plan")
    EDIT_ACTION_PLAN = "edit_action_plan", _("Write and change actions of the action plan")
    REVIEW_ACTION_PLAN = "review_action_plan", _("Give or answer feedback on the draft action plan")
    SIGN_ACTION_PLAN = "sign_action_plan", _("Sign the action plan for one's stakeholder group")
    MANAGE_REPAYMENT = "manage_repayment", _("Plan fee repayments and record payments")
    # Phase 7: monitoring.
    VIEW_MONITORING = "view_monitoring", _("See the monitoring dashboard and progress of actions")
    UPDATE_PROGRESS = "update_progress", _("Report progress on actions, with evidence")
    VERIFY_ACTIONS = "verify_actions", _("Verify evidence, close actions and verify repayments")
    MANAGE_FOLLOW_UPS = "manage_follow_ups", _("Plan follow-up interviews of newly recruited workers")
    START_FOLLOW_UP_ASSESSMENT = "start_follow_up_assessment", _("Start a follow-up assessment of this engagement")
    MANAGE_GRIEVANCES = "manage_grievances", _("Keep the grievance and retaliation log")
    MANAGE_REMINDERS = "manage_reminders", _("Set the engagement's reminder rules")
    # Phase 8: disclosure.
    VIEW_DISCLOSURE = "view_disclosure", _("See the proposed public versions and the external engagement log")
    PREPARE_DISCLOSURE = "prepare_disclosure", _("Choose what the public versions publish")
    APPROVE_DISCLOSURE = "approve_disclosure", _("Approve the public version for one's stakeholder group")
    LOG_EXTERNAL_ENGAGEMENT = (
        "log_external_engagement",
        _("Record external engagement: meetings, coalitions, government"),
    )


class OrgCapability(models.TextChoices):
    MANAGE_MEMBERS = "manage_members", _("Manage the organisation's members")
    MANAGE_ENGAGEMENTS = "manage_engagements", _("Create engagements")


C = Capability

# What only the outside parties do (the business, the workers' side): the team that assessed the business
# never speaks for it, and never approves for them what is published.
OUTSIDE_PARTIES_OWN_CAPABILITIES = frozenset({C.RESPOND_FOR_BUSINESS, C.APPROVE_DISCLOSURE})

ENGAGEMENT_CAPABILITIES: dict[EngagementRole, frozenset[Capability]] = {
    EngagementRole.LEAD_ASSESSOR: frozenset(Capability) - OUTSIDE_PARTIES_OWN_CAPABILITIES,
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
            C.VIEW_ACTION_PLAN,
            C.EDIT_ACTION_PLAN,
            C.REVIEW_ACTION_PLAN,
            C.MANAGE_REPAYMENT,
            C.VIEW_MONITORING,
            C.UPDATE_PROGRESS,
            C.VERIFY_ACTIONS,
            C.MANAGE_FOLLOW_UPS,
            C.MANAGE_GRIEVANCES,
            C.VIEW_DISCLOSURE,
            C.LOG_EXTERNAL_ENGAGEMENT,
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
            # The business's sustainability team owns its action plan: it writes actions with the team,
            # signs for senior management, reports progress with evidence and records repayments.
            C.VIEW_ACTION_PLAN,
            C.EDIT_ACTION_PLAN,
            C.REVIEW_ACTION_PLAN,
            C.SIGN_ACTION_PLAN,
            C.MANAGE_REPAYMENT,
            C.VIEW_MONITORING,
            C.UPDATE_PROGRESS,
            C.VIEW_DISCLOSURE,
            C.APPROVE_DISCLOSURE,
            C.LOG_EXTERNAL_ENGAGEMENT,
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
            # Reviews the draft plan, co-signs where it was built jointly, watches progress, approves disclosure.
            C.VIEW_ACTION_PLAN,
            C.REVIEW_ACTION_PLAN,
            C.SIGN_ACTION_PLAN,
            C.VIEW_MONITORING,
            C.VIEW_DISCLOSURE,
            C.APPROVE_DISCLOSURE,
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
