"""Text the assessment team wrote keeps its own direction in a report's part.

A part runs in its language's direction (an Arabic part right to left), but the team's text may be in
another script: an English finding in the Arabic part would have its punctuation thrown to the wrong
end. ``text_dir`` gives a block holding such text the direction of its first strong character (what
HTML's ``dir="auto"`` does; WeasyPrint has no ``dir="auto"``); ``isolate`` wraps inline text in a
right-to-left part in Unicode isolates (FSI ... PDI), so that it is laid out as a unit.
"""

from __future__ import annotations

import unicodedata

from django import template
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from findings.reports.languages import RIGHT_TO_LEFT

register = template.Library()

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def direction_of(text: str) -> str | None:
    """The direction of the first strongly directional character ("rtl" or "ltr"); None when there is none."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def _part_direction() -> str:
    return "rtl" if translation.get_language() in RIGHT_TO_LEFT else "ltr"


@register.filter
def text_dir(value: object) -> str:
    """The direction a block of the team's text runs in: its own, else the part's."""
    return direction_of(str(value or "")) or _part_direction()


@register.filter
def isolate(value: object) -> object:
    """In a right-to-left part, the text (escaped) between isolates, line by line; elsewhere unchanged."""
    if value in (None, "") or _part_direction() != "rtl":
        return value
    lines = str(conditional_escape(value)).split("\n")
    isolated = "\n".join(f"{FIRST_STRONG_ISOLATE}{line}{POP_DIRECTIONAL_ISOLATE}" for line in lines)
    return mark_safe(isolated)  # escaped above; the isolates are plain characters
