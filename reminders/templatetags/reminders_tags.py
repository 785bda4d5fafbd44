"""The nav's notifications link with its unread count (one query)."""

from __future__ import annotations

from typing import Any

from django import template

from reminders.selectors import unread_count

register = template.Library()


@register.inclusion_tag("reminders/_nav_badge.html", takes_context=True)
def notifications_nav(context: dict[str, Any]) -> dict[str, Any]:
    user = context["user"]
    return {"unread": unread_count(user)}


@register.filter
def reminder_when(offset_days: int) -> str:
    """'7 days before', 'on the due date', '1 day after'."""
    from reminders.rules import describe_offset

    return describe_offset(int(offset_days))
