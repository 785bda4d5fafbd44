"""Rendering the report in a real browser: the lead asks for it, follows its progress, shares and downloads it;
the business then finds it and downloads it too. Rendered by a real Celery worker through Redis."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def report_worker(demo):
    """A real worker on the live server's database (tests/workers.py)."""
    from tests.workers import Worker, running

    with running(Worker()) as (worker,):
        yield worker


def test_lead_renders_shares_and_downloads_the_report(
    page, browser, live_server, demo, login, report_worker, screenshot_dir
):
    from findings.reports.models import ReportRendering

    url = f"{live_server.url}/engagements/{demo.engagement.pk}/reports/"
    page.set_viewport_size(DESKTOP)
    login(page, live_server, "lead@demo.example")
    page.goto(f"{live_server.url}/engagements/{demo.engagement.pk}/phases/5/")
    page.get_by_role("link", name="Reports").first.click()
    expect(page.get_by_role("heading", name="Render a report")).to_be_visible()
    page.screenshot(path=screenshot_dir / "reports-empty-1280.png", full_page=True)

    page.get_by_label("Assessment report").check()
    page.get_by_label("Stakeholders: small figures suppressed").check()
    page.get_by_role("button", name="Render").click()
    expect(page.locator(".alert-success")).to_contain_text("Assessment report v1 asked for")
    progress = page.locator("progress.rendering-progress")
    expect(progress).to_be_visible()
    page.screenshot(path=screenshot_dir / "reports-progress-1280.png", full_page=True)

    # The page follows the rendering by itself (htmx polling) and offers the file when it is done.
    download_link = page.get_by_role("link", name="Download PDF")
    expect(download_link).to_be_visible(timeout=180_000)
    expect(progress).to_have_count(0)
    rendering = ReportRendering.objects.get(engagement=demo.engagement)
    assert rendering.status == "done" and rendering.pages > 10
    with page.expect_download() as info:
        download_link.click()
    path = info.value.path()
    assert info.value.suggested_filename == "assessment-report-v1.pdf"
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    page.get_by_role("button", name="Share for feedback").click()
    expect(page.locator(".alert-success")).to_contain_text("is shared")
    page.screenshot(path=screenshot_dir / "reports-shared-1280.png", full_page=True)
    page.set_viewport_size(TABLET)
    page.screenshot(path=screenshot_dir / "reports-shared-768.png", full_page=True)

    # The business finds the shared version and downloads it; it sees no form and no other rendering.
    context = browser.new_context(viewport=TABLET, accept_downloads=True)
    business = context.new_page()
    login(business, live_server, "business@demo.example")
    business.goto(url)
    expect(business.get_by_role("heading", name="Reports shared with you")).to_be_visible()
    expect(business.get_by_role("heading", name="Render a report")).to_have_count(0)
    with business.expect_download() as info:
        business.get_by_role("link", name="Download PDF").click()
    with open(info.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    business.screenshot(path=screenshot_dir / "reports-business-768.png", full_page=True)
    context.close()
