"""Demo data for reminders: the default rule table with one rule of the lead's own, and the reminders due
today claimed and shown in-app (through the dispatcher, so beat never sends them a second time)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from engagements.models import Engagement
from reminders.dispatch import reminders_run
from reminders.models import Audience, Channel, ReminderEvent
from reminders.selectors import rules_of
from reminders.services import reminder_rule_add


def seed_demo_reminders(engagement: Engagement, users: dict[str, Any]) -> None:
    lead = users["lead@demo.example"]
    if not rules_of(engagement).filter(audience=Audience.LEAD_ASSESSORS, offset_days=-3).exists():
        reminder_rule_add(
            actor=lead,
            engagement=engagement,
            event=ReminderEvent.ACTION_DUE,
            offset_days=-3,
            audience=Audience.LEAD_ASSESSORS,
            channel=Channel.IN_APP,
        )
    reminders_run(now=timezone.now())
