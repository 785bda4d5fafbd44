from django.apps import AppConfig


class ScopingConfig(AppConfig):
    name = "engagements.scoping"
    label = "scoping"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from engagements.phase_pages import register
        from tenancy.roles import Capability

        register(
            phase=1,
            url_name="scoping:scoping",
            label=_("Scope and responsibility"),
            capability=Capability.VIEW_PREPARATION,
            steps=("Assign responsibility", "Identify scope"),
        )
