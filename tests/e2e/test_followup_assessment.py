"""Phase 7 in the browser: the lead starts a follow-up assessment, marks one carried-over finding resolved and
one not; the page shows both. Also the follow-up interviews and the grievance log pages, at desktop (1280x900)
and tablet (768x1024) width, with screenshots in test-results/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}
NOTE = "E2E: the sub-agent still charges the visa fee."


def test_the_lead_starts_a_follow_up_and_records_resolved_and_not_resolved(
    page, live_server, demo, login, screenshot_dir
):
    from accounts.models import User
    from actionplans.followups.demo import seed_demo_followups
    from actionplans.followups.models import FindingVerification, VerificationStatus
    from engagements.models import Engagement

    # Until the lead wires it into the demo: the cohorts and the grievance case of this area.
    users = {u.email: u for u in User.objects.filter(email__endswith="@demo.example")}
    seed_demo_followups(demo.engagement, users)
    base = f"{live_server.url}/engagements/{demo.engagement.pk}"

    page.set_viewport_size(DESKTOP)
    login(page, live_server, "lead@demo.example")
    page.goto(f"{base}/")
    page.locator("#phase-card-7").get_by_role("link", name="Follow-up interviews and assessment").click()
    expect(page.locator("h1")).to_have_text("Follow-up interviews and assessment")
    expect(page.locator("main")).to_contain_text("24 workers arrived")
    expect(page.locator("main")).to_contain_text("9 interviewed on")
    page.screenshot(path=screenshot_dir / "followups-interviews-1280.png", full_page=True)
    page.set_viewport_size(TABLET)
    page.screenshot(path=screenshot_dir / "followups-interviews-768.png", full_page=True)
    page.set_viewport_size(DESKTOP)

    page.get_by_role("link", name="Start a follow-up assessment").click()
    expect(page.locator("h1")).to_have_text("Start a follow-up assessment")
    # The window the method asks for is suggested: the start date is filled in.
    assert page.locator("#id_start_date").input_value()
    page.screenshot(path=screenshot_dir / "followups-start-1280.png", full_page=True)
    page.locator("#id_title").fill("Follow-up of the demo assessment (e2e)")
    page.get_by_role("button", name="Start the follow-up assessment").click()
    expect(page.locator(".messages")).to_contain_text("Follow-up assessment started")
    expect(page.locator("h1")).to_have_text("Findings of the first assessment: resolved or not")

    follow_up = Engagement.objects.get(follow_up_of=demo.engagement)
    first, second = list(FindingVerification.objects.filter(engagement=follow_up).select_related("finding"))[:2]
    card1, card2 = page.locator(f"#finding-{first.pk}"), page.locator(f"#finding-{second.pk}")
    expect(card1).to_contain_text(first.finding.title)
    expect(card1.locator("[data-verdict]")).to_have_text("Not yet verified")

    card1.get_by_label("Verdict").select_option("resolved")
    card1.get_by_role("button", name="Save verdict").click()
    expect(page.locator(".messages")).to_contain_text("Verdict saved")
    # Not resolved without saying what remains: refused, nothing saved.
    card2.get_by_label("Verdict").select_option("not_resolved")
    card2.get_by_role("button", name="Save verdict").click()
    expect(page.locator(".messages")).to_contain_text("Say what remains")
    expect(card2.locator("[data-verdict]")).to_have_text("Not yet verified")
    card2.get_by_label("Verdict").select_option("not_resolved")
    card2.get_by_label("What the follow-up found").fill(NOTE)
    card2.get_by_role("button", name="Save verdict").click()
    expect(page.locator(".messages")).to_contain_text("Verdict saved")

    expect(card1.locator("[data-verdict]")).to_have_text("Resolved")
    expect(card2.locator("[data-verdict]")).to_have_text("Not resolved")
    expect(card2).to_contain_text(NOTE)
    expect(page.locator(".verdict-summary")).to_contain_text("Resolved: 1")
    expect(page.locator(".verdict-summary")).to_contain_text("Not resolved: 1")
    statuses = dict(FindingVerification.objects.filter(engagement=follow_up).values_list("pk", "status"))
    assert statuses[first.pk] == VerificationStatus.RESOLVED and statuses[second.pk] == VerificationStatus.NOT_RESOLVED
    page.screenshot(path=screenshot_dir / "followups-verification-1280.png", full_page=True)
    page.set_viewport_size(TABLET)
    page.reload()
    expect(card2.locator("[data-verdict]")).to_have_text("Not resolved")
    page.screenshot(path=screenshot_dir / "followups-verification-768.png", full_page=True)

    # The first engagement's page links to its follow-up.
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/")
    link = page.locator(".follow-up-links").get_by_role("link", name="Follow-up of the demo assessment (e2e)")
    expect(link).to_be_visible()
    page.screenshot(path=screenshot_dir / "followups-first-engagement-1280.png", full_page=True)

    # The grievance log: no reporter listed; the case page shows the text, not the reporter.
    page.goto(f"{base}/grievances/")
    expect(page.locator("h1")).to_have_text("Grievance and retaliation log")
    expect(page.locator("main")).not_to_contain_text("Demo Caller")
    page.screenshot(path=screenshot_dir / "followups-grievances-1280.png", full_page=True)
    page.locator("a.reference").first.click()
    expect(page.locator("main")).to_contain_text("Fictional demo case")
    expect(page.locator("main")).not_to_contain_text("Demo Caller")
    page.set_viewport_size(TABLET)
    page.screenshot(path=screenshot_dir / "followups-grievance-768.png", full_page=True)
    # The lead unlocks the reporter, for a reason; the unlock is in the access log.
    page.get_by_role("link", name="Unlock the reporter").click()
    page.get_by_label("Why do you need this person's identity?").fill("E2E: calling back about the referral")
    page.get_by_role("button", name="Unlock and log").click()
    expect(page.get_by_role("region", name="Reporter")).to_contain_text("Demo Caller (fictional)")
    page.screenshot(path=screenshot_dir / "followups-reporter-768.png", full_page=True)
    page.goto(f"{base}/grievances/new/")
    page.screenshot(path=screenshot_dir / "followups-grievance-new-768.png", full_page=True)
    page.goto(f"{base}/follow-ups/cohorts/new/")
    page.screenshot(path=screenshot_dir / "followups-cohort-new-768.png", full_page=True)
