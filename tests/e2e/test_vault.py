"""The vault through a real browser: consent then answers, an identity unlocked for a reason, and the
business reviewer seeing none of it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}
DESKTOP = {"width": 1280, "height": 900}
ANSWER = "E2E-ANSWER-SENTINEL-5c1"
NAME = "E2e Sentinel Person"


def test_interview_unlock_and_what_the_business_cannot_see(browser, live_server, demo, login, screenshot_dir):
    from audit.models import AuditEntry
    from vault.models import Respondent

    e = demo.engagement.pk
    # 1. The interviewer, on a tablet, records consent, then the answers.
    interviewer = browser.new_context(viewport=TABLET).new_page()
    login(interviewer, live_server, "interviewer@demo.example")
    interviewer.goto(f"{live_server.url}/engagements/{e}/")
    interviewer.get_by_role("link", name="Interviews", exact=True).click()
    interviewer.get_by_role("link", name="New interview: record consent").click()
    interviewer.check("input[name=consent-kind][value=verbal]")
    interviewer.fill("input[name=consent-witnessed_by]", "Demo Assessor")
    interviewer.fill("input[name=consent-language]", "Burmese")
    interviewer.select_option("select[name=who-nationality]", "MM")
    interviewer.select_option("select[name=who-gender]", "woman")
    interviewer.fill("input[name=identity-name]", NAME)
    interviewer.screenshot(path=screenshot_dir / "vault-consent-768.png", full_page=True)
    interviewer.get_by_role("button", name="Record consent and continue").click()
    expect(interviewer.locator("h1")).to_contain_text("Answers of R-")
    interviewer.select_option("select[name=paid_recruitment_fees]", "yes")
    interviewer.fill("input[name=fees_amount]", "1500000")
    interviewer.fill("input[name=fees_currency]", "mmk")
    interviewer.fill("textarea[name=notes]", ANSWER)
    interviewer.get_by_role("button", name="Save answers").click()
    expect(interviewer.locator("main")).to_contain_text(ANSWER)
    expect(interviewer.locator("main")).to_contain_text("MMK")
    respondent = Respondent.objects.filter(engagement=demo.engagement).order_by("-created_at").first()
    expect(interviewer.locator("main")).to_contain_text(respondent.pseudonym)
    interviewer.screenshot(path=screenshot_dir / "vault-answers-768.png", full_page=True)
    assert NAME not in interviewer.content()  # the name never shows next to the answers

    # 2. The lead assessor unlocks the identity, for a reason, and finds it in the access log.
    lead = browser.new_context(viewport=DESKTOP).new_page()
    login(lead, live_server, "lead@demo.example")
    lead.goto(f"{live_server.url}/engagements/{e}/interviews/{respondent.pk}/")
    expect(lead.locator("main")).to_contain_text(ANSWER)
    lead.get_by_role("link", name="Unlock identity…").click()
    lead.fill("textarea[name=reason]", "Follow-up call about a retaliation report")
    lead.get_by_role("button", name="Unlock and log").click()
    expect(lead.locator("main")).to_contain_text(NAME)
    lead.get_by_role("link", name="Data protection", exact=True).click()
    log = lead.locator("table")
    expect(log).to_contain_text(respondent.pseudonym)
    expect(log).to_contain_text("Follow-up call about a retaliation report")
    lead.screenshot(path=screenshot_dir / "vault-access-log-1280.png", full_page=True)
    assert AuditEntry.objects.filter(verb="identity.unlocked", detail__pseudonym=respondent.pseudonym).count() == 1

    # 3. The business reviewer sees none of it: not in their pages, not at the vault's addresses.
    business = browser.new_context(viewport=DESKTOP).new_page()
    login(business, live_server, "business@demo.example")
    for path in ("/engagements/", f"/engagements/{e}/"):
        business.goto(f"{live_server.url}{path}")
        body = business.content()
        assert ANSWER not in body and NAME not in body and respondent.pseudonym not in body
        expect(business.get_by_role("link", name="Interviews", exact=True)).to_have_count(0)
    for path in (
        f"/engagements/{e}/interviews/",
        f"/engagements/{e}/interviews/{respondent.pk}/",
        f"/engagements/{e}/interviews/{respondent.pk}/identity/",
        f"/engagements/{e}/data-protection/",
        f"/engagements/{e}/export/responses.csv",
    ):
        response = business.goto(f"{live_server.url}{path}")
        assert response.status == 403, path
        assert ANSWER not in business.content() and NAME not in business.content()
