"""Sign-in, sign-out, password reset (Django's views) and invitation acceptance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import AcceptInvitationForm, LoginForm
from accounts.models import User
from accounts.services import user_register_invited
from engagements.services.participants import invitation_accept, invitation_from_token, invitation_problem


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


def _landing(invitation: object) -> str:
    if invitation.engagement_id:
        return reverse("engagements:detail", args=[invitation.engagement_id])
    return reverse("tenancy:organisation", args=[invitation.organisation_id])


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_from_token(token)
    problem = invitation_problem(invitation)
    if problem:
        return render(
            request, "accounts/invitation_problem.html", {"problem": problem}, status=404 if invitation is None else 410
        )
    has_account = User.objects.filter(email=invitation.email).exists()
    form = None
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                invitation_accept(invitation=invitation, user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request, _("Welcome. You now have access as %(role)s.") % {"role": invitation.role_label}
                )
                return redirect(_landing(invitation))
    elif not has_account:
        form = AcceptInvitationForm(request.POST or None, email=invitation.email)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                user = user_register_invited(
                    email=invitation.email,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                )
                invitation_accept(invitation=invitation, user=user)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome. You now have access as %(role)s.") % {"role": invitation.role_label})
            return redirect(_landing(invitation))
    context = {
        "invitation": invitation,
        "form": form,
        "has_account": has_account,
        "email_matches": request.user.is_authenticated and request.user.email == invitation.email,
    }
    return render(request, "accounts/invitation.html", context)


class LogoutView(auth_views.LogoutView):
    """Signing out also tells the browser to drop this site's storage: a tablet's field outbox, its key,
    the offline app's caches and service worker (the page's script wipes them first, after warning
    about unsent interviews; this header covers a sign-out from anywhere)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"storage"'
        return response
