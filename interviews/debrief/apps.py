from django.apps import AppConfig


class DebriefConfig(AppConfig):
    name = "interviews.debrief"
    label = "debrief"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from engagements.phase_pages import register
        from tenancy.roles import Capability

        register(
            phase=4,
            url_name="debrief:debrief",
            label=_("Daily debrief"),
            capability=Capability.VIEW_DEBRIEF,
            steps=(
                "Interview migrant workers and their representatives",
                "Present preliminary findings on site",
            ),
        )
