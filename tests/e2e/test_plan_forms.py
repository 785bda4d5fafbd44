"""The assessment plan's add pages in the browser: an agenda item refused by the service then added, an
interview refused by the form. At desktop (1280x900) and tablet (768x1024) width, with screenshots in
test-results/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}


def test_lead_adds_to_the_agenda_and_schedules_an_interview(page, live_server, demo, login, screenshot_dir):
    from interviews.sampling.models import AgendaItem, AssessmentSite, InterviewSlot

    site = AssessmentSite.objects.filter(engagement=demo.engagement).order_by("name").first()
    plan = f"{live_server.url}/engagements/{demo.engagement.pk}/sample/plan/"
    page.set_viewport_size(DESKTOP)
    login(page, live_server, "lead@demo.example")

    page.goto(f"{live_server.url}/engagements/{demo.engagement.pk}/sample/plan/sites/{site.pk}/agenda/")
    expect(page.locator("h1")).to_contain_text(f"Agenda of {site.name}")
    page.locator("#id_activity").select_option("site_tour")
    page.locator("#id_date").fill("2026-12-01")
    page.locator("#id_start_time").fill("10:00")
    page.locator("#id_end_time").fill("09:00")
    page.locator("#id_place").fill("E2E gate 2")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("The end must come after the start.")  # the service's refusal
    page.screenshot(path=screenshot_dir / "plan-agenda-error-1280.png", full_page=True)
    page.set_viewport_size(TABLET)
    page.screenshot(path=screenshot_dir / "plan-agenda-error-768.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.locator("#id_end_time").fill("11:00")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(plan)
    expect(page.locator(".messages")).to_contain_text("Added to the agenda.")
    assert AgendaItem.objects.filter(site=site, activity="site_tour", place="E2E gate 2").exists()

    before = InterviewSlot.objects.filter(site=site).count()
    page.goto(f"{live_server.url}/engagements/{demo.engagement.pk}/sample/plan/sites/{site.pk}/slots/")
    expect(page.locator("h1")).to_contain_text(f"Schedule an interview at {site.name}")
    page.locator("#id_positions").fill("abc")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("Give list positions as numbers")
    page.screenshot(path=screenshot_dir / "plan-slot-error-1280.png", full_page=True)
    page.set_viewport_size(TABLET)
    page.screenshot(path=screenshot_dir / "plan-slot-error-768.png", full_page=True)
    assert InterviewSlot.objects.filter(site=site).count() == before
