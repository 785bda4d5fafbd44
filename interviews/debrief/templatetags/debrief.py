"""Formatting for the debrief page."""

from __future__ import annotations

from decimal import Decimal

from django import template

from interviews.debrief import display

register = template.Library()


@register.filter
def amount(value: Decimal | None) -> str:
    return "" if value is None else display.amount(value)
