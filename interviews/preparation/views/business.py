"""What the assessed business provides, in its own login: the survey and requested documents (phase 3, step 4)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engagements.models import Engagement
from interviews.preparation.access import documents_visible_to, get_document_for_user
from interviews.preparation.forms import DocumentRequestForm, DocumentUploadForm, SurveyForm
from interviews.preparation.models import DocumentRequest, PreAssessmentSurvey
from interviews.preparation.services import business
from interviews.preparation.survey import breakdown_rows
from interviews.preparation.views.common import done, page, submitted
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability


@login_required
@require_GET
def survey(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    """The business's answers, read by the assessment team."""
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_SURVEY)
    answers = PreAssessmentSurvey.objects.filter(engagement=engagement).select_related("updated_by").first()
    return page(
        request,
        "preparation/survey.html",
        engagement,
        _("Pre-assessment survey"),
        survey=answers,
        form=SurveyForm(instance=answers or PreAssessmentSurvey()),
        breakdown=breakdown_rows(answers.workforce_breakdown if answers else {}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    """The business fills the survey in; it may save a draft and come back, or submit it."""
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.ANSWER_SURVEY)
    current = PreAssessmentSurvey.objects.filter(engagement=engagement).first() or PreAssessmentSurvey()
    form = SurveyForm(request.POST or None, instance=current)
    submit = request.POST.get("action") == "submit"

    def save() -> None:
        business.survey_save(
            actor=request.user, engagement=engagement, answers=form.answers(), breakdown=form.breakdown(), submit=submit
        )

    message = _("Survey submitted to the assessment team. Thank you.") if submit else _("Survey saved.")
    if submitted(request, form, save, message):
        return redirect("preparation:survey_answer", engagement.pk)
    return page(
        request, "preparation/survey_answer.html", engagement, _("Pre-assessment survey"), form=form, survey=current
    )


def _documents_page(request: HttpRequest, engagement: Engagement, upload_form: DocumentUploadForm) -> HttpResponse:
    requests = list(DocumentRequest.objects.filter(engagement=engagement))
    documents = list(documents_visible_to(request.user, engagement).select_related("uploaded_by", "request"))
    by_request: dict[object, list] = {}
    for document in documents:
        by_request.setdefault(document.request_id, []).append(document)
    return page(
        request,
        "preparation/documents.html",
        engagement,
        _("Requested documents"),
        rows=[(item, by_request.get(item.pk, [])) for item in requests],
        other_documents=by_request.get(None, []),
        upload_form=upload_form,
        request_form=DocumentRequestForm() if Capability.EDIT_PREPARATION in engagement.capabilities else None,
        reviewer=Capability.REVIEW_DOCUMENTS in engagement.capabilities,
    )


@login_required
@require_GET
def documents(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.UPLOAD_DOCUMENTS)
    form = DocumentUploadForm(engagement=engagement, initial={"request": request.GET.get("request")})
    return _documents_page(request, engagement, form)


@login_required
@require_POST
def document_upload(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.UPLOAD_DOCUMENTS)
    form = DocumentUploadForm(request.POST, request.FILES, engagement=engagement)

    def save() -> None:
        business.document_upload(
            actor=request.user,
            engagement=engagement,
            upload=form.cleaned_data["document"],
            request=form.cleaned_data["request"],
            note=form.cleaned_data["note"],
        )

    if submitted(request, form, save, _("Document uploaded.")):
        return redirect("preparation:documents", engagement.pk)
    return _documents_page(request, engagement, form)


@login_required
@require_GET
def document_download(request: HttpRequest, engagement_id: UUID, document_id: UUID) -> HttpResponse:
    _engagement, document = get_document_for_user(request.user, engagement_id, document_id)
    return business.file_download(actor=request.user, obj=document)


@login_required
@require_POST
def document_delete(request: HttpRequest, engagement_id: UUID, document_id: UUID) -> HttpResponse:
    _engagement, document = get_document_for_user(request.user, engagement_id, document_id)
    if document.uploaded_by_id != request.user.pk:
        raise PermissionDenied
    business.document_delete(actor=request.user, document=document)
    return done(request, _("Document removed."), reverse("preparation:documents", args=[engagement_id]))


@login_required
@require_POST
def document_request_add(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_PREPARATION)
    form = DocumentRequestForm(request.POST)

    def save() -> None:
        business.document_request_add(actor=request.user, engagement=engagement, **form.cleaned_data)

    if not submitted(request, form, save, _("Added to the request list.")):
        messages.error(request, _("Give the request a category and a title."))
    return redirect("preparation:documents", engagement.pk)


@login_required
@require_POST
def document_requests_standard(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_PREPARATION)
    count = business.document_requests_add_standard(actor=request.user, engagement=engagement)
    return done(
        request,
        _("%(n)s requests from the guide's list added.") % {"n": count},
        reverse("preparation:documents", args=[engagement.pk]),
    )


@login_required
@require_POST
def document_request_delete(request: HttpRequest, engagement_id: UUID, request_id: UUID) -> HttpResponse:
    _engagement, item = get_in_engagement_for_user(
        request.user, DocumentRequest.objects.all(), engagement_id, request_id, Capability.EDIT_PREPARATION
    )
    business.document_request_delete(actor=request.user, request=item)
    return done(request, _("Request removed."), reverse("preparation:documents", args=[engagement_id]))
