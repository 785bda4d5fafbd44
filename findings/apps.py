from django.apps import AppConfig


class FindingsConfig(AppConfig):
    name = "findings"
    label = "findings"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from engagements.phase_pages import register
        from tenancy.roles import Capability

        # Business reviewers and worker representatives open this page too; each sees only the session
        # of its side (findings.selectors.visible_session_kinds). VIEW_AGGREGATES is the capability the
        # team and both outside parties hold, and interviewers do not: exactly the people the page serves.
        register(
            phase=4,
            url_name="findings:meeting",
            label=_("Preliminary findings meeting"),
            capability=Capability.VIEW_AGGREGATES,
            steps=("Present preliminary findings on site",),
        )
        # Phase 5. Outside the team, VIEW_FINDINGS reads released findings only (findings.selectors).
        register(
            phase=5,
            url_name="findings:list",
            label=_("Findings"),
            capability=Capability.VIEW_FINDINGS,
            steps=("Summarise and analyse findings",),
        )
        register(
            phase=5,
            url_name="findings:feedback",
            label=_("Feedback on the report"),
            capability=Capability.COMMENT_ON_FINDINGS,
            steps=("Summarise and analyse findings",),
        )
        register(
            phase=5,
            url_name="findings:closing",
            label=_("Closing meeting"),
            capability=Capability.VIEW_FINDINGS,
            steps=("Hold a formal closing meeting",),
        )
