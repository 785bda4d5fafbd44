"""The document review (phase 4 step 3): the request list with each document's review, and one review."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from engagements.views.helpers import show_validation_error
from interviews.preparation.models import DocumentRequest
from interviews.sitevisits import selectors
from interviews.sitevisits.forms import DocumentReviewForm
from interviews.sitevisits.models import DocumentReview
from interviews.sitevisits.services.reviews import document_review_save
from interviews.sitevisits.views.common import phase_page
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability

TITLE = gettext_lazy("Document review")


@login_required
@require_GET
def documents(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.REVIEW_DOCUMENTS)
    return phase_page(
        request,
        "sitevisits/documents.html",
        engagement,
        TITLE,
        rows=selectors.review_rows(engagement),
        limitations=selectors.limitations(engagement),
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_review(request: HttpRequest, engagement_id: UUID, request_id: UUID) -> HttpResponse:
    engagement, wanted = get_in_engagement_for_user(
        request.user,
        DocumentRequest.objects.select_related("review"),
        engagement_id,
        request_id,
        Capability.REVIEW_DOCUMENTS,
    )
    review = selectors.review_of(wanted) or DocumentReview(engagement=engagement, request=wanted)
    form = DocumentReviewForm(request.POST or None, instance=review)
    if request.method == "POST" and form.is_valid():
        try:
            document_review_save(actor=request.user, request=wanted, **form.service_arguments())
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Review saved."))
            return redirect(reverse("sitevisits:documents", args=[engagement.pk]) + f"#request-{wanted.pk}")
    return phase_page(
        request,
        "sitevisits/review.html",
        engagement,
        _("Review: %(document)s") % {"document": wanted.title},
        wanted=wanted,
        documents=wanted.documents.order_by("created_at"),
        form=form,
    )
