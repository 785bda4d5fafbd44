"""Charts for the PDF, drawn on the server as SVG: no script, nothing to fetch.

A chart is a table whose rows each carry a small SVG: the labels stay HTML text, because WeasyPrint
draws SVG text glyph by glyph and would break the shaping of Burmese, Khmer, Thai, Devanagari, Bengali
or Arabic names; the SVGs hold only shapes (and Latin digits on the axis). Every row of a chart shares
the same width and scale, so the bars line up as one chart. A suppressed figure draws no bar at all:
the row says "suppressed" in its text cell, exactly as the tables do.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 300
BAR_H = 14
AXIS_H = 18
BAR = "#1f6fa8"
BAR_SYSTEMIC = "#b02a37"
RANGE = "#9ec5e6"
GRID = "#dee2e6"
INK = "#495057"
THRESHOLD = "#212529"


def _svg(width: float, height: float, body: str, label: str) -> SafeString:
    # Every value below is a number formatted here or a label passed through escape().
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{escape(label)}">{body}</svg>'
    )


def _grid(height: float, ticks: Sequence[float]) -> str:
    return "".join(
        f'<line x1="{WIDTH * t:.1f}" y1="0" x2="{WIDTH * t:.1f}" y2="{height:.0f}" stroke="{GRID}" stroke-width="1"/>'
        for t in ticks
    )


def percent_axis(ticks: Sequence[int] = (0, 25, 50, 75, 100)) -> SafeString:
    """The scale above a percentage chart: 0% ... 100%."""
    parts = []
    for t in ticks:
        x = WIDTH * t / 100
        anchor = "start" if t == 0 else "end" if t == 100 else "middle"
        parts.append(
            f'<text x="{x:.1f}" y="12" font-size="9" text-anchor="{anchor}" fill="{INK}" '
            f'font-family="Noto Sans, DejaVu Sans, sans-serif">{t}%</text>'
        )
    return _svg(WIDTH, AXIS_H, "".join(parts), "0–100%")


def percent_bar(percent: float | None, *, threshold: float | None = None, label: str = "") -> SafeString:
    """One row of a percentage chart: the share who reported an issue; the systemic threshold dashed."""
    body = [f'<rect x="0" y="0" width="{WIDTH}" height="{BAR_H}" fill="#f8f9fa"/>', _grid(BAR_H, (0.25, 0.5, 0.75))]
    systemic = threshold is not None and percent is not None and percent >= threshold
    if percent is not None:
        width = WIDTH * max(0.0, min(100.0, percent)) / 100
        body.append(
            f'<rect x="0" y="2" width="{width:.1f}" height="{BAR_H - 4}" fill="{BAR_SYSTEMIC if systemic else BAR}"/>'
        )
    if threshold is not None:
        x = WIDTH * threshold / 100
        body.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{BAR_H}" stroke="{THRESHOLD}" '
            'stroke-width="1.2" stroke-dasharray="3 2"/>'
        )
    return _svg(WIDTH, BAR_H, "".join(body), label)


def amount_axis(maximum: Decimal, ticks: int = 4) -> tuple[SafeString, Decimal]:
    """The scale above a fee chart, in round steps; returns the scale's top too."""
    top = _round_up(maximum)
    parts = []
    for i in range(ticks + 1):
        value = top * i / ticks
        x = WIDTH * i / ticks
        anchor = "start" if i == 0 else "end" if i == ticks else "middle"
        parts.append(
            f'<text x="{x:.1f}" y="12" font-size="9" text-anchor="{anchor}" fill="{INK}" '
            f'font-family="Noto Sans, DejaVu Sans, sans-serif">{_short(value)}</text>'
        )
    return _svg(WIDTH, AXIS_H, "".join(parts), f"0–{_short(top)}"), top


def range_bar(
    minimum: Decimal, maximum: Decimal, mean: Decimal, median: Decimal, *, top: Decimal, label: str = ""
) -> SafeString:
    """One row of a fee chart: the range paid (bar), the median (thick tick) and the mean (diamond)."""

    def x(value: Decimal) -> float:
        return float(WIDTH * value / top) if top else 0.0

    left, right = x(minimum), max(x(maximum), x(minimum) + 1.5)
    body = [
        f'<rect x="0" y="0" width="{WIDTH}" height="{BAR_H}" fill="#f8f9fa"/>',
        _grid(BAR_H, (0.25, 0.5, 0.75)),
        f'<rect x="{left:.1f}" y="3" width="{right - left:.1f}" height="{BAR_H - 6}" fill="{RANGE}"/>',
        f'<rect x="{x(median) - 1.25:.1f}" y="0" width="2.5" height="{BAR_H}" fill="{BAR}"/>',
        f'<path d="M{x(mean):.1f},{BAR_H / 2 - 4:.1f} l4,4 l-4,4 l-4,-4 z" fill="{BAR_SYSTEMIC}"/>',
    ]
    return _svg(WIDTH, BAR_H, "".join(body), label)


def _round_up(value: Decimal) -> Decimal:
    """The smallest 1, 2 or 5 times a power of ten at or above the value (a readable scale)."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return Decimal(step) * magnitude
    return 10 * magnitude


def _short(value: Decimal) -> str:
    value = Decimal(value)
    for size, suffix in ((Decimal(1_000_000), "M"), (Decimal(1_000), "k")):
        if value >= size:
            return f"{(value / size).normalize():f}{suffix}"
    return f"{value.normalize():f}"
