"""Phase 3 in a real browser: the business fills the survey and uploads a document on a tablet; the lead reads them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n"


def test_business_fills_the_survey_and_uploads_a_document_and_the_lead_sees_them(
    page, browser, live_server, demo, login, screenshot_dir, settings, tmp_path
):
    from accounts.models import User
    from interviews.preparation.models import PreAssessmentSurvey, RequestedDocument
    from interviews.preparation.services.business import document_requests_add_standard

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    engagement = demo.engagement
    PreAssessmentSurvey.objects.filter(engagement=engagement).delete()
    document_requests_add_standard(actor=User.objects.get(email="lead@demo.example"), engagement=engagement)
    base = f"{live_server.url}/engagements/{engagement.pk}/preparation"

    # The business reviewer, on a tablet, in its own login.
    page.set_viewport_size(TABLET)
    login(page, live_server, "business@demo.example")
    page.goto(f"{base}/survey/answer/")
    expect(page.get_by_role("heading", name="Pre-assessment survey")).to_be_visible()
    page.get_by_label("Business operations").fill("Peeling, grading and freezing shrimp; one dormitory")
    page.get_by_label("Seasonality, peak and low periods").fill("Peak from October to January")
    page.get_by_label("Total workforce").fill("640")
    page.get_by_label("Nationality").fill("Myanmar 410, Cambodia 150, Thailand 80")
    page.get_by_role("button", name="Submit to the assessment team").click()
    expect(page.get_by_role("status")).to_contain_text("Survey submitted")

    page.get_by_role("link", name="Documents").click()
    expect(page.get_by_role("heading", name="Request list")).to_be_visible()
    page.get_by_label("Which requested document is this?").select_option(
        label="Ethical or responsible recruitment policy (including the employer pays)"
    )
    page.get_by_label("File").set_input_files(
        {"name": "Employer pays policy.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Document uploaded")
    expect(page.get_by_role("link", name="Employer_pays_policy.pdf")).to_be_visible()
    # The business never sees the team page.
    expect(page.get_by_role("link", name="Team", exact=True)).to_have_count(0)
    page.screenshot(path=screenshot_dir / "preparation-business-documents-768.png", full_page=True)

    document = RequestedDocument.objects.get(engagement=engagement, original_name="Employer_pays_policy.pdf")
    assert document.request.category == "ethical_recruitment"
    assert PreAssessmentSurvey.objects.get(engagement=engagement).submitted_at is not None

    # The lead, in another browser context, reads the survey and downloads the document.
    context = browser.new_context(viewport=TABLET, accept_downloads=True)
    lead_page = context.new_page()
    login(lead_page, live_server, "lead@demo.example")
    lead_page.goto(f"{base}/survey/")
    expect(lead_page.get_by_text("Submitted", exact=True)).to_be_visible()
    expect(lead_page.get_by_text("Myanmar 410, Cambodia 150, Thailand 80")).to_be_visible()
    lead_page.screenshot(path=screenshot_dir / "preparation-lead-survey-768.png", full_page=True)

    lead_page.get_by_role("link", name="Documents").click()
    row = lead_page.locator(f"#request-{document.request_id}")
    files = RequestedDocument.objects.filter(request_id=document.request_id).count()  # the demo may hold others
    expect(row).to_contain_text(f"{files} file")
    with lead_page.expect_download() as download:
        row.get_by_role("link", name="Employer_pays_policy.pdf").click()
    assert download.value.suggested_filename == "Employer_pays_policy.pdf"
    assert re.search(r"/documents/[0-9a-f-]+/file/$", download.value.url)
    lead_page.screenshot(path=screenshot_dir / "preparation-lead-documents-768.png", full_page=True)
    context.close()
