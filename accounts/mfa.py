"""Two-factor sign-in (TOTP, django-otp) for everyone who can read interview data.

After the password, a person who holds a role that reaches interview data (lead assessor,
assessor, interviewer: ``tenancy.access.reads_interview_data``) must also give a six-digit
code from an authenticator app before anything else opens. Anyone else may enrol too;
once enrolled, they are asked for a code at every sign-in like everyone else.

* ``MFARequiredMiddleware`` sends an authenticated but unverified session that needs a code
  to the verify page (or, without a confirmed device yet, to the setup page), keeping
  ``next``; htmx requests get an ``HX-Redirect``, API calls a 403.
* ``mfa_setup`` shows a new device's QR code and secret and confirms it with a first code.
* ``mfa_verify`` checks a code against the user's confirmed device.

Wrong codes back off exponentially (django-otp's ThrottlingMixin, ``OTP_TOTP_THROTTLE_FACTOR``);
every enrolment and every refused code leaves an audit entry, never with the code or secret.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.log import record
from tenancy.access import reads_interview_data

# What an unverified session may still reach: the MFA pages, signing in and out, password
# reset, invitations, and the health check. Static files are let through by path.
EXEMPT_URL_NAMES = frozenset(
    {
        "accounts:mfa_setup",
        "accounts:mfa_verify",
        "accounts:login",
        "accounts:logout",
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_confirm",
        "accounts:password_reset_complete",
        "accounts:invitation",
        "healthz",
    }
)

DEVICE_NAME = "Authenticator app"


def mfa_required(user: Any) -> bool:
    """Whether the user must give a second factor: anyone who can read decrypted interview data."""
    return reads_interview_data(user)


# --- Middleware -------------------------------------------------------------


def _is_exempt(request: HttpRequest) -> tuple[bool, bool]:
    """(exempt, is_api) for this request."""
    if settings.STATIC_URL and request.path_info.startswith(settings.STATIC_URL):
        return True, False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False, False
    return match.view_name in EXEMPT_URL_NAMES, "api" in match.namespaces


def _with_next(url: str, next_path: str | None) -> str:
    return f"{url}?{urlencode({'next': next_path})}" if next_path else url


class MFARequiredMiddleware:
    """Holds an unverified session that needs a second factor at the MFA pages.

    Goes right after django-otp's ``OTPMiddleware``, which sets ``request.user.is_verified()``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified():
            exempt, is_api = _is_exempt(request)
            if not exempt:
                enrolled = user_has_device(user, confirmed=True)
                if enrolled or mfa_required(user):
                    return self._hold(request, enrolled=enrolled, is_api=is_api)
        return self.get_response(request)

    @staticmethod
    def _hold(request: HttpRequest, *, enrolled: bool, is_api: bool) -> HttpResponse:
        if is_api:
            return JsonResponse(
                {"detail": _("Two-factor verification required: sign in on the website first.")}, status=403
            )
        target = reverse("accounts:mfa_verify" if enrolled else "accounts:mfa_setup")
        htmx = getattr(request, "htmx", None)
        if htmx:
            # The page the user is on, not the fragment it asked for.
            return HttpResponseClientRedirect(_with_next(target, htmx.current_url_abs_path))
        next_path = request.get_full_path() if request.method in ("GET", "HEAD") else None
        return redirect(_with_next(target, next_path))


# --- Form and code checking -------------------------------------------------


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Six-digit code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "maxlength": 12,
            }
        ),
    )

    def clean_code(self) -> str:
        code = re.sub(r"\s+", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("Enter the six digits your authenticator app shows."))
        return code


def _check_code(request: HttpRequest, device_pk: int, code: str, stage: str) -> tuple[TOTPDevice | None, str]:
    """(the device, "") if the code is right; otherwise (None, why) after auditing the refusal.

    The device row is locked while checking, so throttling holds under concurrent attempts.
    """
    user = request.user
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device_pk, user=user)
        allowed, info = device.verify_is_allowed()
        if allowed and device.verify_token(code):
            return device, ""
    if allowed:
        reason = "wrong_code"
        message = _("That code is not right. Check the time on your phone and enter the code now shown.")
    else:
        reason = "throttled"
        locked_until = (info or {}).get("locked_until") or timezone.now()
        seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
        message = ngettext(
            "Too many wrong codes. Wait %(seconds)d second, then try again.",
            "Too many wrong codes. Wait %(seconds)d seconds, then try again.",
            seconds,
        ) % {"seconds": seconds}
    record(actor=user, verb="mfa.failed", target=user, detail={"stage": stage, "reason": reason})
    return None, message


def _refuse(form: CodeForm, error: str) -> None:
    """Shows why the code was refused, without echoing the code into the page."""
    form.data = form.data.copy()
    form.data["code"] = ""
    form.add_error("code", error)


def _raw_next(request: HttpRequest) -> str:
    return request.POST.get("next") or request.GET.get("next") or ""


def _next_url(request: HttpRequest) -> str:
    """Where to go once verified: the ``next`` the user came with, if it is on this site."""
    candidate = _raw_next(request)
    mfa_paths = (reverse("accounts:mfa_setup"), reverse("accounts:mfa_verify"))
    if (
        candidate
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        and not candidate.startswith(mfa_paths)
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _mark_verified(request: HttpRequest, device: TOTPDevice) -> None:
    # A new session key on the step up, as at sign-in.
    request.session.cycle_key()
    otp_login(request, device)


def _qr_data_uri(text: str) -> str:
    """The text as a QR code: an SVG (no style attribute, so the CSP allows it) in a data: URI."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10, border=4)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


# --- Views --------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def mfa_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    next_url = _next_url(request)
    if user_has_device(user, confirmed=True):
        if not user.is_verified():
            # Enrolling a second device must never be a way round the code.
            return redirect(_with_next(reverse("accounts:mfa_verify"), _raw_next(request)))
        return render(request, "accounts/mfa_setup.html", {"enrolled": True, "next": next_url})

    # One unconfirmed device, made on the first visit, so the QR code stays the same on reload.
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)

    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed, error = _check_code(request, device.pk, form.cleaned_data["code"], stage="setup")
        if confirmed is not None:
            confirmed.confirmed = True
            confirmed.save(update_fields=["confirmed"])
            _mark_verified(request, confirmed)
            record(actor=user, verb="mfa.enrolled", target=user, detail={"device": "totp"})
            messages.success(request, _("Two-factor sign-in is set up. You will be asked for a code at each sign-in."))
            return redirect(next_url)
        _refuse(form, error)
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    context = {
        "enrolled": False,
        "form": form,
        "next": next_url,
        "qr_code": _qr_data_uri(device.config_url),
        "secret": _grouped(secret),
        "required": mfa_required(user),
    }
    return render(request, "accounts/mfa_setup.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    next_url = _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        return redirect(_with_next(reverse("accounts:mfa_setup"), _raw_next(request)))

    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verified, error = _check_code(request, device.pk, form.cleaned_data["code"], stage="verify")
        if verified is not None:
            _mark_verified(request, verified)
            return redirect(next_url)
        _refuse(form, error)
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": next_url})
