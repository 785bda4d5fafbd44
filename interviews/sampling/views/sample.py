"""Pages of the worker interview sample (phase 3 step 4). The business never reaches them (no VIEW_SAMPLE)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engagements.models import Engagement
from engagements.views.helpers import show_validation_error
from interviews.sampling import selectors
from interviews.sampling.forms import (
    ATTRIBUTE_LABELS,
    BandFormSet,
    DrawForm,
    SettingsForm,
    SiteForm,
    UploadForm,
)
from interviews.sampling.imports import HEADINGS
from interviews.sampling.models import AssessmentSite, AttendanceList, SampleDraw
from interviews.sampling.selection import normal_value, table_size
from interviews.sampling.services import sample as services
from interviews.sampling.views.common import phase_page
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability

SAMPLE_TITLE = gettext_lazy("Worker interview sample")


def _back(engagement: Engagement) -> str:
    return reverse("sampling:sample", args=[engagement.pk])


@login_required
@require_GET
def sample_overview(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_SAMPLE)
    lists = AttendanceList.objects.annotate(
        n_rows=Count("rows"), n_workers=Count("rows", filter=Q(rows__is_supervisor=False))
    ).prefetch_related(Prefetch("draws", queryset=SampleDraw.objects.annotate(n_selected=Count("selected"))))
    sites = AssessmentSite.objects.filter(engagement=engagement).prefetch_related(
        Prefetch("attendance_lists", queryset=lists)
    )
    bands = selectors.bands_for(engagement)
    rows = []
    for site in sites:
        site_lists = list(site.attendance_lists.all())
        draws = sorted((d for lst in site_lists for d in lst.draws.all()), key=lambda d: d.created_at, reverse=True)
        workforce = site.workers_on_site or (site_lists[0].n_workers if site_lists else None)
        rows.append(
            {
                "site": site,
                "latest_list": site_lists[0] if site_lists else None,
                "draw": draws[0] if draws else None,
                "table_size": table_size(bands, workforce) if workforce else None,
            }
        )
    return phase_page(
        request,
        "sampling/sample.html",
        engagement,
        SAMPLE_TITLE,
        rows=rows,
        bands=bands,
        own_table=selectors.uses_own_table(engagement),
        settings=selectors.settings_for(engagement),
        attribute_labels=ATTRIBUTE_LABELS,
        meta=selectors.reference_meta(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def sample_settings(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.MANAGE_SAMPLE)
    current = selectors.settings_for(engagement)
    form = SettingsForm(request.POST or None, instance=current, initial={"strata": current.strata})
    initial = [
        {"workers_min": b.workers_min, "workers_max": b.workers_max, "sample_size": b.sample_size}
        for b in selectors.bands_for(engagement)
    ]
    bands = BandFormSet(request.POST or None, initial=initial, prefix="band")
    if request.method == "POST" and form.is_valid() and bands.is_valid():
        try:
            table = [] if "reset" in request.POST else [b for f in bands for b in [f.band()] if b is not None]
            if tuple(sorted(table, key=lambda b: b.workers_min)) == selectors.default_bands():
                table = []  # unchanged from the SMETA default: keep following the reference
            services.sampling_settings_set(
                actor=request.user,
                engagement=engagement,
                oversample_percent=form.cleaned_data["oversample_percent"],
                min_per_stratum=form.cleaned_data["min_per_stratum"],
                strata=form.cleaned_data["strata"],
                supervisors_per_site=form.cleaned_data["supervisors_per_site"],
                bands=table,
            )
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Sampling settings saved."))
            return redirect("sampling:sample", engagement.pk)
    return phase_page(
        request,
        "sampling/settings.html",
        engagement,
        _("Sampling settings"),
        form=form,
        bands=bands,
        reference_rows=selectors.reference_rows(),
        meta=selectors.reference_meta(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def site_new(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.MANAGE_SAMPLE)
    form = SiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.site_create(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Site added."))
            return redirect("sampling:sample", engagement.pk)
    return phase_page(request, "sampling/form.html", engagement, _("Add a site"), form=form, back=_back(engagement))


@login_required
@require_http_methods(["GET", "POST"])
def site_edit(request: HttpRequest, engagement_id: UUID, site_id: UUID) -> HttpResponse:
    engagement, site = get_in_engagement_for_user(
        request.user, AssessmentSite.objects.all(), engagement_id, site_id, Capability.MANAGE_SAMPLE
    )
    form = SiteForm(request.POST or None, instance=site)
    if request.method == "POST" and form.is_valid():
        try:
            services.site_update(actor=request.user, site=site, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Site saved."))
            return redirect("sampling:sample", engagement.pk)
    return phase_page(request, "sampling/form.html", engagement, _("Edit the site"), form=form, back=_back(engagement))


@login_required
@require_http_methods(["GET", "POST"])
def list_upload(request: HttpRequest, engagement_id: UUID, site_id: UUID) -> HttpResponse:
    engagement, site = get_in_engagement_for_user(
        request.user, AssessmentSite.objects.all(), engagement_id, site_id, Capability.MANAGE_SAMPLE
    )
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            attendance = services.attendance_list_import(
                actor=request.user,
                site=site,
                content=upload.read(),
                filename=upload.name,
                list_date=form.cleaned_data["list_date"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                _("List read: %(kept)s kept; %(dropped)s other columns dropped.")
                % {
                    "kept": ", ".join(str(ATTRIBUTE_LABELS[c]) for c in attendance.columns_kept) or _("no column"),
                    "dropped": attendance.columns_dropped,
                },
            )
            return redirect("sampling:list_detail", engagement.pk, attendance.pk)
    return phase_page(
        request,
        "sampling/upload.html",
        engagement,
        _("Upload the attendance list for %(site)s") % {"site": site.name},
        form=form,
        site=site,
        headings=[(ATTRIBUTE_LABELS[a], names) for a, names in HEADINGS.items()],
    )


@login_required
@require_GET
def list_detail(request: HttpRequest, engagement_id: UUID, list_id: UUID) -> HttpResponse:
    engagement, attendance = get_in_engagement_for_user(
        request.user,
        AttendanceList.objects.select_related("site", "uploaded_by").annotate(
            n_workers=Count("rows", filter=Q(rows__is_supervisor=False)),
            n_supervisors=Count("rows", filter=Q(rows__is_supervisor=True)),
        ),
        engagement_id,
        list_id,
        Capability.VIEW_SAMPLE,
    )
    draws = attendance.draws.select_related("drawn_by").annotate(n_selected=Count("selected"))
    return phase_page(
        request,
        "sampling/list_detail.html",
        engagement,
        _("Attendance list of %(date)s") % {"date": attendance.list_date.strftime("%d %b %Y")},
        attendance=attendance,
        draws=draws,
        kept=[ATTRIBUTE_LABELS[c] for c in attendance.columns_kept],
        form=DrawForm(),
    )


@login_required
@require_POST
def draw_create(request: HttpRequest, engagement_id: UUID, list_id: UUID) -> HttpResponse:
    engagement, attendance = get_in_engagement_for_user(
        request.user, AttendanceList.objects.select_related("site"), engagement_id, list_id, Capability.MANAGE_SAMPLE
    )
    form = DrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("sampling:list_detail", engagement.pk, attendance.pk)
    try:
        result = services.sample_draw(actor=request.user, attendance_list=attendance, seed=form.cleaned_data["seed"])
    except ValidationError as error:
        show_validation_error(request, error)
        return redirect("sampling:list_detail", engagement.pk, attendance.pk)
    messages.success(request, _("Sample drawn with seed %(seed)s.") % {"seed": result.seed})
    return redirect("sampling:draw_detail", engagement.pk, result.pk)


@login_required
@require_GET
def draw_detail(request: HttpRequest, engagement_id: UUID, draw_id: UUID) -> HttpResponse:
    engagement, result = get_in_engagement_for_user(
        request.user,
        SampleDraw.objects.select_related("attendance_list__site", "drawn_by"),
        engagement_id,
        draw_id,
        Capability.VIEW_SAMPLE,
    )
    selected = list(selectors.selected_in(result))
    workers = [s for s in selected if not s.row.is_supervisor]
    return phase_page(
        request,
        "sampling/draw_detail.html",
        engagement,
        _("Sample of %(site)s") % {"site": result.attendance_list.site.name},
        draw=result,
        workers=workers,
        supervisors=[s for s in selected if s.row.is_supervisor],
        **_strata(result, workers),
        bands=result.parameters["bands"],
        grew=result.summary["target"] > result.summary["with_margin"],
    )


def _strata(result: SampleDraw, workers: list) -> dict[str, list]:
    """The draw's strata with the positions drawn in each; attributes the list did not have are left out."""
    attributes = result.parameters["strata"]
    positions: dict[tuple, list[int]] = {}
    for sampled in workers:
        key = tuple(normal_value(getattr(sampled.row, a)) for a in attributes)
        positions.setdefault(key, []).append(sampled.row.position)
    summary = result.summary["strata"]
    shown = [i for i in range(len(attributes)) if any(s["label"][i] for s in summary)]
    return {
        "strata_labels": [ATTRIBUTE_LABELS[attributes[i]] for i in shown],
        "strata": [
            {
                **s,
                "values": [s["label"][i] for i in shown],
                "positions": positions.get(tuple(normal_value(v) for v in s["label"]), []),
            }
            for s in summary
        ],
    }
