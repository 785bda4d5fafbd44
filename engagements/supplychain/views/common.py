"""What every phase-2 page shares."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

PHASE = 2


def page(
    request: HttpRequest, template: str, engagement: Any, title: str, status: int = 200, **context: Any
) -> HttpResponse:
    """Render a phase page (templates extend engagements/phase_page_base.html)."""
    return render(
        request,
        template,
        {"engagement": engagement, "phase_number": PHASE, "page_title": title, **context},
        status=status,
    )
