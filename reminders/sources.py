"""What reminders are about: each part of the platform registers a source of dated items.

A source is a function ``(today) -> Iterable[DueItem]`` yielding the OPEN items it knows of (an action not
closed, a draft plan not complete, a follow-up round not done, a retention period not ended), each with its
due date and who is responsible now. A done item is no longer yielded, and a reassigned one names its new
recipients: that is how pending reminders are cancelled (``reminders`` never sends for what a source no
longer yields). Sources must answer in a fixed number of queries, whatever the number of items.

Register in an ``AppConfig.ready()``::

    from reminders.sources import register
    register("follow_up_interviews_due", follow_up_rounds_due)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True)
class DueItem:
    event: str  # the source's event name, matched by ReminderRule.event
    key: str  # stable id of the item, e.g. "action:<uuid>" (with the due date, what "exactly once" is about)
    engagement_id: UUID
    due_date: date
    recipient_ids: tuple[int, ...]  # users responsible now (ids); audiences such as "the lead" are added by rules
    title: str  # short, never a worker's data: "Action A3 of Demo engagement"
    url: str  # path of the page where the item is handled


Source = Callable[[date], Iterable[DueItem]]

_SOURCES: dict[str, Source] = {}


def register(event: str, source: Source) -> None:
    _SOURCES[event] = source


def sources() -> dict[str, Source]:
    return dict(_SOURCES)
