"""The workforce breakdown per site: entered row by row, or imported from a CSV or XLSX file."""

from __future__ import annotations

import csv
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from engagements.supplychain import selectors, services
from engagements.supplychain.forms import SiteForm, WorkforceImportForm, WorkforceRowForm
from engagements.supplychain.models import Site, WorkforceRow
from engagements.supplychain.uploads import CappedMemoryUploadHandler
from engagements.supplychain.views.common import page
from engagements.supplychain.workforce_import import COLUMNS, MAX_ERRORS_SHOWN
from engagements.views.helpers import show_validation_error
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability

DIMENSIONS = ("nationality", "gender", "age_band", "employment", "contract_type", "recruitment_year")


def _workforce_page(request: HttpRequest, engagement: Any, site_form: SiteForm | None = None) -> HttpResponse:
    return page(
        request,
        "supplychain/workforce.html",
        engagement,
        _("Workforce breakdown"),
        sites=list(selectors.sites_with_totals(engagement)),
        totals={d: selectors.workforce_totals(engagement, d) for d in DIMENSIONS},
        by_recruiter=selectors.workforce_by_recruiter(engagement),
        site_form=site_form or SiteForm(engagement=engagement),
        columns=COLUMNS,
    )


@login_required
@require_GET
def workforce(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_PREPARATION)
    return _workforce_page(request, engagement)


@login_required
@require_GET
def workforce_template(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    """An example file with the expected columns."""
    get_engagement_for_user(request.user, engagement_id, Capability.VIEW_PREPARATION)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="workforce-breakdown.csv"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    writer.writerow(["MM", "Woman", "18-24", "Permanent", "", "2024", "Direct", "12"])
    writer.writerow(["Cambodia", "Man", "25-34", "Seasonal", "", "2023", "Subcontracted", "7"])
    return response


@login_required
@require_POST
def site_new(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_PREPARATION)
    form = SiteForm(request.POST, engagement=engagement)
    if form.is_valid():
        try:
            site = services.site_create(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Site %(s)s added.") % {"s": site})
            return redirect("supplychain:site", engagement.pk, site.pk)
    return _workforce_page(request, engagement, form)


def _site_for(request: HttpRequest, engagement_id: UUID, site_id: UUID, capability: Capability) -> tuple[Any, Site]:
    return get_in_engagement_for_user(
        request.user, Site.objects.select_related("employer"), engagement_id, site_id, capability
    )


def _site_page(
    request: HttpRequest,
    engagement: Any,
    site: Site,
    row_form: WorkforceRowForm | None = None,
    import_form: WorkforceImportForm | None = None,
    import_errors: list[Any] | None = None,
) -> HttpResponse:
    rows = list(selectors.workforce_rows(site))
    return page(
        request,
        "supplychain/site.html",
        engagement,
        site.name,
        site=site,
        rows=rows,
        total=sum(r.count for r in rows),
        row_form=row_form or WorkforceRowForm(engagement=engagement),
        import_form=import_form or WorkforceImportForm(),
        import_errors=(import_errors or [])[:MAX_ERRORS_SHOWN],
        more_errors=max(0, len(import_errors or []) - MAX_ERRORS_SHOWN),
        columns=COLUMNS,
    )


@login_required
@require_GET
def site_detail(request: HttpRequest, engagement_id: UUID, site_id: UUID) -> HttpResponse:
    engagement, site = _site_for(request, engagement_id, site_id, Capability.VIEW_PREPARATION)
    return _site_page(request, engagement, site)


@login_required
@require_POST
def site_delete(request: HttpRequest, engagement_id: UUID, site_id: UUID) -> HttpResponse:
    engagement, site = _site_for(request, engagement_id, site_id, Capability.EDIT_PREPARATION)
    services.site_delete(actor=request.user, site=site)
    messages.success(request, _("Site %(s)s removed, with its breakdown.") % {"s": site})
    return redirect("supplychain:workforce", engagement.pk)


@login_required
@require_POST
def workforce_row_add(request: HttpRequest, engagement_id: UUID, site_id: UUID) -> HttpResponse:
    engagement, site = _site_for(request, engagement_id, site_id, Capability.EDIT_PREPARATION)
    form = WorkforceRowForm(request.POST, engagement=engagement)
    if form.is_valid():
        try:
            services.workforce_row_add(actor=request.user, site=site, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Row added."))
            return redirect("supplychain:site", engagement.pk, site.pk)
    return _site_page(request, engagement, site, row_form=form)


@login_required
@require_POST
def workforce_row_delete(request: HttpRequest, engagement_id: UUID, site_id: UUID, row_id: UUID) -> HttpResponse:
    engagement, row = get_in_engagement_for_user(
        request.user,
        WorkforceRow.objects.filter(site_id=site_id).select_related("site"),
        engagement_id,
        row_id,
        Capability.EDIT_PREPARATION,
    )
    services.workforce_row_delete(actor=request.user, row=row)
    messages.success(request, _("Row removed."))
    return redirect("supplychain:site", engagement.pk, row.site_id)


@csrf_exempt
def workforce_import(request: HttpRequest, engagement_id: UUID, site_id: UUID) -> HttpResponse:
    """Uploads are held in memory, capped, and never written to disk: the handler is set before
    the body is read, so the CSRF check runs after it (``csrf_protect`` below)."""
    request.upload_handlers = [CappedMemoryUploadHandler(request)]
    return _workforce_import(request, engagement_id, site_id)


@csrf_protect
@login_required
@require_POST
def _workforce_import(request: HttpRequest, engagement_id: UUID, site_id: UUID) -> HttpResponse:
    engagement, site = _site_for(request, engagement_id, site_id, Capability.EDIT_PREPARATION)
    form = WorkforceImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            saved = services.workforce_import(
                actor=request.user, site=site, filename=upload.name, content=upload.read()
            )
        except services.WorkforceFileRefused as refused:
            return _site_page(request, engagement, site, import_form=form, import_errors=refused.row_errors)
        messages.success(request, _("Imported %(n)s rows: they replace the site's earlier breakdown.") % {"n": saved})
        return redirect("supplychain:site", engagement.pk, site.pk)
    return _site_page(request, engagement, site, import_form=form)
