"""Pages of the vault: interviews with consent, answers, identity unlocks, the access log, retention."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.log import record
from audit.models import AuditEntry
from engagements.views.helpers import show_validation_error
from tenancy.roles import Capability
from vault import services
from vault.access import (
    can_change_response,
    can_read_response,
    get_respondent_for_user,
    get_response_for_user,
    get_vault_engagement_for_user,
    require,
    respondents_for,
)
from vault.envelope import cipher_for
from vault.forms import CoreAnswersForm, RetentionForm, UnlockForm
from vault.models import KeyPurpose, Respondent, Response
from vault.records import iter_engagement_answers, open_response

ACCESS_LOG_VERBS = (
    "identity.unlocked",
    "export.raw",
    "consent.withdrawn",
    "consent.follow_up_withdrawn",
    "identity.updated",
    "response.corrected_after_hand_in",
    "retention.set",
    "retention.identities_destroyed",
)


@login_required
@require_GET
def respondents(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_vault_engagement_for_user(request.user, engagement_id)
    rows = (
        respondents_for(request.user, engagement)
        .select_related("consent")
        .annotate(n_responses=Count("responses"))
        .order_by("-created_at")
    )
    open_mine = Response.objects.filter(engagement=engagement, interviewer=request.user, submitted_at__isnull=True)
    return render(
        request,
        "vault/respondents.html",
        {
            "engagement": engagement,
            "page": Paginator(rows, 50).get_page(request.GET.get("page")),
            "open_responses": open_mine.count() if Capability.CAPTURE_RESPONSES in engagement.capabilities else 0,
        },
    )


def _to_capture_app(request: HttpRequest, engagement: Any) -> HttpResponse:
    """Interviews are recorded in the field app (consent first, then the published questionnaire)."""
    if request.method == "POST":
        messages.warning(request, _("Nothing was saved here: interviews are recorded in the field app."))
    return redirect("field:engagement_day", engagement.pk)


@login_required
@require_http_methods(["GET", "POST"])
def respondent_new(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_vault_engagement_for_user(request.user, engagement_id)
    require(engagement, Capability.CAPTURE_RESPONSES)
    return _to_capture_app(request, engagement)


@login_required
@never_cache
@require_GET
def respondent_detail(request: HttpRequest, engagement_id: UUID, respondent_id: UUID) -> HttpResponse:
    engagement, respondent = get_respondent_for_user(request.user, engagement_id, respondent_id)
    responses, cipher = [], None
    rows = respondent.responses.select_related("interviewer", "questionnaire_version__questionnaire")
    for response in rows.prefetch_related("questionnaire_version__questions"):
        readable = can_read_response(request.user, engagement, response)
        if readable and cipher is None:
            cipher = cipher_for(engagement.pk, KeyPurpose.RESPONSES, create=False)
        responses.append(
            {
                "response": response,
                "answers": labelled(response, open_response(response, cipher)) if readable else None,
                "can_change": can_change_response(request.user, engagement, response),
            }
        )
    return render(
        request,
        "vault/respondent_detail.html",
        {
            "engagement": engagement,
            "respondent": respondent,
            "responses": responses,
        },
    )


YES_NO = {"yes": _("Yes"), "no": _("No")}


def shown_value(question: Any, value: Any) -> str:
    """An answer as a person reads it: option labels, an amount with its currency."""
    labels = {str(o.get("value")): str(o.get("label")) for o in question.options or []}
    if question.type == "yes_no":
        return str(YES_NO.get(str(value), value))
    if isinstance(value, list):
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    if isinstance(value, dict):
        return f"{value.get('amount', '')} {value.get('currency', '')}".strip()
    return labels.get(str(value), str(value))


def labelled(response: Response, answers: dict[str, Any]) -> list[tuple[str, Any]]:
    """(question, answer) pairs in the questionnaire version's order and wording; unknown keys last.

    Answers recorded with the interim core form (before versioned questionnaires) keep its labels.
    """
    version = response.questionnaire_version
    if version is None:
        return CoreAnswersForm.labelled(answers)
    questions = list(version.questions.all())
    known = [(q.text, shown_value(q, answers[q.key])) for q in questions if q.key in answers]
    keys = {q.key for q in questions}
    return known + [(key, value) for key, value in answers.items() if key not in keys]


def _answers_page(
    request: HttpRequest,
    engagement: Any,
    respondent: Respondent,
    form: CoreAnswersForm,
    response: Response | None = None,
) -> HttpResponse:
    return render(
        request,
        "vault/response_form.html",
        {"engagement": engagement, "respondent": respondent, "form": form, "response": response},
    )


@login_required
@require_http_methods(["GET", "POST"])
def response_new(request: HttpRequest, engagement_id: UUID, respondent_id: UUID) -> HttpResponse:
    engagement, _respondent = get_respondent_for_user(request.user, engagement_id, respondent_id)
    require(engagement, Capability.CAPTURE_RESPONSES)
    return _to_capture_app(request, engagement)


@login_required
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def response_edit(request: HttpRequest, engagement_id: UUID, respondent_id: UUID, response_id: UUID) -> HttpResponse:
    engagement, respondent, response = get_response_for_user(
        request.user, engagement_id, respondent_id, response_id, change=True
    )
    if response.questionnaire_version_id is not None:
        return redirect("field:response_edit", engagement.pk, respondent.pk, response.pk)
    form = CoreAnswersForm(request.POST or None, initial=None if request.POST else open_response(response))
    if request.method == "POST" and form.is_valid():
        try:
            services.response_update(actor=request.user, response=response, answers=form.answers())
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Answers saved, encrypted."))
            return redirect("vault:respondent", engagement.pk, respondent.pk)
    return _answers_page(request, engagement, respondent, form, response)


@login_required
@require_POST
def respondent_withdraw(request: HttpRequest, engagement_id: UUID, respondent_id: UUID) -> HttpResponse:
    engagement, respondent = get_respondent_for_user(request.user, engagement_id, respondent_id)
    services.consent_withdraw(actor=request.user, respondent=respondent)
    messages.success(request, _("Consent withdrawn: this person's answers and identity are deleted."))
    return redirect("vault:respondents", engagement.pk)


@login_required
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def identity_unlock(request: HttpRequest, engagement_id: UUID, respondent_id: UUID) -> HttpResponse:
    engagement, respondent = get_respondent_for_user(request.user, engagement_id, respondent_id)
    require(engagement, Capability.UNLOCK_IDENTITY)
    form = UnlockForm(request.POST or None)
    identity, unlocked = None, False
    if request.method == "POST" and form.is_valid():
        try:
            identity = services.identity_unlock(
                actor=request.user, respondent=respondent, reason=form.cleaned_data["reason"]
            )
            unlocked = True
        except ValidationError as error:
            show_validation_error(request, error, form)
    return render(
        request,
        "vault/identity_unlock.html",
        {
            "engagement": engagement,
            "respondent": respondent,
            "form": form,
            "identity": identity,
            "unlocked": unlocked,
        },
    )


@login_required
@require_POST
def day_sheet_submit(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_vault_engagement_for_user(request.user, engagement_id)
    require(engagement, Capability.CAPTURE_RESPONSES)
    count = services.day_sheet_submit(actor=request.user, engagement=engagement)
    messages.success(request, _("Day's sheet handed in: %(n)d interview(s).") % {"n": count})
    return redirect("vault:respondents", engagement.pk)


@login_required
@require_http_methods(["GET", "POST"])
def data_protection(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_vault_engagement_for_user(request.user, engagement_id)
    require(engagement, Capability.VIEW_ACCESS_LOG)
    retention = getattr(engagement, "retention", None)
    form = RetentionForm(request.POST or None, initial={"keep_until": retention.keep_until if retention else None})
    if request.method == "POST":
        require(engagement, Capability.MANAGE_RETENTION)
        if form.is_valid():
            try:
                services.retention_set(
                    actor=request.user, engagement=engagement, keep_until=form.cleaned_data["keep_until"]
                )
            except ValidationError as error:
                show_validation_error(request, error, form)
            else:
                messages.success(request, _("Retention period saved."))
                return redirect("vault:data_protection", engagement.pk)
    log = AuditEntry.objects.filter(engagement=engagement, verb__in=ACCESS_LOG_VERBS).order_by("-at", "-id")
    return render(
        request,
        "vault/data_protection.html",
        {
            "engagement": engagement,
            "form": form,
            "retention": retention,
            "page": Paginator(log, 50).get_page(request.GET.get("page")),
        },
    )


def export_cell(value: Any) -> Any:
    """One answer in a spreadsheet cell: choices joined, an amount with its currency."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return f"{value.get('amount', '')} {value.get('currency', '')}".strip()
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def safe_cell(value: Any) -> str:
    """Neutralise spreadsheet formulas (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
@require_GET
def raw_export(request: HttpRequest, engagement_id: UUID) -> StreamingHttpResponse:
    engagement = get_vault_engagement_for_user(request.user, engagement_id)
    require(engagement, Capability.EXPORT_RAW)
    with transaction.atomic():
        record(actor=request.user, verb="export.raw", engagement=engagement, detail={"format": "csv"})
    respondents = {str(r.pk): r for r in Respondent.objects.filter(engagement=engagement)}
    published = engagement.questionnaire_versions.filter(status="published").order_by(
        "questionnaire__created_at", "number", "questions__position"
    )
    keys = [*CoreAnswersForm.base_fields, *published.values_list("questions__key", flat=True)]
    answer_fields = [key for key in dict.fromkeys(keys) if key]
    header = [
        "response",
        "pseudonym",
        "interviewee",
        "nationality",
        "gender",
        "age_band",
        "recruiter",
        "site",
        "department",
        "contract_type",
        "recruitment_year",
        "group_size",
        *(f"answer:{key}" for key in answer_fields),
    ]

    def rows() -> Iterator[list[str]]:
        yield header
        for response_id, respondent_id, answers in iter_engagement_answers(engagement.pk):
            r = respondents[respondent_id]
            yield [
                safe_cell(v)
                for v in (
                    response_id,
                    r.pseudonym,
                    r.kind,
                    r.nationality.code,
                    r.gender,
                    r.age_band,
                    r.recruiter,
                    r.site,
                    r.department,
                    r.contract_type,
                    r.recruitment_year,
                    r.group_size,
                    *(export_cell(answers.get(f)) for f in answer_fields),
                )
            ]

    writer = csv.writer(_Echo())
    response = StreamingHttpResponse((writer.writerow(row) for row in rows()), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="responses-pseudonymised.csv"'
    response["Cache-Control"] = "no-store"
    return response
