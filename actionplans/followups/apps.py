from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "actionplans.followups"
    label = "followups"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from actionplans.followups.selectors import follow_up_rounds_due
        from engagements.phase_pages import register
        from reminders.sources import register as register_source
        from tenancy.roles import Capability

        step = ("Set up a monitoring framework and continuous improvement plan",)
        register(
            phase=7,
            url_name="followups:follow_ups",
            label=_("Follow-up interviews and assessment"),
            capability=Capability.VIEW_MONITORING,
            steps=step,
        )
        register(
            phase=7,
            url_name="followups:grievances",
            label=_("Grievance and retaliation log"),
            capability=Capability.MANAGE_GRIEVANCES,
            steps=step,
        )
        register_source("follow_up_interviews_due", follow_up_rounds_due)
