"""Organisation administration: members, invitations and new engagements."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from engagements.forms import EngagementForm
from engagements.services.engagements import engagement_create
from engagements.services.participants import invitation_create
from engagements.views.helpers import show_validation_error
from tenancy.access import get_organisation_for_user
from tenancy.forms import MembershipRoleForm, OrgInviteForm
from tenancy.models import Membership
from tenancy.roles import OrgCapability
from tenancy.services import membership_remove, membership_set


@login_required
@require_http_methods(["GET", "POST"])
def organisation(request: HttpRequest, organisation_id: UUID) -> HttpResponse:
    org = get_organisation_for_user(request.user, organisation_id, OrgCapability.MANAGE_MEMBERS)
    form = OrgInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_create(
                actor=request.user,
                organisation=org,
                email=form.cleaned_data["email"],
                org_role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("tenancy:organisation", org.pk)
    return render(
        request,
        "tenancy/organisation.html",
        {
            "organisation": org,
            "form": form,
            "memberships": list(org.memberships.select_related("user")),
            "engagements": list(org.engagements.order_by("-created_at")[:50]),
            "invitations": list(
                org.invitations.filter(engagement__isnull=True, accepted_at__isnull=True, revoked_at__isnull=True)
            ),
            "role_form": MembershipRoleForm(),
        },
    )


def _membership_or_404(org: object, membership_id: UUID) -> Membership:
    membership = (
        Membership.objects.select_related("user", "organisation").filter(organisation=org, pk=membership_id).first()
    )
    if membership is None:
        raise Http404
    return membership


@login_required
@require_POST
def membership_role(request: HttpRequest, organisation_id: UUID, membership_id: UUID) -> HttpResponse:
    org = get_organisation_for_user(request.user, organisation_id, OrgCapability.MANAGE_MEMBERS)
    membership = _membership_or_404(org, membership_id)
    form = MembershipRoleForm(request.POST)
    if form.is_valid():
        try:
            membership_set(actor=request.user, organisation=org, user=membership.user, role=form.cleaned_data["role"])
            messages.success(request, _("Role changed."))
        except ValidationError as error:
            show_validation_error(request, error)
    else:
        messages.error(request, _("Choose a valid role."))
    return redirect("tenancy:organisation", org.pk)


@login_required
@require_POST
def membership_delete(request: HttpRequest, organisation_id: UUID, membership_id: UUID) -> HttpResponse:
    org = get_organisation_for_user(request.user, organisation_id, OrgCapability.MANAGE_MEMBERS)
    membership = _membership_or_404(org, membership_id)
    try:
        membership_remove(actor=request.user, membership=membership)
        messages.success(request, _("%(person)s was removed from the organisation.") % {"person": membership.user})
    except ValidationError as error:
        show_validation_error(request, error)
    return redirect("tenancy:organisation", org.pk)


@login_required
@require_http_methods(["GET", "POST"])
def engagement_new(request: HttpRequest, organisation_id: UUID) -> HttpResponse:
    org = get_organisation_for_user(request.user, organisation_id, OrgCapability.MANAGE_ENGAGEMENTS)
    form = EngagementForm(request.POST or None)
    del form.fields["status"]
    if request.method == "POST" and form.is_valid():
        try:
            engagement = engagement_create(actor=request.user, organisation=org, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Engagement created. Invite its lead assessor next."))
            return redirect("engagements:participants", engagement.pk)
    return render(request, "tenancy/engagement_new.html", {"organisation": org, "form": form})
