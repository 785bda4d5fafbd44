"""The business's pre-assessment survey and requested documents (guide, phase 3, step 4).

Uploads are checked by content, stored under a random name outside the web root, and served only
through an access-checked view as attachments.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEntry
from engagements.models import Participant
from interviews.preparation import uploads
from interviews.preparation.models import FileKind, PreAssessmentSurvey, RequestedDocument
from interviews.preparation.services import business, team
from tests.conftest import World

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_storage(settings: Any, tmp_path: Path) -> Path:
    """Each test stores its files in its own folder, so 'nothing stored' can be checked."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


def _stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def _office(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buffer.getvalue()


def _upload(client: Any, world: World, name: str, content: bytes, **extra: Any) -> Any:
    url = reverse("preparation:document_upload", args=[world.engagement.pk])
    return client.post(url, {"document": SimpleUploadedFile(name, content), **extra})


# --- The survey -----------------------------------------------------------------------------------


def test_business_reviewer_fills_the_survey_and_the_lead_reads_it(world: World, client_for: Any) -> None:
    client = client_for("business")
    url = reverse("preparation:survey_answer", args=[world.engagement.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Migration status" in page.content.decode()  # a workforce field from the reference

    response = client.post(
        url,
        {
            "operations": "Peeling and freezing shrimp for export",
            "seasonality": "Peak from October to January",
            "workforce_total": "640",
            "breakdown_nationality": "Myanmar 410, Cambodia 150, Thailand 80",
            "breakdown_employment_type_direct_or_indirect": "560 direct, 80 through an agency",
            "action": "submit",
        },
    )
    assert response.status_code == 302
    survey = PreAssessmentSurvey.objects.get(engagement=world.engagement)
    assert survey.submitted_at is not None and survey.updated_by == world.user("business")
    assert survey.workforce_total == 640
    assert survey.workforce_breakdown == {
        "nationality": "Myanmar 410, Cambodia 150, Thailand 80",
        "employment_type_direct_or_indirect": "560 direct, 80 through an agency",
    }
    assert AuditEntry.objects.filter(verb="survey.submitted", engagement=world.engagement).exists()

    read = client_for("lead").get(reverse("preparation:survey", args=[world.engagement.pk])).content.decode()
    assert "Peeling and freezing shrimp" in read and "Myanmar 410" in read and "Submitted" in read
    # The business fills the survey in; it does not get the team's reading page.
    assert client_for("business").get(reverse("preparation:survey", args=[world.engagement.pk])).status_code == 403


def test_a_draft_survey_is_saved_without_being_submitted(world: World, client_for: Any) -> None:
    client = client_for("business")
    url = reverse("preparation:survey_answer", args=[world.engagement.pk])
    client.post(url, {"operations": "Draft answer", "action": "save"})
    survey = PreAssessmentSurvey.objects.get(engagement=world.engagement)
    assert survey.operations == "Draft answer" and survey.submitted_at is None


# --- Uploads ----------------------------------------------------------------------------------------


def test_business_reviewer_uploads_a_document_against_the_request_list(
    world: World, client_for: Any, private_storage: Path
) -> None:
    request = business.document_request_add(
        actor=world.user("lead"), engagement=world.engagement, category="ethical_recruitment", title="Fee policy"
    )
    client = client_for("business")
    page = client.get(reverse("preparation:documents", args=[world.engagement.pk])).content.decode()
    assert "Fee policy" in page

    response = _upload(client, world, "Employer pays policy.pdf", PDF, request=str(request.pk), note="Signed 2025")
    assert response.status_code == 302
    document = RequestedDocument.objects.get(engagement=world.engagement)
    assert document.request == request and document.uploaded_by == world.user("business")
    assert document.original_name == "Employer_pays_policy.pdf" and document.file_kind == FileKind.PDF
    # Stored under a random name in the engagement's folder, never under the name the uploader chose.
    assert document.file.name.startswith(f"preparation/{world.engagement.pk}/")
    assert "Employer" not in document.file.name
    assert [p.read_bytes() for p in _stored_files(private_storage)] == [PDF]
    entry = AuditEntry.objects.get(verb="document.uploaded")
    assert entry.detail["kind"] == "pdf"

    lead_page = client_for("lead").get(reverse("preparation:documents", args=[world.engagement.pk])).content.decode()
    assert "Employer_pays_policy.pdf" in lead_page


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("policy.pdf", b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"),
        ("policy.pdf", b"<script>fetch('/engagements/')</script>"),
        ("policy.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),  # a real PNG, claiming to be a PDF
        ("notes.txt", b"Harmless line\n<script>alert(1)</script>\n"),
        ("list.csv", b"<svg onload=alert(1)>"),
        ("contract.docx", b"MZ\x90\x00" + b"\x00" * 64),  # a Windows program
        ("contract.docx", _office("xlsx")),  # a workbook claiming to be a Word document
        ("page.html", b"<html></html>"),
        ("policy", PDF),  # no extension
    ],
)
def test_a_file_whose_content_does_not_match_its_name_is_refused_and_nothing_is_stored(
    world: World, client_for: Any, private_storage: Path, name: str, content: bytes
) -> None:
    response = _upload(client_for("business"), world, name, content)
    assert response.status_code == 200
    assert response.context["upload_form"].errors["document"]
    assert not RequestedDocument.objects.exists()
    assert _stored_files(private_storage) == []
    assert not AuditEntry.objects.filter(verb="document.uploaded").exists()


def test_a_file_over_the_size_limit_is_refused(
    world: World, client_for: Any, private_storage: Path, settings: Any
) -> None:
    settings.PREPARATION_MAX_UPLOAD_BYTES = 1024
    response = _upload(client_for("business"), world, "big.pdf", PDF + b"0" * 2048)
    assert "too large" in str(response.context["upload_form"].errors["document"])
    assert not RequestedDocument.objects.exists() and _stored_files(private_storage) == []


def test_the_default_size_limit_is_ten_megabytes() -> None:
    assert uploads.DEFAULT_MAX_UPLOAD_BYTES == 10 * 1024 * 1024
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(Exception, match="too large"):
        uploads.check_upload(big)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("scan.pdf", PDF, FileKind.PDF),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, FileKind.PNG),
        ("photo.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 32, FileKind.JPEG),
        ("policy.docx", _office("docx"), FileKind.DOCX),
        ("payroll.xlsx", _office("xlsx"), FileKind.XLSX),
        ("workers.csv", "site;count\nSamut Sakhon;120\nကုန်ထုတ်;3\n".encode(), FileKind.CSV),
        ("notes.txt", b"Fees: 3 < 5, deductions > 0", FileKind.TXT),
    ],
)
def test_the_allowed_types_are_recognised_by_their_content(name: str, content: bytes, kind: FileKind) -> None:
    checked = uploads.check_upload(SimpleUploadedFile(name, content))
    assert checked.kind == kind


def test_the_download_is_an_attachment_with_a_safe_type_and_nosniff(world: World, client_for: Any) -> None:
    document = business.document_upload(
        actor=world.user("business"),
        engagement=world.engagement,
        upload=uploads.check_upload(SimpleUploadedFile("Ethical recruitment policy.pdf", PDF)),
    )
    response = client_for("assessor").get(
        reverse("preparation:document_download", args=[world.engagement.pk, document.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Ethical_recruitment_policy.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF
    assert AuditEntry.objects.filter(verb="file.downloaded", actor=world.user("assessor")).exists()


def test_the_business_reviewer_sees_only_its_own_uploads(world: World, client_for: Any) -> None:
    team_doc = business.document_upload(
        actor=world.user("assessor"),
        engagement=world.engagement,
        upload=uploads.check_upload(SimpleUploadedFile("assessor-notes.txt", b"internal review notes")),
    )
    own = business.document_upload(
        actor=world.user("business"),
        engagement=world.engagement,
        upload=uploads.check_upload(SimpleUploadedFile("org-chart.pdf", PDF)),
    )
    client = client_for("business")
    page = client.get(reverse("preparation:documents", args=[world.engagement.pk])).content.decode()
    assert "org-chart.pdf" in page and "assessor-notes.txt" not in page
    download = "preparation:document_download"
    assert client.get(reverse(download, args=[world.engagement.pk, own.pk])).status_code == 200
    assert client.get(reverse(download, args=[world.engagement.pk, team_doc.pk])).status_code == 404
    # Reviewers see both.
    lead_page = client_for("lead").get(reverse("preparation:documents", args=[world.engagement.pk])).content.decode()
    assert "org-chart.pdf" in lead_page and "assessor-notes.txt" in lead_page


def test_only_the_uploader_removes_an_upload_and_its_file_goes(
    world: World, client_for: Any, private_storage: Path, django_capture_on_commit_callbacks: Any
) -> None:
    document = business.document_upload(
        actor=world.user("business"),
        engagement=world.engagement,
        upload=uploads.check_upload(SimpleUploadedFile("wrong-file.pdf", PDF)),
    )
    url = reverse("preparation:document_delete", args=[world.engagement.pk, document.pk])
    assert client_for("lead").post(url).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for("business").post(url).status_code == 302
    assert not RequestedDocument.objects.exists()
    assert _stored_files(private_storage) == []


def test_the_business_reviewer_cannot_see_the_team_or_its_declarations(world: World, client_for: Any) -> None:
    lead = world.user("lead")
    team.team_member_add(
        actor=lead,
        engagement=world.engagement,
        participant=Participant.objects.get(engagement=world.engagement, user=world.user("assessor")),
        gender="woman",
        languages=["my"],
        conflict_status="declared",
        conflict_text="Sister works for the origin recruiter",
    )
    client = client_for("business")
    assert client.get(reverse("preparation:team", args=[world.engagement.pk])).status_code == 403
    for name in ("preparation:documents", "preparation:survey_answer"):
        page = client.get(reverse(name, args=[world.engagement.pk])).content.decode()
        assert "Sister works for the origin recruiter" not in page
        assert reverse("preparation:team", args=[world.engagement.pk]) not in page
    assert (
        "Sister works"
        in client_for("lead").get(reverse("preparation:team", args=[world.engagement.pk])).content.decode()
    )


def test_another_engagements_document_is_not_found(world: World, client_for: Any) -> None:
    other_lead = world.user("other_org")
    foreign = business.document_upload(
        actor=other_lead,
        engagement=world.other_engagement,
        upload=uploads.check_upload(SimpleUploadedFile("foreign.pdf", PDF)),
    )
    for persona in ("lead", "business"):
        client = client_for(persona)
        mixed = reverse("preparation:document_download", args=[world.engagement.pk, foreign.pk])
        direct = reverse("preparation:document_download", args=[world.other_engagement.pk, foreign.pk])
        assert client.get(mixed).status_code == 404
        assert client.get(direct).status_code == 404


def test_uploads_are_kept_outside_the_static_files(world: World) -> None:
    document = business.document_upload(
        actor=world.user("business"),
        engagement=world.engagement,
        upload=uploads.check_upload(SimpleUploadedFile("a.pdf", PDF)),
    )
    path = Path(default_storage.path(document.file.name)).resolve()
    from django.conf import settings

    for public in [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]:
        assert public.resolve() not in path.parents
