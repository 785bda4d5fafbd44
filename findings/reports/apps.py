from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "findings.reports"
    label = "reports"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from engagements.phase_pages import register
        from tenancy.roles import Capability

        # The team renders; the business and worker representatives open the same page to download
        # what was shared with them (VIEW_REPORTS), and see nothing else there.
        register(
            phase=5,
            url_name="reports:renderings",
            label=_("Reports"),
            capability=Capability.VIEW_REPORTS,
            steps=("Summarise and analyse findings",),
        )
