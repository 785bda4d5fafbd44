from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "actionplans.monitoring"
    label = "monitoring"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from engagements.phase_pages import register
        from tenancy.roles import Capability

        # Guide, phase 7 step 1: the monitoring framework (progress, evidence, verification, the dashboard).
        register(
            phase=7,
            url_name="monitoring:dashboard",
            label=_("Monitoring: progress, evidence and verification"),
            capability=Capability.VIEW_MONITORING,
            steps=("Set up a monitoring framework and continuous improvement plan",),
        )
