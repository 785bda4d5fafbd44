"""Reading reminders: an engagement's rules, and one person's notifications (only ever their own)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from engagements.models import Engagement
from reminders.models import Notification, ReminderRule
from reminders.services import reminder_rules_seed


def rules_of(engagement: Engagement) -> QuerySet[ReminderRule]:
    """The engagement's rules; the defaults are given the first time anyone looks."""
    reminder_rules_seed([engagement.pk])
    return ReminderRule.objects.filter(engagement=engagement)


def notifications_for(user: Any) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(user=user)
        .select_related("engagement")
        .only("pk", "title", "url", "created_at", "read_at", "engagement__title")
    )


def unread_count(user: Any) -> int:
    """The nav badge: one query."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def get_notification_for_user(user: Any, notification_id: UUID) -> Notification:
    """One's own notification, or 404: another person's does not exist for you."""
    notification = Notification.objects.filter(pk=notification_id, user=user).first() if user.is_authenticated else None
    if notification is None:
        raise Http404
    return notification
