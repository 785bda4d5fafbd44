"""The discussion of a released finding: comments in threads, and the business's position."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagements.views.helpers import show_validation_error
from findings import selectors
from findings.forms import CommentForm, PositionForm
from findings.models import FindingComment
from findings.services.discussion import comment_add, position_set
from findings.views.common import finding_page
from tenancy.roles import Capability


def _url(engagement_id: UUID, finding_id: UUID) -> str:
    return reverse("findings:detail", args=[engagement_id, finding_id])


@login_required
@require_POST
def finding_comment(request: HttpRequest, engagement_id: UUID, finding_id: UUID) -> HttpResponse:
    engagement, finding = selectors.get_finding_for_user(
        request.user, engagement_id, finding_id, Capability.COMMENT_ON_FINDINGS
    )
    form = CommentForm(request.POST)
    if form.is_valid():
        parent_id = form.cleaned_data["parent"]
        parent = FindingComment.objects.filter(finding=finding, pk=parent_id).first() if parent_id else None
        try:
            if parent_id and parent is None:
                raise ValidationError(_("The comment you reply to is not in this finding's discussion."))
            comment = comment_add(
                actor=request.user,
                finding=finding,
                body=form.cleaned_data["body"],
                parent=parent,
                private=form.cleaned_data["private"],
            )
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Comment added."))
            return redirect(f"{_url(engagement.pk, finding.pk)}#comment-{comment.pk}")
    return finding_page(request, engagement, finding, comment_form=form, reply_to=request.POST.get("parent"))


@login_required
@require_POST
def finding_position(request: HttpRequest, engagement_id: UUID, finding_id: UUID) -> HttpResponse:
    engagement, finding = selectors.get_finding_for_user(
        request.user, engagement_id, finding_id, Capability.RESPOND_FOR_BUSINESS
    )
    if not selectors.speaks_for_business(engagement.capabilities):
        raise PermissionDenied
    form = PositionForm(request.POST)
    if form.is_valid():
        try:
            position_set(actor=request.user, finding=finding, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("The business's position is recorded."))
            return redirect(f"{_url(engagement.pk, finding.pk)}#position")
    return finding_page(request, engagement, finding, position_form=form)
