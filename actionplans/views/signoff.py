"""Sign-off of the action plan: which signatures hold for the current version, and signing it."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from actionplans import selectors
from actionplans.forms import SignForm
from actionplans.services.signoff import plan_sign
from actionplans.views.common import phase_page
from engagements.views.helpers import show_validation_error
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability

TITLE = gettext_lazy("Sign-off of the action plan")


@login_required
@require_http_methods(["GET", "POST"])
def signoff(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_ACTION_PLAN)
    plan = selectors.plan_of(engagement)
    my_group = selectors.signatory_group_of(engagement.capabilities)
    form = SignForm(request.POST or None)
    if request.method == "POST":
        if my_group is None:
            raise PermissionDenied
        if plan is None:
            raise Http404
        if form.is_valid():
            try:
                plan_sign(
                    actor=request.user, plan=plan, **{k: form.cleaned_data[k] for k in ("fingerprint", "signer_role")}
                )
            except ValidationError as error:
                show_validation_error(request, error, form)
            else:
                messages.success(request, _("You signed this version of the plan."))
                return redirect("actionplans:signoff", engagement.pk)
    state = selectors.sign_off(plan)
    return phase_page(
        request,
        "actionplans/signoff.html",
        engagement,
        TITLE,
        plan=plan,
        state=state,
        my_group=my_group,
        actions=list(selectors.actions_of(plan)),
        form=form,
    )
