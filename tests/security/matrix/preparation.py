"""Rows for the phase 3 preparation registers, the business's survey and documents, and the team.

The business reviewer answers the survey and uploads documents (seeing only its own uploads); it never
reaches the team (declarations), the registers or the survey as the assessment team reads it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from engagements.models import Participant
from interviews.preparation import uploads
from interviews.preparation.models import (
    Commitment,
    Concern,
    DocumentRequest,
    IntroductoryMeeting,
    LegalSource,
    ProcedureAnswer,
    ReferralService,
    RequestedDocument,
    TeamMember,
)
from interviews.preparation.services import business, meetings, procedures, research, team
from tests.conftest import World
from tests.security.matrix.common import Row, e_kw, engagement_rule

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

VIEWERS = ("org_admin", "lead", "assessor", "interviewer")
EDITORS = ("lead", "assessor")
UPLOADERS = ("lead", "assessor", "business")


def _pdf(name: str = "matrix.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _kw(model: Any, key: str) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        return {**e_kw(w), key: model.objects.filter(engagement=w.engagement).first().pk}

    return kwargs


def _document_kw(w: World) -> dict[str, Any]:
    document = RequestedDocument.objects.get(engagement=w.engagement, uploaded_by=w.user("business"))
    return {**e_kw(w), "document_id": document.pk}


def _answer_with_file_kw(w: World) -> dict[str, Any]:
    answer = ProcedureAnswer.objects.get(engagement=w.engagement, concern=Concern.ACCESSIBILITY)
    return {**e_kw(w), "answer_id": answer.pk}


def _concern_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "concern": Concern.GENDER.value}


SOURCE_DATA = {
    "country": "TH",
    "topic": "recruitment_fees",
    "kind": "law",
    "title": "Matrix test decree",
    "source": "Official gazette",
    "policy_status": "not_checked",
}
SERVICE_DATA = {
    "country": "TH",
    "kind": "helpline",
    "name": "Matrix test helpline",
    "contact": "000 000",
    "due_diligence": "checked",
    "languages": ["my", "th"],
}
MEMBER_DATA = {
    "name": "Matrix Test Partner",
    "organisation": "Test Workers' Centre",
    "external_role": "interviewer",
    "interviews_workers": "on",
    "gender": "woman",
    "languages": ["my"],
    "conflict_status": "none",
}
MEETING_DATA = {
    "held_on": "2026-01-15",
    "attendees": "Test employer; HR manager\nTest union; representative",
    "agenda_points": ["purpose"],
}


def _view(**extra: Any) -> Row:
    return Row({"GET": engagement_rule(*VIEWERS)}, **extra)


def _edit_page(data: Any, **extra: Any) -> Row:
    return Row({"GET": engagement_rule(*EDITORS), "POST": engagement_rule(*EDITORS)}, data=data, **extra)


def _post(allowed: tuple[str, ...], **extra: Any) -> Row:
    return Row({"POST": engagement_rule(*allowed)}, **extra)


ROWS: dict[str, Row] = {
    # Step 1: desk research and referrals.
    "preparation:desk_research": _view(kwargs=e_kw),
    "preparation:desk_research_add": _edit_page(lambda w: SOURCE_DATA, kwargs=e_kw),
    "preparation:desk_research_edit": _edit_page(lambda w: SOURCE_DATA, kwargs=_kw(LegalSource, "source_id")),
    "preparation:desk_research_delete": _post(EDITORS, kwargs=_kw(LegalSource, "source_id")),
    "preparation:referrals": _view(kwargs=e_kw),
    "preparation:referral_show": _view(kwargs=e_kw),
    "preparation:referral_add": _edit_page(lambda w: SERVICE_DATA, kwargs=e_kw),
    "preparation:referral_edit": _edit_page(lambda w: SERVICE_DATA, kwargs=_kw(ReferralService, "service_id")),
    "preparation:referral_delete": _post(EDITORS, kwargs=_kw(ReferralService, "service_id")),
    # Step 2: procedures; only the lead records the sign-off.
    "preparation:procedures": _view(kwargs=e_kw),
    "preparation:procedure_edit": _edit_page(lambda w: {"answer": "Decided at the kick-off."}, kwargs=_concern_kw),
    "preparation:procedure_document": _view(kwargs=_answer_with_file_kw),
    "preparation:procedures_sign_off": Row(
        {"GET": engagement_rule("lead"), "POST": engagement_rule("lead")},
        kwargs=e_kw,
        data=lambda w: {"signed_by": "Test Director", "signed_by_role": "Managing director", "signed_on": "2026-01-20"},
    ),
    # Step 3: meeting and commitment.
    "preparation:meetings": _view(kwargs=e_kw),
    "preparation:meeting_add": _edit_page(lambda w: MEETING_DATA, kwargs=e_kw),
    "preparation:meeting_edit": _edit_page(lambda w: MEETING_DATA, kwargs=_kw(IntroductoryMeeting, "meeting_id")),
    "preparation:meeting_delete": _post(EDITORS, kwargs=_kw(IntroductoryMeeting, "meeting_id")),
    "preparation:commitment_add": _edit_page(
        lambda w: {"kind": "letter", "parties": "Test parties", "signed_on": "2026-01-16", "document": _pdf()},
        kwargs=e_kw,
    ),
    "preparation:commitment_document": _view(kwargs=_kw(Commitment, "commitment_id")),
    "preparation:commitment_delete": _post(EDITORS, kwargs=_kw(Commitment, "commitment_id")),
    # Step 4: the business answers and uploads; the team reads.
    "preparation:survey": Row({"GET": engagement_rule("lead", "assessor")}, kwargs=e_kw),
    "preparation:survey_answer": Row(
        {"GET": engagement_rule("lead", "business"), "POST": engagement_rule("lead", "business")},
        kwargs=e_kw,
        data=lambda w: {"operations": "Shrimp peeling", "workforce_total": "120", "action": "save"},
    ),
    "preparation:documents": Row({"GET": engagement_rule(*UPLOADERS)}, kwargs=e_kw),
    "preparation:document_upload": _post(UPLOADERS, kwargs=e_kw, data=lambda w: {"document": _pdf("policy.pdf")}),
    # Reviewers and the uploader download; everyone else is refused.
    "preparation:document_download": Row({"GET": engagement_rule(*UPLOADERS)}, kwargs=_document_kw),
    # Only the uploader removes an upload.
    "preparation:document_delete": _post(("business",), kwargs=_document_kw),
    "preparation:document_request_add": _post(
        EDITORS, kwargs=e_kw, data=lambda w: {"category": "structure", "title": "Organisation chart"}
    ),
    "preparation:document_requests_standard": _post(EDITORS, kwargs=e_kw),
    "preparation:document_request_delete": _post(EDITORS, kwargs=_kw(DocumentRequest, "request_id")),
    # Step 6: the team, with declarations: never the business, the interviewer or the org admin.
    "preparation:team": Row({"GET": engagement_rule(*EDITORS)}, kwargs=e_kw),
    "preparation:team_member_add": _edit_page(lambda w: MEMBER_DATA, kwargs=e_kw),
    "preparation:team_member_edit": _edit_page(lambda w: MEMBER_DATA, kwargs=_kw(TeamMember, "member_id")),
    "preparation:team_member_training": _edit_page(
        lambda w: {"forced_labour": "2026-01-10"}, kwargs=_kw(TeamMember, "member_id")
    ),
    "preparation:team_member_delete": _post(EDITORS, kwargs=_kw(TeamMember, "member_id")),
    # Step 7: the letter.
    "preparation:letter": _view(kwargs=e_kw),
    "preparation:letter_settings": _edit_page(lambda w: {"follow_up_phone": "1800 000 000"}, kwargs=e_kw),
}


def _checked(name: str = "prepared.pdf") -> uploads.CheckedUpload:
    return uploads.check_upload(_pdf(name))


def prepare(world: World) -> None:
    """One of everything the rows point at, files included."""
    lead, engagement = world.user("lead"), world.engagement
    research.legal_source_create(actor=lead, engagement=engagement, **SOURCE_DATA)
    research.referral_service_create(actor=lead, engagement=engagement, **SERVICE_DATA)
    for concern in Concern.values:
        upload = _checked() if concern == Concern.ACCESSIBILITY else None
        procedures.procedure_answer_set(
            actor=lead, engagement=engagement, concern=concern, answer="Agreed in writing.", upload=upload
        )
    meetings.meeting_create(
        actor=lead,
        engagement=engagement,
        held_on=date(2026, 1, 15),
        attendees=[{"organisation": "Test employer", "role": "HR manager", "name": ""}],
    )
    meetings.commitment_add(
        actor=lead, engagement=engagement, kind="mou", parties="Test", signed_on=date(2026, 1, 16), upload=_checked()
    )
    request = business.document_request_add(actor=lead, engagement=engagement, category="structure", title="Org chart")
    business.document_upload(actor=world.user("business"), engagement=engagement, upload=_checked(), request=request)
    participant = Participant.objects.get(engagement=engagement, user=lead)
    team.team_member_add(
        actor=lead,
        engagement=engagement,
        participant=participant,
        gender="man",
        languages=["en"],
        conflict_status="declared",
        conflict_text="Formerly worked for a recruiter in the corridor.",
    )
