"""What the preparation pages share: the page context, and the validate-save-redirect loop of a form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from engagements.models import Engagement
from engagements.views.helpers import show_validation_error

PHASE = 3


def page(request: HttpRequest, template: str, engagement: Engagement, title: str, **context: Any) -> HttpResponse:
    return render(
        request,
        template,
        {"engagement": engagement, "phase_number": PHASE, "page_title": title, **context},
    )


def submitted(request: HttpRequest, form: Form, save: Callable[[], Any], success: str) -> bool:
    """Validate a POSTed form and run the service; True when it saved (the message is set)."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save()
    except ValidationError as error:
        show_validation_error(request, error, form)
        return False
    messages.success(request, success)
    return True


def form_page(
    request: HttpRequest,
    engagement: Engagement,
    *,
    title: str,
    form: Form,
    save: Callable[[], Any],
    success: str,
    next_url: str,
    intro: str = "",
) -> HttpResponse:
    """A page holding one form: save and go back to the register, or show the errors."""
    if submitted(request, form, save, success):
        return redirect(next_url)
    return page(request, "preparation/form.html", engagement, title, form=form, cancel_url=next_url, intro=intro)


def done(request: HttpRequest, success: str, next_url: str) -> HttpResponse:
    messages.success(request, success)
    return redirect(next_url)
