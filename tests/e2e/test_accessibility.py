"""Acceptance (issue 8.5): axe-core finds no serious or critical violation on any main page.

axe-core (tests/e2e/vendor/axe/, from the npm registry) is injected by the test only; the app never links it.
Its script tag is inline, which the app's Content Security Policy forbids, so the browser context bypasses
CSP (the pages themselves are unchanged). Each page is checked at desktop (1280x900) and tablet (768x1024)
width; every violation found is collected so one run lists them all. The pages are split over three files
(this one: sign-in, the public page, the field app and the lead's phases 1-4; test_accessibility_later:
the lead's phases 5-8; test_accessibility_outside: the business and the worker representatives) so that
parallel test processes share them.
"""

from __future__ import annotations

import pytest

from tests.e2e.axe import DESKTOP, TABLET, axe, check, context_for, engagement_pages, report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_login_public_field_app_and_lead_phases_1_to_4_have_no_serious_violation(
    browser, live_server, demo, login
) -> None:
    from playwright.sync_api import expect

    from disclosure.models import Disclosure

    context = context_for(browser, DESKTOP)
    page = context.new_page()
    found: list[str] = []
    found += check(page, f"{live_server.url}/accounts/login/", "login")
    slug = Disclosure.objects.get(engagement=demo.engagement).slug
    found += check(page, f"{live_server.url}/public/{slug}/", "public disclosure")

    login(page, live_server, "lead@demo.example")
    pages = engagement_pages(demo, "lead@demo.example", range(1, 5))
    assert len(pages) > 2 + 4, "the phase-page registry gave the lead no page"
    for path, label in pages:
        found += check(page, f"{live_server.url}{path}", f"lead, {label}")
    context.close()

    # The field app is used on tablets: its day page is checked at tablet width, once it has loaded the day.
    context = context_for(browser, TABLET)
    page = context.new_page()
    login(page, live_server, "interviewer@demo.example")
    page.goto(f"{live_server.url}/field/")
    expect(page.locator("body[data-field-ready=yes]")).to_have_count(1)
    expect(page.locator("li.slot-row").first).to_be_visible()
    found += axe(page, "interviewer, field day [tablet]")
    context.close()
    report(found, 3 + len(pages))
