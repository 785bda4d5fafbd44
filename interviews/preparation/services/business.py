"""What the assessed business provides: the pre-assessment survey and requested documents (phase 3, step 4)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.log import record
from engagements.models import Engagement
from interviews.preparation import uploads
from interviews.preparation.models import (
    DocumentCategory,
    DocumentRequest,
    PreAssessmentSurvey,
    RequestedDocument,
    StoredFile,
)
from interviews.preparation.services.common import apply_changes, delete_audited, save_audited
from interviews.preparation.survey import breakdown_keys

SURVEY_FIELDS = (
    "operations",
    "products",
    "seasonality",
    "working_patterns",
    "wages",
    "subcontractors_recruiters",
    "accommodation",
    "workforce_total",
)

# The guide's document request list (phase 3, step 4): ask for key documents first.
STANDARD_REQUESTS: tuple[tuple[DocumentCategory, Any], ...] = (
    (
        DocumentCategory.STRUCTURE,
        gettext_lazy("Organisation chart and business structure, including sites and subsidiaries"),
    ),
    (DocumentCategory.HUMAN_RIGHTS, gettext_lazy("Human rights policy")),
    (
        DocumentCategory.ETHICAL_RECRUITMENT,
        gettext_lazy("Ethical or responsible recruitment policy (including the employer pays)"),
    ),
    (DocumentCategory.GENDER_DIVERSITY, gettext_lazy("Gender equality, diversity and anti-harassment policies")),
    (
        DocumentCategory.WORKER_PROTECTION,
        gettext_lazy("Other worker-protection policies (e.g. passports, freedom of movement)"),
    ),
    (DocumentCategory.RECRUITER_AGREEMENTS, gettext_lazy("Service agreements with labour recruiters and subagents")),
    (
        DocumentCategory.SERVICE_AGREEMENTS,
        gettext_lazy("Agreements with service providers (medical, training, security)"),
    ),
    (
        DocumentCategory.FEE_DISCLOSURE,
        gettext_lazy("Disclosure of recruitment fees and related costs paid, and by whom"),
    ),
    (
        DocumentCategory.ACCOMMODATION,
        gettext_lazy("Policies on managing migrant workers' accommodation, health and safety"),
    ),
    (
        DocumentCategory.OUTSOURCED_CONTRACTS,
        gettext_lazy("Contracts with outsourced accommodation or transport providers"),
    ),
    (DocumentCategory.GRIEVANCE, gettext_lazy("Grievance mechanism policy and procedure")),
)


@transaction.atomic
def survey_save(
    *, actor: Any, engagement: Engagement, answers: dict[str, Any], breakdown: dict[str, str], submit: bool = False
) -> PreAssessmentSurvey:
    """Save the business's answers; ``submit`` marks the survey as complete for the assessment team."""
    survey, created = PreAssessmentSurvey.objects.select_for_update().get_or_create(engagement=engagement)
    changed = apply_changes(survey, answers, SURVEY_FIELDS)
    keys = breakdown_keys()
    cleaned = {key: str(breakdown.get(key, "")).strip() for key in keys if str(breakdown.get(key, "")).strip()}
    if cleaned != survey.workforce_breakdown:
        survey.workforce_breakdown = cleaned
        changed.append("workforce_breakdown")
    survey.updated_by = actor
    if submit:
        survey.submitted_at = timezone.now()
    survey.full_clean()
    survey.save()
    record(
        actor=actor,
        verb="survey.submitted" if submit else "survey.saved",
        target=survey,
        engagement=engagement,
        detail={"fields": sorted(changed), "created": created},
    )
    return survey


@transaction.atomic
def document_request_add(
    *, actor: Any, engagement: Engagement, category: str, title: str, note: str = ""
) -> DocumentRequest:
    request = DocumentRequest(engagement=engagement, category=category, title=title.strip(), note=note)
    return save_audited(actor=actor, obj=request, verb="document_request.added")


@transaction.atomic
def document_requests_add_standard(*, actor: Any, engagement: Engagement) -> int:
    """Add the guide's standard request list; categories already on the list are left alone."""
    present = set(DocumentRequest.objects.filter(engagement=engagement).values_list("category", flat=True))
    added = DocumentRequest.objects.bulk_create(
        DocumentRequest(engagement=engagement, category=category, title=str(title))
        for category, title in STANDARD_REQUESTS
        if category not in present
    )
    if added:
        record(
            actor=actor,
            verb="document_request.standard_added",
            engagement=engagement,
            detail={"count": len(added)},
        )
    return len(added)


@transaction.atomic
def document_request_delete(*, actor: Any, request: DocumentRequest) -> None:
    delete_audited(actor=actor, obj=request, verb="document_request.removed")


@transaction.atomic
def document_upload(
    *,
    actor: Any,
    engagement: Engagement,
    upload: uploads.CheckedUpload,
    request: DocumentRequest | None = None,
    note: str = "",
) -> RequestedDocument:
    """Store a checked file against the request list; nothing is kept if anything fails."""
    if request is not None and request.engagement_id != engagement.pk:
        raise ValidationError({"request": _("Choose a request of this engagement.")})
    document = RequestedDocument(engagement=engagement, request=request, note=note.strip(), uploaded_by=actor)
    with uploads.stored(upload, engagement=engagement) as stored:
        for name, value in stored.items():
            setattr(document, name, value)
        document.full_clean()
        document.save()
    record(
        actor=actor,
        verb="document.uploaded",
        target=document,
        engagement=engagement,
        detail={"kind": upload.kind, "size": upload.size, "request": str(request.pk) if request else None},
    )
    return document


@transaction.atomic
def document_delete(*, actor: Any, document: RequestedDocument) -> None:
    if document.uploaded_by_id != actor.pk:
        raise ValidationError(_("Only the person who uploaded a document can remove it."))
    delete_audited(actor=actor, obj=document, verb="document.removed")


def file_download(*, actor: Any, obj: StoredFile) -> FileResponse:
    """Hand over a stored file as an attachment, and log who took it."""
    if not obj.file:
        raise ValidationError(_("There is no file here."))
    record(
        actor=actor,
        verb="file.downloaded",
        target=obj,
        engagement=obj.engagement,
        detail={"kind": obj._meta.model_name},
    )
    return uploads.attachment_response(obj)
