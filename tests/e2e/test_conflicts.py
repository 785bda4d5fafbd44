"""The sync-conflict pages in the browser, with a real conflict: the interviewer's list and comparison, and
the lead assessor's list of the engagement's conflicts. At desktop (1280x900) and tablet (768x1024) width,
with screenshots in test-results/screenshots/; no page may scroll sideways."""

from __future__ import annotations

import copy
import uuid

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}
HELD = "E2E held answer: the recruiter kept my passport for two months, then returned it"


def _conflict(demo) -> None:
    """The demo interviewer sends an interview, then the same record again with a different answer."""
    from accounts.models import User
    from interviews.fieldwork.services import sync_record
    from interviews.questionnaires.models import QuestionnaireVersion
    from tests.interviews.test_fieldwork import payload, required_answers

    interviewer = User.objects.get(email="interviewer@demo.example")
    version = QuestionnaireVersion.objects.filter(
        questionnaire__engagement=demo.engagement, questionnaire__kind="worker", published_at__isnull=False
    ).latest("published_at")
    first = payload(version, answers=required_answers(version, anything_else="E2E stored answer"))
    second = copy.deepcopy(first)
    second["answers"]["anything_else"] = HELD
    record_id = uuid.uuid4()
    assert sync_record(actor=interviewer, engagement=demo.engagement, record_id=record_id, payload=first).status
    assert sync_record(actor=interviewer, engagement=demo.engagement, record_id=record_id, payload=second).status == (
        "conflict"
    )


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"


def _both_widths(page, screenshot_dir, name: str) -> None:
    for label, size in (("1280", DESKTOP), ("768", TABLET)):
        page.set_viewport_size(size)
        _no_sideways_scroll(page)
        page.screenshot(path=screenshot_dir / f"{name}-{label}.png", full_page=True)


def test_interviewer_and_lead_compare_the_two_versions(page, live_server, demo, login, screenshot_dir):
    _conflict(demo)

    page.set_viewport_size(DESKTOP)
    login(page, live_server, "interviewer@demo.example")
    page.goto(f"{live_server.url}/field/conflicts/")
    expect(page.locator("h1")).to_have_text("Conflicts")
    expect(page.locator("main")).to_contain_text(demo.engagement.title)
    _both_widths(page, screenshot_dir, "conflicts-interviewer")

    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name="Compare and choose").click()
    expect(page.locator("h1")).to_have_text("Two versions of one interview")
    # What differs comes first, beside the choice; the answers that are the same are folded away.
    expect(page.locator("h2#differing")).to_have_text("1 answer differs")
    expect(page.locator("td.held")).to_have_text(HELD)
    expect(page.locator("main")).to_contain_text("E2E stored answer")
    same = page.locator("details summary")
    expect(same).to_contain_text("the same in both versions")
    gender = page.get_by_role("rowheader", name="How do you describe your gender?")
    expect(gender).to_be_hidden()
    _both_widths(page, screenshot_dir, "conflict-interviewer")
    same.click()
    expect(gender).to_be_visible()
    page.set_viewport_size(TABLET)
    _no_sideways_scroll(page)
    page.screenshot(path=screenshot_dir / "conflict-interviewer-open-768.png", full_page=True)
    page.get_by_role("link", name="Conflicts", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/field/conflicts/")

    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    page.set_viewport_size(DESKTOP)
    login(page, live_server, "lead@demo.example")
    listing = f"{live_server.url}/field/engagements/{demo.engagement.pk}/conflicts/"
    page.goto(listing)
    expect(page.locator("main")).to_contain_text("Demo Interviewer")  # who sent it
    _both_widths(page, screenshot_dir, "conflicts-lead")

    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name="Compare and choose").click()
    expect(page.get_by_role("button", name="Replace with the held version")).to_be_visible()
    _both_widths(page, screenshot_dir, "conflict-lead")
    # The lead's way back is the engagement's list, not the interviewer's own (which is not theirs).
    page.get_by_role("link", name="Conflicts", exact=True).click()
    expect(page).to_have_url(listing)
