from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"
    label = "reminders"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from engagements.phase_pages import register as register_page
        from reminders import item_sources
        from reminders.models import ReminderEvent
        from reminders.sources import register
        from tenancy.roles import Capability

        # One function answers both action events (asked once per run; see reminders.dispatch.collect_items).
        register(ReminderEvent.ACTION_DUE, item_sources.open_actions)
        register(ReminderEvent.ACTION_OVERDUE, item_sources.open_actions)
        register(ReminderEvent.DRAFT_PLAN_DUE, item_sources.draft_plans_due)
        register(ReminderEvent.RETENTION_ENDING, item_sources.retention_ending)
        # Guide, phase 7 step 1: a monitoring framework, in which reminders keep the plan moving.
        register_page(
            phase=7,
            url_name="reminders:rules",
            label=_("Reminders"),
            capability=Capability.VIEW_MONITORING,
            steps=("Set up a monitoring framework and continuous improvement plan",),
        )
