"""The vault through a real browser: consent then answers (in the field app), an identity unlocked for a reason,
and the business reviewer seeing none of it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}
DESKTOP = {"width": 1280, "height": 900}
ANSWER = "E2E-ANSWER-SENTINEL-5c1"
PHONE = "+00 000 000 0055"


def _answer_required(page) -> None:
    """Through the questionnaire: every required question answered, a note and an amount given."""
    expect(page.locator("form.question-screen")).to_be_visible()
    for _screen in range(200):
        form = page.locator("form.question-screen")
        if not form.count():
            break
        key, kind = form.get_attribute("data-key"), form.get_attribute("data-type")
        if key == "anything_else":
            form.locator("textarea").fill(ANSWER)
        elif key == "last_month_pay":
            form.get_by_label("Amount").fill("1500000")
            form.get_by_label("Currency").select_option("MMK")
        elif form.get_attribute("data-required") == "yes":
            if kind == "yes_no":
                form.locator("label.option-tile", has_text="No").click()
            elif kind in ("single_choice", "multiple_choice"):
                form.locator("label.option-tile").first.click()
            elif kind == "number":
                form.locator("input[name=answer]").fill("9")
            else:
                form.locator("[name=answer]").fill("Test answer")
        form.get_by_role("button", name="Next").click()
        expect(page.locator(f"form.question-screen[data-key='{key}']")).to_have_count(0)


def test_interview_unlock_and_what_the_business_cannot_see(browser, live_server, demo, login, screenshot_dir):
    from audit.models import AuditEntry
    from vault.models import Respondent

    e = demo.engagement.pk
    # 1. The interviewer, on a tablet, records consent, then the answers, in the field app.
    interviewer = browser.new_context(viewport=TABLET).new_page()
    login(interviewer, live_server, "interviewer@demo.example")
    interviewer.goto(f"{live_server.url}/engagements/{e}/")
    interviewer.get_by_role("link", name="Interviews", exact=True).click()
    interviewer.get_by_role("link", name="Record an interview (field app)").click()
    expect(interviewer.locator("body[data-field-ready=yes]")).to_have_count(1)
    interviewer.locator(".start-buttons").get_by_role("link", name="Worker interview").click()
    interviewer.locator("label.option-tile", has_text="Verbal").click()
    interviewer.get_by_label("Witnessed by").fill("Demo Assessor")
    interviewer.get_by_label("Language of the interview").select_option("my")
    interviewer.get_by_label("Agrees to a follow-up call about retaliation").check()
    interviewer.get_by_label("Phone number for the follow-up call (optional)").fill(PHONE)
    interviewer.screenshot(path=screenshot_dir / "vault-consent-768.png", full_page=True)
    interviewer.get_by_role("button", name="Record consent and continue").click()
    interviewer.get_by_label("Nationality").select_option("MM")
    interviewer.get_by_role("button", name="Continue to the questions").click()
    _answer_required(interviewer)
    interviewer.get_by_role("button", name="Finish interview").click()
    interviewer.get_by_role("link", name="Open the outbox").click()
    expect(interviewer.locator(".outbox-row[data-state=synced]")).to_have_count(1, timeout=15_000)
    interviewer.goto(f"{live_server.url}/engagements/{e}/interviews/")
    respondent = Respondent.objects.filter(engagement=demo.engagement).order_by("-created_at").first()
    interviewer.get_by_role("link", name=respondent.pseudonym).click()
    expect(interviewer.locator("main")).to_contain_text(ANSWER)
    expect(interviewer.locator("main")).to_contain_text("1500000 MMK")
    expect(interviewer.locator("main")).to_contain_text("Is there anything else about your work")
    interviewer.screenshot(path=screenshot_dir / "vault-answers-768.png", full_page=True)
    assert PHONE not in interviewer.content()  # the phone never shows next to the answers

    # 2. The lead assessor unlocks the identity, for a reason, and finds it in the access log.
    lead = browser.new_context(viewport=DESKTOP).new_page()
    login(lead, live_server, "lead@demo.example")
    lead.goto(f"{live_server.url}/engagements/{e}/interviews/{respondent.pk}/")
    expect(lead.locator("main")).to_contain_text(ANSWER)
    lead.get_by_role("link", name="Unlock identity…").click()
    lead.fill("textarea[name=reason]", "Follow-up call about a retaliation report")
    lead.get_by_role("button", name="Unlock and log").click()
    expect(lead.locator("main")).to_contain_text(PHONE)
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
        assert ANSWER not in body and PHONE not in body and respondent.pseudonym not in body
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
        assert ANSWER not in business.content() and PHONE not in business.content()
