"""Phase 3 — preparation registers, survey, documents, team."""

from django.apps import AppConfig


class PreparationConfig(AppConfig):
    name = "interviews.preparation"
    label = "preparation"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from engagements.phase_pages import register
        from tenancy.roles import Capability

        desk, procedures, meeting = "Carry out desk research", "Develop procedures", "Hold an introductory meeting"
        gather = "Gather information to design the methodology"
        team, inform = (
            "Select, train and prepare the assessment team",
            "Inform migrant workers and their representatives",
        )
        pages = (
            ("desk_research", _("Desk research"), Capability.VIEW_PREPARATION, desk),
            ("referrals", _("Referral directory"), Capability.VIEW_PREPARATION, desk),
            ("procedures", _("Procedures"), Capability.VIEW_PREPARATION, procedures),
            ("meetings", _("Introductory meeting and commitment"), Capability.VIEW_PREPARATION, meeting),
            ("survey", _("Pre-assessment survey"), Capability.VIEW_SURVEY, gather),
            # The assessed business answers the survey in its own login, from the engagement page.
            ("survey_answer", _("Answer the pre-assessment survey"), Capability.ANSWER_SURVEY, gather),
            ("documents", _("Requested documents"), Capability.UPLOAD_DOCUMENTS, gather),
            ("team", _("Assessment team"), Capability.VIEW_TEAM, team),
            ("letter", _("Information letter to workers"), Capability.VIEW_PREPARATION, inform),
        )
        for name, label, capability, step in pages:
            register(phase=3, url_name=f"preparation:{name}", label=label, capability=capability, steps=(step,))
