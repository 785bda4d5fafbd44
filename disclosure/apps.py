from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    label = "disclosure"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from engagements.phase_pages import register
        from tenancy.roles import Capability

        # Guide, phase 8 step 1: public versions agreed with all stakeholders; dialogue and collective action.
        step = "Engage in dialogue on lessons learned"
        register(
            phase=8,
            url_name="disclosure:overview",
            label=_("Public version"),
            capability=Capability.VIEW_DISCLOSURE,
            steps=(step,),
        )
        register(
            phase=8,
            url_name="disclosure:log",
            label=_("External engagement log"),
            capability=Capability.VIEW_DISCLOSURE,
            steps=(step,),
        )
