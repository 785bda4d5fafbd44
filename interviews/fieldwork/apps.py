from django.apps import AppConfig


class FieldworkConfig(AppConfig):
    name = "interviews.fieldwork"
    label = "fieldwork"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from engagements.phase_pages import register
        from tenancy.roles import Capability

        # The capture app: the interviewer's day, worker, group, management and recruiter interviews.
        register(
            phase=4,
            url_name="field:engagement_day",
            label=_("Interviews on the tablet (works offline)"),
            capability=Capability.CAPTURE_RESPONSES,
            steps=("Interview management", "Interview migrant workers and their representatives"),
        )
        register(
            phase=4,
            url_name="field:engagement_conflicts",
            label=_("Sync conflicts to decide"),
            capability=Capability.RESOLVE_CONFLICTS,
            steps=("Interview migrant workers and their representatives",),
        )
