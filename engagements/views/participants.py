"""The engagement's people: participants, their roles, and invitations."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from engagements.forms import InviteParticipantForm, ParticipantRoleForm
from engagements.models import Invitation, Participant
from engagements.services.participants import (
    invitation_create,
    invitation_revoke,
    participant_remove,
    participant_set,
)
from engagements.views.helpers import show_validation_error
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability


@login_required
@require_http_methods(["GET", "POST"])
def participants(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.MANAGE_PARTICIPANTS)
    form = InviteParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_create(
                actor=request.user,
                organisation=engagement.organisation,
                engagement=engagement,
                email=form.cleaned_data["email"],
                engagement_role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("engagements:participants", engagement.pk)
    return render(
        request,
        "engagements/participants.html",
        {
            "engagement": engagement,
            "form": form,
            "participants": list(engagement.participants.select_related("user")),
            "invitations": list(engagement.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)),
            "role_form": ParticipantRoleForm(),
        },
    )


@login_required
@require_POST
def participant_role(request: HttpRequest, engagement_id: UUID, participant_id: UUID) -> HttpResponse:
    engagement, participant = get_in_engagement_for_user(
        request.user,
        Participant.objects.select_related("user"),
        engagement_id,
        participant_id,
        Capability.MANAGE_PARTICIPANTS,
    )
    form = ParticipantRoleForm(request.POST)
    if form.is_valid():
        try:
            participant_set(
                actor=request.user, engagement=engagement, user=participant.user, role=form.cleaned_data["role"]
            )
            messages.success(request, _("Role changed."))
        except ValidationError as error:
            show_validation_error(request, error)
    else:
        messages.error(request, _("Choose a valid role."))
    return redirect("engagements:participants", engagement.pk)


@login_required
@require_POST
def participant_delete(request: HttpRequest, engagement_id: UUID, participant_id: UUID) -> HttpResponse:
    engagement, participant = get_in_engagement_for_user(
        request.user,
        Participant.objects.select_related("user", "engagement__organisation"),
        engagement_id,
        participant_id,
        Capability.MANAGE_PARTICIPANTS,
    )
    participant_remove(actor=request.user, participant=participant)
    messages.success(request, _("%(person)s no longer takes part.") % {"person": participant.user})
    return redirect("engagements:participants", engagement.pk)


@login_required
@require_POST
def invitation_delete(request: HttpRequest, engagement_id: UUID, invitation_id: UUID) -> HttpResponse:
    engagement, invitation = get_in_engagement_for_user(
        request.user,
        Invitation.objects.select_related("organisation", "engagement"),
        engagement_id,
        invitation_id,
        Capability.MANAGE_PARTICIPANTS,
    )
    invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(request, _("Invitation withdrawn."))
    return redirect("engagements:participants", engagement.pk)
