"""Pages of the preliminary findings meeting (phase 4 step 6): each party sees its own session only."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from engagements.views.helpers import show_validation_error
from findings import selectors
from findings.forms import AttendeeFormSet, CriticalFindingFormSet, NextStepFormSet, SessionForm
from findings.services.meetings import meeting_session_record
from mapping_platform.forms import row_lists, rows_of

PHASE = 4
LISTS = (("attendees", AttendeeFormSet), ("critical_findings", CriticalFindingFormSet), ("next_steps", NextStepFormSet))


def _page(request: HttpRequest, template: str, engagement: Any, title: str, **context: Any) -> HttpResponse:
    return render(request, template, {"engagement": engagement, "phase_number": PHASE, "page_title": title, **context})


@login_required
@require_GET
def meeting(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = selectors.get_meeting_engagement_for_user(request.user, engagement_id)
    recorded = {s.kind: s for s in selectors.sessions_for(engagement)}
    return _page(
        request,
        "findings/meeting.html",
        engagement,
        _("Preliminary findings meeting"),
        sessions=[(kind, recorded.get(kind)) for kind in selectors.visible_session_kinds(engagement)],
    )


@login_required
@require_GET
def session(request: HttpRequest, engagement_id: UUID, kind: str) -> HttpResponse:
    engagement, kind, found = selectors.get_session_for_user(request.user, engagement_id, kind)
    return _page(request, "findings/session.html", engagement, kind.label, kind=kind, session=found)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, engagement_id: UUID, kind: str) -> HttpResponse:
    engagement, kind, found = selectors.get_session_for_user(request.user, engagement_id, kind, record=True)
    data = request.POST or None
    form = SessionForm(data, instance=found)
    lists = row_lists(LISTS, data, found)
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in lists.values()):
        try:
            meeting_session_record(
                actor=request.user,
                engagement=engagement,
                kind=kind,
                **form.cleaned_data,
                **{name: rows_of(formset) for name, formset in lists.items()},
            )
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("%(session)s saved.") % {"session": kind.label})
            return redirect("findings:session", engagement.pk, kind.value)
    title = _("Record: %(session)s") % {"session": kind.label}
    return _page(request, "findings/session_form.html", engagement, title, kind=kind, form=form, **lists)
