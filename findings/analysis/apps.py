from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "findings.analysis"
    label = "analysis"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from engagements.phase_pages import register
        from tenancy.roles import Capability

        step = ("Summarise and analyse findings",)
        # The team and both outside parties open the analysis; outsiders see suppressed figures.
        register(
            phase=5,
            url_name="analysis:overview",
            label=_("Aggregated figures and fee analysis"),
            capability=Capability.VIEW_AGGREGATES,
            steps=step,
        )
        register(
            phase=5,
            url_name="analysis:settings",
            label=_("Analysis rules: k, systemic, currency"),
            capability=Capability.SET_ANALYSIS_RULES,
            steps=step,
        )
        register(
            phase=5,
            url_name="analysis:rates",
            label=_("Exchange rates"),
            capability=Capability.RECORD_EXCHANGE_RATES,
            steps=step,
        )
