"""Document review (guide, phase 4 step 3): received or not, issues, and flags the report lists as limitations.

The business uploads against phase 3's request list; it never sees the team's notes or flags.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEntry
from interviews.preparation import uploads
from interviews.preparation.models import DocumentRequest
from interviews.preparation.services import business
from interviews.sitevisits.models import DocumentReview
from interviews.sitevisits.selectors import LimitationKind, limitations
from interviews.sitevisits.services.reviews import document_review_save
from tests.conftest import World

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n"
SECRET_NOTE = "Sentinel reviewer note: deductions look forged"
SECRET_WHY = "Sentinel explanation: HR refused twice"


@pytest.fixture(autouse=True)
def private_storage(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def _request(world: World, title: str, category: str = "other") -> DocumentRequest:
    return business.document_request_add(
        actor=world.user("lead"), engagement=world.engagement, category=category, title=title
    )


def _upload(world: World, request: DocumentRequest) -> None:
    checked = uploads.check_upload(SimpleUploadedFile("payslips.pdf", PDF))
    business.document_upload(actor=world.user("business"), engagement=world.engagement, upload=checked, request=request)


def _review_url(world: World, request: DocumentRequest) -> str:
    return reverse("sitevisits:document_review", args=[world.engagement.pk, request.pk])


def test_assessor_reviews_a_document_with_issues(world: World, client_for: Any) -> None:
    payslips = _request(world, "Payslips, last three months")
    response = client_for("assessor").post(
        _review_url(world, payslips),
        {
            "received": "partly",
            "notes": SECRET_NOTE,
            "issues": ["unlawful_deductions", "overtime", "other"],
            "other_issue": "Fines for lateness",
            "flag": "",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#request-{payslips.pk}")
    review = DocumentReview.objects.get(request=payslips)
    assert review.received == "partly" and review.notes == SECRET_NOTE
    assert review.issues == ["unlawful_deductions", "overtime", "other"]
    assert review.issue_labels()[-1] == "Fines for lateness"
    entry = AuditEntry.objects.get(verb="document.reviewed")
    assert entry.detail == {
        "request": str(payslips.pk),
        "received": "partly",
        "issues": 3,
        "flag": None,
        "created": True,
    }
    assert "Sentinel" not in str(entry.detail) + entry.target_label


def test_a_flag_without_an_explanation_is_refused_and_nothing_is_saved(world: World, client_for: Any) -> None:
    contracts = _request(world, "Signed contracts of sampled workers")
    response = client_for("lead").post(
        _review_url(world, contracts),
        {"received": "no", "notes": SECRET_NOTE, "flag": "withheld", "flag_explanation": " "},
    )
    assert response.status_code == 200
    assert "Explain why the document is flagged" in response.content.decode()
    assert not DocumentReview.objects.exists() and not AuditEntry.objects.filter(verb="document.reviewed").exists()


def test_a_flag_without_an_explanation_does_not_change_an_existing_review(world: World, client_for: Any) -> None:
    contracts = _request(world, "Signed contracts of sampled workers")
    document_review_save(actor=world.user("lead"), request=contracts, received="yes", notes="first")
    client_for("lead").post(_review_url(world, contracts), {"received": "no", "notes": "second", "flag": "falsified"})
    review = DocumentReview.objects.get(request=contracts)
    assert (review.received, review.notes, review.flag) == ("yes", "first", "")


def test_other_issue_needs_a_description(world: World, client_for: Any) -> None:
    item = _request(world, "Timesheets")
    response = client_for("lead").post(_review_url(world, item), {"received": "yes", "issues": ["other"]})
    assert response.status_code == 200 and "Describe the other issue" in response.content.decode()
    assert not DocumentReview.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"), [("business", 403), ("workerrep", 403), ("interviewer", 403), ("other_org", 404)]
)
def test_only_lead_and_assessors_reach_the_review(world: World, client_for: Any, persona: str, status: int) -> None:
    item = _request(world, "Payslips")
    client = client_for(persona)
    assert client.get(reverse("sitevisits:documents", args=[world.engagement.pk])).status_code == status
    assert client.get(_review_url(world, item)).status_code == status
    response = client.post(_review_url(world, item), {"received": "no", "flag": "withheld", "flag_explanation": "x"})
    assert response.status_code == status
    assert not DocumentReview.objects.exists()


def test_the_business_never_sees_the_reviewers_notes_or_flags(world: World, client_for: Any) -> None:
    item = _request(world, "Payslips")
    _upload(world, item)
    document_review_save(
        actor=world.user("assessor"),
        request=item,
        received="yes",
        notes=SECRET_NOTE,
        issues=["below_minimum_wage"],
        flag="falsified",
        flag_explanation=SECRET_WHY,
    )
    html = client_for("business").get(reverse("preparation:documents", args=[world.engagement.pk])).content.decode()
    assert "Payslips" in html  # its own upload page still works
    for hidden in ("Sentinel", "falsified", "Suspected", "Wages below the legal minimum"):
        assert hidden not in html
    team = client_for("lead").get(reverse("sitevisits:documents", args=[world.engagement.pk])).content.decode()
    assert "Suspected falsified" in team and SECRET_WHY in team


def test_limitations_list_flagged_and_missing_documents(world: World, django_assert_max_num_queries: Any) -> None:
    lead = world.user("lead")
    withheld = _request(world, "Recruiter agreements")
    falsified = _request(world, "Payslips")
    partly = _request(world, "Fee disclosure")
    refused = _request(world, "Timesheets")
    never_sent = _request(world, "Grievance log")  # not reviewed, nothing uploaded
    uploaded = _request(world, "Organisation chart")  # not reviewed, but uploaded
    fine = _request(world, "Human rights policy")
    _upload(world, uploaded)
    document_review_save(actor=lead, request=withheld, received="no", flag="withheld", flag_explanation=SECRET_WHY)
    document_review_save(actor=lead, request=falsified, received="yes", flag="falsified", flag_explanation="Edited")
    document_review_save(actor=lead, request=partly, received="partly")
    document_review_save(actor=lead, request=refused, received="no")
    document_review_save(actor=lead, request=fine, received="yes", issues=["overtime"])

    with django_assert_max_num_queries(1):
        found = limitations(world.engagement)
    assert [(limit.document, limit.kind) for limit in found] == [
        ("Recruiter agreements", LimitationKind.SUSPECTED_WITHHELD),
        ("Payslips", LimitationKind.SUSPECTED_FALSIFIED),
        ("Fee disclosure", LimitationKind.PARTLY_RECEIVED),
        ("Timesheets", LimitationKind.NOT_RECEIVED),
        ("Grievance log", LimitationKind.NOT_RECEIVED),
    ]
    assert found[0].explanation == SECRET_WHY and found[0].request_id == withheld.pk
    assert found[2].explanation == "" and str(found[0].label) == "Suspected withheld"
    assert never_sent.pk in {limit.request_id for limit in found}


def test_limitations_stay_within_the_engagement(world: World) -> None:
    other = business.document_request_add(
        actor=world.user("other_org"), engagement=world.other_engagement, category="other", title="Elsewhere"
    )
    assert limitations(world.engagement) == []
    assert [limit.request_id for limit in limitations(world.other_engagement)] == [other.pk]


def test_the_review_list_runs_a_fixed_number_of_queries(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(8):
        item = _request(world, f"Document {n}")
        _upload(world, item)
        document_review_save(actor=world.user("lead"), request=item, received="yes", issues=["overtime"])
    client = client_for("assessor")
    with django_assert_max_num_queries(13):
        response = client.get(reverse("sitevisits:documents", args=[world.engagement.pk]))
    assert response.status_code == 200 and response.content.decode().count("Edit review") == 8
