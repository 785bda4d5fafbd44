"""The introductory meeting and the commitment letter or MoU (phase 3, step 3)."""

from __future__ import annotations

import copy
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from interviews.preparation.forms import CommitmentForm, MeetingForm
from interviews.preparation.models import Commitment, IntroductoryMeeting
from interviews.preparation.services import business, meetings
from interviews.preparation.views.common import done, form_page, page
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability


def _meetings_url(engagement_id: UUID) -> str:
    return reverse("preparation:meetings", args=[engagement_id])


@login_required
@require_GET
def meeting_list(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_PREPARATION)
    return page(
        request,
        "preparation/meetings.html",
        engagement,
        _("Introductory meeting and commitment"),
        meetings=list(IntroductoryMeeting.objects.filter(engagement=engagement)),
        commitments=list(Commitment.objects.filter(engagement=engagement)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_add(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_PREPARATION)
    form = MeetingForm(request.POST or None)
    return form_page(
        request,
        engagement,
        title=_("Record an introductory meeting"),
        form=form,
        save=lambda: meetings.meeting_create(actor=request.user, engagement=engagement, **form.cleaned_data),
        success=_("Meeting recorded."),
        next_url=_meetings_url(engagement.pk),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, engagement_id: UUID, meeting_id: UUID) -> HttpResponse:
    engagement, meeting = get_in_engagement_for_user(
        request.user, IntroductoryMeeting.objects.all(), engagement_id, meeting_id, Capability.EDIT_PREPARATION
    )
    form = MeetingForm(request.POST or None, instance=copy.copy(meeting))
    return form_page(
        request,
        engagement,
        title=_("Edit the meeting record"),
        form=form,
        save=lambda: meetings.meeting_update(actor=request.user, meeting=meeting, **form.cleaned_data),
        success=_("Meeting saved."),
        next_url=_meetings_url(engagement.pk),
    )


@login_required
@require_POST
def meeting_delete(request: HttpRequest, engagement_id: UUID, meeting_id: UUID) -> HttpResponse:
    _engagement, meeting = get_in_engagement_for_user(
        request.user, IntroductoryMeeting.objects.all(), engagement_id, meeting_id, Capability.EDIT_PREPARATION
    )
    meetings.meeting_delete(actor=request.user, meeting=meeting)
    return done(request, _("Meeting record removed."), _meetings_url(engagement_id))


@login_required
@require_http_methods(["GET", "POST"])
def commitment_add(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_PREPARATION)
    form = CommitmentForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        engagement,
        title=_("Add the commitment letter or MoU"),
        form=form,
        save=lambda: meetings.commitment_add(
            actor=request.user,
            engagement=engagement,
            kind=form.cleaned_data["kind"],
            parties=form.cleaned_data["parties"],
            signed_on=form.cleaned_data["signed_on"],
            upload=form.cleaned_data["document"],
        ),
        success=_("Commitment added."),
        next_url=_meetings_url(engagement.pk),
    )


@login_required
@require_GET
def commitment_document(request: HttpRequest, engagement_id: UUID, commitment_id: UUID) -> HttpResponse:
    _engagement, commitment = get_in_engagement_for_user(
        request.user, Commitment.objects.all(), engagement_id, commitment_id, Capability.VIEW_PREPARATION
    )
    return business.file_download(actor=request.user, obj=commitment)


@login_required
@require_POST
def commitment_delete(request: HttpRequest, engagement_id: UUID, commitment_id: UUID) -> HttpResponse:
    _engagement, commitment = get_in_engagement_for_user(
        request.user, Commitment.objects.all(), engagement_id, commitment_id, Capability.EDIT_PREPARATION
    )
    meetings.commitment_delete(actor=request.user, commitment=commitment)
    return done(request, _("Commitment removed."), _meetings_url(engagement_id))
