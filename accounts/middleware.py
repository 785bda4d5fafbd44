"""Ends idle sessions: after an hour for anyone who can read interview data (product brief)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from tenancy.access import reads_interview_data

# Writing the session on every request is wasteful; a minute's resolution is enough.
_TOUCH_EVERY = 60
# Pages that refresh themselves (the debrief, report progress) send this header: a tablet left
# open on such a page is idle, and must still be signed out.
BACKGROUND_POLL_HEADER = "X-Background-Poll"


def idle_limit_for(user: object) -> int:
    if reads_interview_data(user):
        return settings.SENSITIVE_SESSION_IDLE_TIMEOUT
    return settings.SESSION_IDLE_TIMEOUT


class IdleSessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get("last_seen")
            limit = request.session.get("idle_limit")
            if last_seen is not None and limit is not None and now - last_seen > limit:
                logout(request)
                messages.info(request, _("You were signed out after a period of inactivity."))
                login_url = settings.LOGIN_URL
                if getattr(request, "htmx", False):
                    return HttpResponseClientRedirect(redirect(login_url).url)
                return redirect(f"{redirect(login_url).url}?next={request.path}")
            polled = request.headers.get(BACKGROUND_POLL_HEADER) == "1"
            if not polled and (last_seen is None or now - last_seen >= _TOUCH_EVERY):
                request.session["last_seen"] = now
                request.session["idle_limit"] = idle_limit_for(request.user)
        return self.get_response(request)
