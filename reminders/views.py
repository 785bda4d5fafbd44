"""Pages of reminders: the engagement's rule table, and one's own notifications."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engagements.views.helpers import show_validation_error
from reminders import selectors, services
from reminders.forms import RuleAddForm, RuleTableForm
from reminders.rules import CATCH_UP_DAYS
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability

PHASE = 7


def _rules_page(request: HttpRequest, engagement: Any, table: RuleTableForm, add: RuleAddForm) -> HttpResponse:
    context = {"engagement": engagement, "phase_number": PHASE, "page_title": _("Reminders"), "table": table}
    can_manage = Capability.MANAGE_REMINDERS in engagement.capabilities
    context |= {"add_form": add, "catch_up_days": CATCH_UP_DAYS, "can_manage": can_manage}
    return render(request, "reminders/rules.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def rules(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    needed = Capability.MANAGE_REMINDERS if request.method == "POST" else Capability.VIEW_MONITORING
    engagement = get_engagement_for_user(request.user, engagement_id, needed)
    table = RuleTableForm(list(selectors.rules_of(engagement)), request.POST or None)
    if request.method == "POST" and table.is_valid():
        try:
            n = services.reminder_rules_update(actor=request.user, engagement=engagement, rows=table.changes)
        except ValidationError as error:
            show_validation_error(request, error)
        else:
            messages.success(request, _("Reminder rules saved.") if n else _("Nothing changed."))
            return redirect("reminders:rules", engagement.pk)
    return _rules_page(request, engagement, table, RuleAddForm())


@login_required
@require_POST
def rule_add(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.MANAGE_REMINDERS)
    form = RuleAddForm(request.POST)
    if form.is_valid():
        try:
            services.reminder_rule_add(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Reminder rule added."))
            return redirect("reminders:rules", engagement.pk)
    return _rules_page(request, engagement, RuleTableForm(list(selectors.rules_of(engagement))), form)


@login_required
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(request.user), 30).get_page(request.GET.get("page"))
    unread = selectors.unread_count(request.user)
    return render(request, "reminders/notifications.html", {"page": page, "unread": unread})


@login_required
@require_POST
def notification_open(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    """Mark read and go to the item (a POST: reading changes state)."""
    notification = selectors.get_notification_for_user(request.user, notification_id)
    services.notification_mark_read(actor=request.user, notification=notification)
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}, require_https=False)
    return redirect(notification.url if safe and notification.url.startswith("/") else "reminders:notifications")


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    notification = selectors.get_notification_for_user(request.user, notification_id)
    services.notification_mark_read(actor=request.user, notification=notification)
    return redirect("reminders:notifications")


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    n = services.notifications_mark_all_read(actor=request.user)
    messages.success(request, _("%(n)d notifications marked read.") % {"n": n} if n else _("Nothing unread."))
    return redirect("reminders:notifications")
