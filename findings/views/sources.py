"""Triangulation (phase 5 step 1): linking a finding's sources, the team's page alone."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from engagements.models import Engagement
from engagements.views.helpers import show_validation_error
from findings import selectors
from findings.forms import SourceForm
from findings.models import FindingSource, SourceKind
from findings.selectors import evidence
from findings.services.findings import source_add, source_remove
from findings.views.common import phase_page
from tenancy.roles import Capability


def _references(engagement: Engagement) -> dict[str, list[tuple[Any, str]] | None]:
    """What each kind of source may point at (three queries); worker interviews point at nothing."""
    return {
        SourceKind.WORKER_INTERVIEWS: None,
        SourceKind.MANAGEMENT_INTERVIEW: [
            (r, evidence.respondent_label(r)) for r in evidence.management_respondents(engagement)
        ],
        SourceKind.DOCUMENT_REVIEW: [(r, evidence.review_label(r)) for r in evidence.document_reviews(engagement)],
        SourceKind.SITE_OBSERVATION: [
            (o, evidence.observation_label(o)) for o in evidence.site_observations(engagement)
        ],
    }


@login_required
@require_http_methods(["GET", "POST"])
def finding_sources(request: HttpRequest, engagement_id: UUID, finding_id: UUID) -> HttpResponse:
    engagement, finding = selectors.get_finding_for_user(
        request.user, engagement_id, finding_id, Capability.EDIT_FINDINGS
    )
    references = _references(engagement)
    posted = request.POST.get("kind") if request.method == "POST" else None
    if posted is not None and posted not in SourceKind.values:
        raise Http404
    forms = {
        kind: SourceForm(request.POST if kind == posted else None, references=references[kind], prefix=kind)
        for kind in SourceKind.values
    }
    if posted is not None and forms[posted].is_valid():
        form = forms[posted]
        try:
            source_add(
                actor=request.user,
                finding=finding,
                kind=posted,
                stance=form.cleaned_data["stance"],
                note=form.cleaned_data["note"],
                reference=form.reference_object() if references[posted] is not None else None,
            )
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Source linked."))
            return redirect("findings:sources", engagement.pk, finding.pk)
    return phase_page(
        request,
        "findings/sources.html",
        engagement,
        _("Sources of %(finding)s") % {"finding": f"F{finding.number}"},
        finding=finding,
        sources=[(s, evidence.source_label(s)) for s in evidence.team_sources(finding)],
        worker_figures=evidence.worker_figures(engagement, finding),
        kinds=[(SourceKind(kind), forms[kind], references[kind]) for kind in SourceKind.values],
    )


@login_required
@require_POST
def source_delete(request: HttpRequest, engagement_id: UUID, finding_id: UUID, source_id: UUID) -> HttpResponse:
    engagement, finding = selectors.get_finding_for_user(
        request.user, engagement_id, finding_id, Capability.EDIT_FINDINGS
    )
    source = FindingSource.objects.filter(finding=finding, pk=source_id).first()
    if source is None:
        raise Http404
    source.finding = finding
    source_remove(actor=request.user, source=source)
    messages.success(request, _("Source removed."))
    return redirect("findings:sources", engagement.pk, finding.pk)
