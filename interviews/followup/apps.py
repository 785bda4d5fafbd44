from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "interviews.followup"
    label = "followup"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from engagements.phase_pages import register
        from tenancy.roles import Capability

        # The follow-up number is given to every worker interviewed (guide, phase 4 step 4).
        register(
            phase=4,
            url_name="followup:follow_up",
            label=_("Follow-up line and calls"),
            capability=Capability.VIEW_FOLLOW_UP,
            steps=("Interview migrant workers and their representatives",),
        )
