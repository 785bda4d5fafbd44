"""What the phase 6 pages share: the phase page frame."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

PHASE = 6


def phase_page(request: HttpRequest, template: str, engagement: Any, title: Any, **context: Any) -> HttpResponse:
    return render(request, template, {"engagement": engagement, "phase_number": PHASE, "page_title": title, **context})
