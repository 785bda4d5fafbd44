"""Publishing a questionnaire with a translation, through a real browser on a tablet-sized screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}
TITLE = "E2E worker questionnaire"
KHMER = "តើអ្នកស្រួលនិយាយភាសាអ្វីជាងគេ?"


def test_lead_copies_the_worker_template_translates_a_question_and_publishes_it(
    page, live_server, demo, login, screenshot_dir
):
    from interviews.questionnaires.models import Question, QuestionnaireVersion

    e = demo.engagement.pk
    page.set_viewport_size(TABLET)
    login(page, live_server, "lead@demo.example")

    # From the phase tracker's phase 3 to the questionnaires page.
    page.goto(f"{live_server.url}/engagements/{e}/phases/3/")
    page.get_by_role("link", name="Questionnaires", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Questionnaires")

    # Copy the migrant worker template into the engagement: a draft, version 1.
    page.locator("input[name=title]").first.fill(TITLE)
    page.get_by_role("button", name="Copy “Migrant worker interview” into this engagement").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("[data-status=draft]")).to_be_visible()

    # Translate a question that had no Khmer wording.
    page.get_by_role("link", name="Translate preferred_language").click()
    page.get_by_role("link", name="Khmer", exact=True).click()
    page.locator("textarea[name=text]").fill(KHMER)
    page.get_by_role("button", name="Save translation").click()
    expect(page.locator("main")).to_contain_text("Translation saved.")
    expect(page.locator("main")).to_contain_text(KHMER)

    # Publish it, after the confirmation page.
    page.get_by_role("link", name="Publish…").click()
    expect(page.locator("main")).to_contain_text("can never change")
    page.get_by_role("button", name="Publish version 1").click()
    expect(page.locator("[data-status=published]")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Version 1 is published. It can no longer change.")
    expect(page.get_by_role("button", name="Tailor: start a new version")).to_be_visible()
    expect(page.get_by_role("link", name="Publish…")).to_have_count(0)
    page.get_by_role("link", name="Khmer", exact=False).first.click()
    expect(page.locator("main")).to_contain_text(KHMER)
    page.set_viewport_size({"width": 768, "height": 1400})  # the status and the translated question, together
    page.screenshot(path=screenshot_dir / "questionnaires-published-768.png")

    version = QuestionnaireVersion.objects.get(questionnaire__title=TITLE)
    assert version.is_published
    assert Question.objects.get(version=version, key="preferred_language").translations["km"]["text"] == KHMER
