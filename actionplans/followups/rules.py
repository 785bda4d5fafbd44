"""The dates the method sets for follow-ups, as plain functions (guide, phase 7 step 1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from actionplans.followups.models import RoundKind

# "Interview newly recruited workers within their first month and again 3-6 months after arrival."
ROUND_WINDOWS: dict[str, tuple[relativedelta, relativedelta]] = {
    RoundKind.FIRST_MONTH: (relativedelta(), relativedelta(months=1)),
    RoundKind.THREE_TO_SIX_MONTHS: (relativedelta(months=3), relativedelta(months=6)),
}

# "Run a follow-up assessment or audit 6-12 months after the first."
FOLLOW_UP_FROM = relativedelta(months=6)
FOLLOW_UP_UNTIL = relativedelta(months=12)


def round_window(kind: str, arrival: date) -> tuple[date, date]:
    """When a round's interviews are held: (opens, closes). It is due when it closes."""
    opens, closes = ROUND_WINDOWS[RoundKind(kind)]
    return arrival + opens, arrival + closes


@dataclass(frozen=True)
class Window:
    start: date
    end: date
    anchor: date
    anchor_label: Any

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def follow_up_window(*, closing_meeting_on: date | None, first_ended_on: date | None) -> Window | None:
    """The suggested start of the follow-up assessment: 6-12 months after the closing meeting of the first
    (when the first assessment ended), else after the first engagement's end date; None if neither is known."""
    if closing_meeting_on is not None:
        anchor, label = closing_meeting_on, _("the closing meeting")
    elif first_ended_on is not None:
        anchor, label = first_ended_on, _("the end of the first assessment")
    else:
        return None
    return Window(start=anchor + FOLLOW_UP_FROM, end=anchor + FOLLOW_UP_UNTIL, anchor=anchor, anchor_label=label)


def default_end(start: date) -> date:
    """A follow-up assessment is short: a month of field work unless the lead says otherwise."""
    return start + timedelta(days=30)
