"""What the pages of phase 4 on site share: the phase page frame."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

PHASE = 4


def phase_page(request: HttpRequest, template: str, engagement: Any, title: Any, **context: Any) -> HttpResponse:
    """Render a phase 4 page (templates/engagements/phase_page_base.html) with its title."""
    return render(request, template, {"engagement": engagement, "phase_number": PHASE, "page_title": title, **context})
