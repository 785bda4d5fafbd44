"""The phase 5 analysis in a real browser: the lead reads every figure and records a rate; the business
reads the same page with small figures suppressed and downloads the workbook. Screenshots at desktop and
tablet width go to test-results/screenshots/ to be looked at."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}


def test_lead_reads_every_figure_and_records_a_rate(page, live_server, demo, login, screenshot_dir):
    from findings.analysis.models import ExchangeRate

    page.set_viewport_size(DESKTOP)
    login(page, live_server, "lead@demo.example")
    page.goto(f"{live_server.url}/engagements/{demo.engagement.pk}/phases/5/")
    page.get_by_role("link", name="Aggregated figures and fee analysis").first.click()
    expect(page.locator("#team-view")).to_contain_text("Team view: every figure is shown.")
    expect(page.locator("#systemic-rule")).to_contain_text("at least 10% of the workers asked")
    expect(page.locator("#total-repayment")).to_contain_text("USD")
    assert page.locator(".suppressed").count() == 0
    page.screenshot(path=screenshot_dir / "analysis-lead-1280.png", full_page=True)

    page.get_by_role("link", name="See what they see").click()
    expect(page.locator("#preview")).to_contain_text("Preview:")
    assert page.locator(".suppressed").count() > 0
    page.screenshot(path=screenshot_dir / "analysis-lead-preview-1280.png", full_page=False)

    page.get_by_role("link", name="Back to every figure").click()
    page.locator(".btn", has_text="Exchange rates").first.click()
    page.set_viewport_size(TABLET)
    page.locator("#id_currency").fill("khr")
    page.locator("#id_rate").fill("0.00025")
    page.locator("#id_rate_date").fill("2026-01-10")
    page.locator("#id_source").fill("Demo source (fictional)")
    page.get_by_role("button", name="Record the rate").click()
    expect(page.locator("#rates")).to_contain_text("1 KHR = 0.00025 USD")
    assert ExchangeRate.objects.filter(engagement=demo.engagement, currency="KHR").exists()
    page.screenshot(path=screenshot_dir / "analysis-rates-768.png", full_page=True)

    page.goto(f"{live_server.url}/engagements/{demo.engagement.pk}/analysis/rules/")
    expect(page.locator("#current-rule")).to_contain_text("systemic")
    page.screenshot(path=screenshot_dir / "analysis-rules-768.png", full_page=True)


def test_business_reads_suppressed_figures_and_downloads_them(page, live_server, demo, login, screenshot_dir):
    from openpyxl import load_workbook

    page.set_viewport_size(TABLET)
    login(page, live_server, "business@demo.example")
    page.goto(f"{live_server.url}/engagements/{demo.engagement.pk}/")
    page.get_by_role("link", name="Aggregated figures and fee analysis").click()
    expect(page.locator("#legend")).to_contain_text("fewer than 5 respondents")
    expect(page.locator("#team-view")).to_have_count(0)
    assert page.locator(".suppressed").count() > 0
    counts = [int(t) for t in page.locator(".count").all_inner_texts()]
    assert all(n >= 5 for n in counts), counts
    page.screenshot(path=screenshot_dir / "analysis-business-768.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=screenshot_dir / "analysis-business-1280.png", full_page=False)
    page.locator("#fees").scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "analysis-business-fees-1280.png", full_page=False)

    with page.expect_download() as download:
        page.get_by_role("link", name="All figures (Excel)").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))  # the path has no .xlsx
    assert download.value.suggested_filename == "aggregates-suppressed.xlsx"
    assert book.sheetnames == ["About", "Indicators and risks", "Recruitment fees"]
