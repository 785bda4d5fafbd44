"""Pages of the capture app: its shell, the day's data, the outbox key, the service worker, conflicts.

The shell (``/field/``) is one page; the app draws the day, the interview screens and the outbox in
the browser from ``day.json``, so that all of it works offline. Pages for conflicts and the day's
sheet need the server and are ordinary pages.
"""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.log import record as audit
from engagements.views.helpers import show_validation_error
from interviews.fieldwork import selectors, services, shell
from interviews.fieldwork.device import outbox_secret
from interviews.fieldwork.forms import AnswersForm
from interviews.questionnaires.answers import clean_answers
from interviews.questionnaires.models import Question
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability
from vault import services as vault_services
from vault.access import get_response_for_user
from vault.records import open_response

NO_STORE = "no-store, private"
ZERO = UUID(int=0)


def _require_capture(user: Any) -> None:
    if not selectors.capture_engagements(user).exists():
        raise PermissionDenied


@login_required
@never_cache
@require_GET
def app(request: HttpRequest) -> HttpResponse:
    """The app shell: cached by the service worker, it holds no data of its own."""
    _require_capture(request.user)
    urls = {
        "day": reverse("field:day_data"),
        "key": reverse("field:outbox_key"),
        "worker": reverse("field:service_worker"),
        "conflicts": reverse("field:conflicts"),
        "logout": reverse("accounts:logout"),
        "login": reverse("accounts:login"),
        "sync": reverse("fieldwork:record_sync", args=[ZERO, ZERO]),
        "day_sheet": reverse("field:day_sheet", args=[ZERO]),
    }
    return render(request, "fieldwork/app.html", {"urls": urls, "zero": str(ZERO)})


@login_required
@require_GET
def engagement_day(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    """The phase page of phase 4: the capture app, opened at this engagement."""
    get_engagement_for_user(request.user, engagement_id, Capability.CAPTURE_RESPONSES)
    return redirect(f"{reverse('field:app')}#/e/{engagement_id}")


@login_required
@require_GET
def day_data(request: HttpRequest) -> JsonResponse:
    """Today's schedule and questionnaires; kept by the app in Cache Storage, never by an HTTP cache."""
    _require_capture(request.user)
    response = JsonResponse(selectors.day_data(request.user))
    response["Cache-Control"] = NO_STORE
    return response


@login_required
@require_GET
def outbox_key(request: HttpRequest) -> JsonResponse:
    """The session's outbox secret (see ``device.py``): never cached, never stored by the app."""
    _require_capture(request.user)
    response = JsonResponse({**outbox_secret(request.session), "user": str(request.user.pk)})
    response["Cache-Control"] = NO_STORE
    return response


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from /field/ so that its scope is the capture app and nothing else."""
    body = render_to_string(
        "fieldwork/sw.js",
        {
            "version": shell.version(),
            "shell_url": reverse("field:app"),
            "assets": json.dumps(shell.asset_urls()),
        },
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest (fetched by browsers without cookies: it names no one)."""
    start = reverse("field:app")
    body = {
        "name": _("Field interviews · Labour migration process mapping"),
        "short_name": _("Field interviews"),
        "start_url": start,
        "scope": start,
        "display": "standalone",
        "orientation": "any",
        "background_color": "#ffffff",
        "theme_color": "#0b3d5c",
        "icons": [
            {"src": static("fieldwork/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("fieldwork/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("fieldwork/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(body, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


@login_required
@require_POST
def day_sheet(request: HttpRequest, engagement_id: UUID) -> JsonResponse:
    """Hand in the day's sheet: the interviewer's open responses become read-only to them."""
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.CAPTURE_RESPONSES)
    count = vault_services.day_sheet_submit(actor=request.user, engagement=engagement)
    return JsonResponse({"handed_in": count})


@login_required
@never_cache
@require_GET
def conflicts(request: HttpRequest) -> HttpResponse:
    _require_capture(request.user)
    rows = list(selectors.conflicts_of(request.user)[:200])
    return render(request, "fieldwork/conflicts.html", {"conflicts": rows})


@login_required
@never_cache
@require_GET
def engagement_conflicts(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    """Every conflict of the engagement, for the lead assessor who decides those on handed-in interviews."""
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.RESOLVE_CONFLICTS)
    rows = list(selectors.engagement_conflicts(engagement)[:500])
    return render(request, "fieldwork/conflicts.html", {"conflicts": rows, "engagement": engagement, "decides": True})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def conflict_detail(request: HttpRequest, engagement_id: UUID, conflict_id: UUID) -> HttpResponse:
    """The held version beside the stored one (the interviewer's own record only); each look is logged."""
    engagement, conflict = selectors.get_conflict_for_user(request.user, engagement_id, conflict_id)
    if request.method == "POST":
        try:
            services.conflict_resolve(actor=request.user, conflict=conflict, keep=request.POST.get("keep", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Conflict resolved."))
            if Capability.RESOLVE_CONFLICTS in engagement.capabilities:
                return redirect("field:engagement_conflicts", engagement_id=engagement.pk)
            return redirect("field:conflicts")
    with transaction.atomic():
        audit(
            actor=request.user,
            verb="sync.conflict_viewed",
            target=conflict,
            engagement=engagement,
            detail={"record": str(conflict.record_id)},
        )
    held = services.held_payload(conflict)
    response = conflict.record.response
    stored = open_response(response) if response is not None else {}
    version_id = response.questionnaire_version_id if response is not None else held.get("questionnaire_version")
    rows = selectors.answers_side_by_side(version_id, held.get("answers") or {}, stored)
    context = {
        "engagement": engagement,
        "conflict": conflict,
        "response": response,
        # What differs is what the choice is about: shown first; the rest folded away below it.
        "differing": [row for row in rows if row["differs"]],
        "same": [row for row in rows if not row["differs"]],
        "handed_in": response is not None and response.submitted_at is not None,
        "decides": Capability.RESOLVE_CONFLICTS in engagement.capabilities,
    }
    return render(request, "fieldwork/conflict.html", context)


@login_required
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def response_edit(request: HttpRequest, engagement_id: UUID, respondent_id: UUID, response_id: UUID) -> HttpResponse:
    """The interviewer corrects a stored interview, in its questionnaire version, until the day's sheet."""
    engagement, respondent, response = get_response_for_user(
        request.user, engagement_id, respondent_id, response_id, change=True
    )
    if response.questionnaire_version_id is None:
        return redirect("vault:response_edit", engagement.pk, respondent.pk, response.pk)
    questions = list(Question.objects.filter(version_id=response.questionnaire_version_id).order_by("position"))
    currencies = selectors.currencies_for(engagement)
    initial = None if request.method == "POST" else AnswersForm.initial_for(questions, open_response(response))
    form = AnswersForm(request.POST or None, initial=initial, questions=questions, currencies=currencies)
    if request.method == "POST" and form.is_valid():
        try:
            answers = clean_answers(questions, form.answers())
            vault_services.response_update(actor=request.user, response=response, answers=answers)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_answer_errors(error.message_dict)
            else:
                show_validation_error(request, error)
        else:
            messages.success(request, _("Answers saved, encrypted."))
            return redirect("vault:respondent", engagement.pk, respondent.pk)
    context = {"engagement": engagement, "respondent": respondent, "response": response, "form": form}
    return render(request, "fieldwork/response_edit.html", context)
