"""Pages of the analysis (phase 5 step 1): figures for everyone entitled to them, suppressed for outsiders.

Who sees small cells is a capability (SEE_SMALL_CELLS: lead assessor, assessors), never a role check.
The team may preview any page or export as outsiders get it (``?view=suppressed``).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engagements.models import Engagement
from engagements.views.helpers import show_validation_error
from findings.analysis import exports, selectors, services
from findings.analysis.forms import RateForm, SettingsForm
from findings.analysis.models import ExchangeRate
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability

PHASE = 5
TITLE = gettext_lazy("Aggregated figures and fee analysis")
PREVIEW = "suppressed"


def _sees_small_cells(request: HttpRequest, engagement: Engagement) -> bool:
    return Capability.SEE_SMALL_CELLS in engagement.capabilities and request.GET.get("view") != PREVIEW


def _page(request: HttpRequest, template: str, engagement: Engagement, title: Any, **context: Any) -> HttpResponse:
    return render(request, template, {"engagement": engagement, "phase_number": PHASE, "page_title": title, **context})


@never_cache
@login_required
@require_GET
def overview(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_AGGREGATES)
    sees = _sees_small_cells(request, engagement)
    settings = selectors.analysis_settings(engagement)
    found = selectors.aggregates(engagement, settings)
    return _page(
        request,
        "analysis/overview.html",
        engagement,
        TITLE,
        settings=settings,
        aggregates=found,
        tables=selectors.indicator_tables(engagement, sees_small_cells=sees, settings=settings, found=found),
        fees=selectors.fee_analysis(engagement, sees_small_cells=sees, settings=settings, found=found),
        sees_small_cells=sees,
        previewing=not sees and Capability.SEE_SMALL_CELLS in engagement.capabilities,
        view_query=f"?view={PREVIEW}" if not sees and Capability.SEE_SMALL_CELLS in engagement.capabilities else "",
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _export(request: HttpRequest, engagement_id: UUID, part: str, file_format: str) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_AGGREGATES)
    sees = _sees_small_cells(request, engagement)
    services.aggregates_export_record(
        actor=request.user, engagement=engagement, file_format=file_format, part=part, suppressed=not sees
    )
    suffix = "team-unsuppressed" if sees else "suppressed"
    settings = selectors.analysis_settings(engagement)
    read = {"sees_small_cells": sees, "settings": settings, "found": selectors.aggregates(engagement, settings)}
    if part == "indicators":
        content = exports.indicators_csv(selectors.indicator_tables(engagement, **read))
        return _download(content, "text/csv; charset=utf-8", f"indicators-{suffix}.csv")
    if part == "fees":
        content = exports.fees_csv(selectors.fee_analysis(engagement, **read))
        return _download(content, "text/csv; charset=utf-8", f"fees-{suffix}.csv")
    content = exports.workbook(
        selectors.indicator_tables(engagement, **read), selectors.fee_analysis(engagement, **read)
    )
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(content, xlsx, f"aggregates-{suffix}.xlsx")


@never_cache
@login_required
@require_GET
def export_indicators_csv(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    return _export(request, engagement_id, "indicators", "csv")


@never_cache
@login_required
@require_GET
def export_fees_csv(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    return _export(request, engagement_id, "fees", "csv")


@never_cache
@login_required
@require_GET
def export_xlsx(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    return _export(request, engagement_id, "all", "xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def analysis_settings(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.SET_ANALYSIS_RULES)
    current = selectors.analysis_settings(engagement)
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.analysis_settings_set(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Analysis rules saved."))
            return redirect("analysis:overview", engagement.pk)
    return _page(request, "analysis/settings.html", engagement, _("Analysis rules"), form=form, settings=current)


@login_required
@require_http_methods(["GET", "POST"])
def rates(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.RECORD_EXCHANGE_RATES)
    settings = selectors.analysis_settings(engagement)
    form = RateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.exchange_rate_record(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Exchange rate recorded."))
            return redirect("analysis:rates", engagement.pk)
    recorded = list(selectors.exchange_rates(engagement))
    seen: set[str] = set()
    for rate in recorded:  # ordered by currency, latest date first: the first of each currency is used
        rate.in_use = rate.reporting_currency == settings.reporting_currency and rate.currency not in seen  # type: ignore[attr-defined]
        if rate.in_use:  # type: ignore[attr-defined]
            seen.add(rate.currency)
    return _page(
        request,
        "analysis/rates.html",
        engagement,
        _("Exchange rates"),
        form=form,
        settings=settings,
        rates=recorded,
        missing=selectors.aggregates(engagement, settings).fees.missing_rates,
    )


@login_required
@require_POST
def rate_delete(request: HttpRequest, engagement_id: UUID, rate_id: UUID) -> HttpResponse:
    _engagement, rate = get_in_engagement_for_user(
        request.user, ExchangeRate.objects.all(), engagement_id, rate_id, Capability.RECORD_EXCHANGE_RATES
    )
    services.exchange_rate_delete(actor=request.user, rate=rate)
    messages.success(request, _("Exchange rate deleted."))
    return redirect("analysis:rates", engagement_id)
