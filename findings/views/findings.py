"""Findings (phase 5 step 1): the list, one finding, writing, deleting a draft and releasing."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engagements.views.helpers import show_validation_error
from findings import numbers, selectors
from findings.forms import PASSPORT_FINDING, PASSPORT_RECOMMENDATION, FindingForm, GroupFormSet
from findings.models import SEVERITY_HELP, Severity
from findings.services.findings import finding_create, finding_delete, finding_release, finding_update
from findings.views.common import finding_page, phase_page, sees_small_cells
from mapping_platform.forms import rows_of
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability

LIST_TITLE = gettext_lazy("Findings")


@login_required
@require_GET
def findings_list(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_FINDINGS)
    rules = numbers.analysis_rules(engagement)
    sees = sees_small_cells(engagement)
    rows = [
        (
            finding,
            numbers.affected_numbers(finding, rules, sees_small_cells=sees),
            selectors.current_position(finding),
            selectors.source_summary(finding),
        )
        for finding in selectors.findings_list(engagement, engagement.capabilities)
    ]
    drafts = sum(1 for finding, *_rest in rows if not finding.is_released)
    # The list shows each finding's total and number asked, never its groups.
    hidden = any(
        figures and (figures.affected.suppressed or (figures.asked and figures.asked.suppressed))
        for _finding, figures, *_rest in rows
    )
    return phase_page(
        request,
        "findings/list.html",
        engagement,
        LIST_TITLE,
        rows=rows,
        drafts=drafts,
        legend=rules.legend if hidden else "",
    )


@login_required
@require_GET
def finding_detail(request: HttpRequest, engagement_id: UUID, finding_id: UUID) -> HttpResponse:
    engagement, finding = selectors.get_finding_for_user(request.user, engagement_id, finding_id)
    return finding_page(request, engagement, finding)


def _breakdown(formset: Any) -> list[dict[str, Any]]:
    return [{"group": row["group"], "count": row["count"]} for row in rows_of(formset)]


def _form_page(
    request: HttpRequest, engagement: Any, title: str, form: Any, groups: Any, **context: Any
) -> HttpResponse:
    return phase_page(
        request,
        "findings/finding_form.html",
        engagement,
        title,
        form=form,
        groups=groups,
        severity_help={str(k): v for k, v in SEVERITY_HELP.items()},
        passport_finding=PASSPORT_FINDING,
        passport_recommendation=PASSPORT_RECOMMENDATION,
        **context,
    )


@login_required
@require_http_methods(["GET", "POST"])
def finding_new(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_FINDINGS)
    form = FindingForm(request.POST or None, initial={"severity": Severity.MAJOR})
    groups = GroupFormSet(request.POST or None, prefix="groups")
    if request.method == "POST" and form.is_valid() and groups.is_valid():
        try:
            finding = finding_create(
                actor=request.user, engagement=engagement, **form.cleaned_data, breakdown=_breakdown(groups)
            )
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Finding F%(n)s saved as a draft.") % {"n": finding.number})
            return redirect("findings:detail", engagement.pk, finding.pk)
    return _form_page(request, engagement, _("New finding"), form, groups)


@login_required
@require_http_methods(["GET", "POST"])
def finding_edit(request: HttpRequest, engagement_id: UUID, finding_id: UUID) -> HttpResponse:
    engagement, finding = selectors.get_finding_for_user(
        request.user, engagement_id, finding_id, Capability.EDIT_FINDINGS
    )
    form = FindingForm(request.POST or None, initial=FindingForm.initial_for(finding))
    groups = GroupFormSet(request.POST or None, prefix="groups", initial=finding.breakdown)
    if request.method == "POST" and form.is_valid() and groups.is_valid():
        try:
            finding_update(actor=request.user, finding=finding, **form.cleaned_data, breakdown=_breakdown(groups))
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Finding F%(n)s saved.") % {"n": finding.number})
            return redirect("findings:detail", engagement.pk, finding.pk)
    title = _("Edit %(finding)s") % {"finding": f"F{finding.number}"}
    return _form_page(request, engagement, title, form, groups, finding=finding)


@login_required
@require_POST
def finding_remove(request: HttpRequest, engagement_id: UUID, finding_id: UUID) -> HttpResponse:
    engagement, finding = selectors.get_finding_for_user(
        request.user, engagement_id, finding_id, Capability.EDIT_FINDINGS
    )
    try:
        finding_delete(actor=request.user, finding=finding)
    except ValidationError as error:
        show_validation_error(request, error)
        return redirect("findings:detail", engagement.pk, finding.pk)
    messages.success(request, _("Draft finding F%(n)s deleted.") % {"n": finding.number})
    return redirect("findings:list", engagement.pk)


@login_required
@require_POST
def finding_publish(request: HttpRequest, engagement_id: UUID, finding_id: UUID) -> HttpResponse:
    engagement, finding = selectors.get_finding_for_user(
        request.user, engagement_id, finding_id, Capability.RELEASE_FINDINGS
    )
    try:
        finding_release(actor=request.user, finding=finding)
    except ValidationError as error:
        show_validation_error(request, error)
    else:
        messages.success(
            request, _("F%(n)s released to the business and the worker representatives.") % {"n": finding.number}
        )
    return redirect("findings:detail", engagement.pk, finding.pk)
