"""Acceptance (issue 8.5): axe-core finds no serious or critical violation on any main page.

axe-core (tests/e2e/vendor/axe/, from the npm registry) is injected by the test only; the app never links it.
Its script tag is inline, which the app's Content Security Policy forbids, so the browser context bypasses
CSP (the pages themselves are unchanged). Each page is checked at desktop (1280x900) and tablet (768x1024)
width; every violation found is collected so one run lists them all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent / "vendor" / "axe" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}
WIDTHS = (("desktop", DESKTOP), ("tablet", TABLET))
BLOCKING = ("serious", "critical")
PHASES = range(1, 9)

# All of axe's default rules (WCAG 2.x A/AA and best practices); only violations are reported back.
AXE_OPTIONS = {"resultTypes": ["violations"]}


def _axe(page: Any, where: str) -> list[str]:
    """Run axe on the page as it is now; the serious and critical violations, one line per rule and node."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    found = []
    for violation in result["violations"]:
        if violation["impact"] in BLOCKING:
            targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            found.append(f"{where}: {violation['impact']} {violation['id']} ({violation['help']}) at {targets}")
    return found


def _check(page: Any, url: str, label: str, widths=WIDTHS) -> list[str]:
    """Open the page and run axe at each width; fails at once if the page itself does not load."""
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{label}: {url} answered {response and response.status}"
    found = []
    for name, size in widths:
        page.set_viewport_size(size)
        found += _axe(page, f"{label} [{name}] {url}")
    return found


def _context(browser: Any, viewport: dict) -> Any:
    return browser.new_context(viewport=viewport, bypass_csp=True)


def _engagement_pages(demo: Any, email: str) -> list[tuple[str, str]]:
    """(path, label) of the engagement list, detail, the phase trackers and every registered phase page
    the person may open."""
    from django.urls import reverse

    from accounts.models import User
    from engagements import phase_pages
    from tenancy.access import capabilities_for
    from tenancy.roles import Capability

    engagement = demo.engagement
    capabilities = capabilities_for(User.objects.get(email=email), engagement)
    pages = [
        (reverse("engagements:dashboard"), "engagement list"),
        (reverse("engagements:detail", kwargs={"engagement_id": engagement.id}), "engagement detail"),
    ]
    for number in PHASES:
        if Capability.VIEW_TRACKER in capabilities:  # the outside parties have no phase tracker
            pages.append(
                (
                    reverse("engagements:phase", kwargs={"engagement_id": engagement.id, "number": number}),
                    f"phase {number}",
                )
            )
        pages += [
            (p.url(engagement.id), f"phase {number}: {p.label}") for p in phase_pages.pages_for(number, capabilities)
        ]
    return pages


def _report(found: list[str], visited: int) -> None:
    assert visited > 0
    assert not found, f"{len(found)} serious/critical axe violations on {visited} page views:\n" + "\n".join(found)


def test_login_public_lead_and_field_app_have_no_serious_violation(browser, live_server, demo, login) -> None:
    from playwright.sync_api import expect

    from disclosure.models import Disclosure

    context = _context(browser, DESKTOP)
    page = context.new_page()
    found: list[str] = []
    found += _check(page, f"{live_server.url}/accounts/login/", "login")
    slug = Disclosure.objects.get(engagement=demo.engagement).slug
    found += _check(page, f"{live_server.url}/public/{slug}/", "public disclosure")

    login(page, live_server, "lead@demo.example")
    pages = _engagement_pages(demo, "lead@demo.example")
    assert len(pages) > 2 + len(PHASES), "the phase-page registry gave the lead no page"
    for path, label in pages:
        found += _check(page, f"{live_server.url}{path}", f"lead, {label}")
    context.close()

    # The field app is used on tablets: its day page is checked at tablet width, once it has loaded the day.
    context = _context(browser, TABLET)
    page = context.new_page()
    login(page, live_server, "interviewer@demo.example")
    page.goto(f"{live_server.url}/field/")
    expect(page.locator("body[data-field-ready=yes]")).to_have_count(1)
    expect(page.locator("li.slot-row").first).to_be_visible()
    found += _axe(page, "interviewer, field day [tablet]")
    context.close()
    _report(found, 3 + len(pages))


def test_business_and_workerrep_pages_have_no_serious_violation(browser, live_server, demo, login) -> None:
    """The two outside parties share most pages; to stay quick, a page both may open is checked at desktop
    width as the business reviewer and at tablet width as the worker representative (their own content and
    buttons each time); a page only one of them may open is checked at both widths."""
    business = dict(_engagement_pages(demo, "business@demo.example"))
    workerrep = dict(_engagement_pages(demo, "workerrep@demo.example"))
    assert len(business) > 2 and len(workerrep) > 2, "the phase-page registry gave an outside party no page"
    found: list[str] = []
    for email, who, mine, theirs, shared_width in (
        ("business@demo.example", "business", business, workerrep, WIDTHS[0]),
        ("workerrep@demo.example", "worker rep", workerrep, business, WIDTHS[1]),
    ):
        context = _context(browser, DESKTOP)
        page = context.new_page()
        login(page, live_server, email)
        for path, label in mine.items():
            widths = (shared_width,) if path in theirs else WIDTHS
            found += _check(page, f"{live_server.url}{path}", f"{who}, {label}", widths)
        context.close()
    _report(found, len(business) + len(workerrep))
