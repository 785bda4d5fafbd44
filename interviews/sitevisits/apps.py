from django.apps import AppConfig


class SitevisitsConfig(AppConfig):
    name = "interviews.sitevisits"
    label = "sitevisits"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from engagements.phase_pages import register
        from tenancy.roles import Capability

        register(
            phase=4,
            url_name="sitevisits:sites",
            label=_("Site checklists: working and living areas"),
            capability=Capability.RECORD_OBSERVATIONS,
            steps=("Assess working and living areas for each site",),
        )
        # The business keeps its upload page of phase 3; the review itself is the team's alone.
        register(
            phase=4,
            url_name="sitevisits:documents",
            label=_("Document review"),
            capability=Capability.REVIEW_DOCUMENTS,
            steps=("Carry out document review",),
        )
