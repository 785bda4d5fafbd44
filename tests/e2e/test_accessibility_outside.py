"""Acceptance (issue 8.5), continued: the business reviewer's and the worker representatives' pages
(see test_accessibility.py)."""

from __future__ import annotations

import pytest

from tests.e2e.axe import DESKTOP, WIDTHS, check, context_for, engagement_pages, report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_business_and_workerrep_pages_have_no_serious_violation(browser, live_server, demo, login) -> None:
    """The two outside parties share most pages; to stay quick, a page both may open is checked at desktop
    width as the business reviewer and at tablet width as the worker representative (their own content and
    buttons each time); a page only one of them may open is checked at both widths."""
    business = dict(engagement_pages(demo, "business@demo.example"))
    workerrep = dict(engagement_pages(demo, "workerrep@demo.example"))
    assert len(business) > 2 and len(workerrep) > 2, "the phase-page registry gave an outside party no page"
    found: list[str] = []
    for email, who, mine, theirs, shared_width in (
        ("business@demo.example", "business", business, workerrep, WIDTHS[0]),
        ("workerrep@demo.example", "worker rep", workerrep, business, WIDTHS[1]),
    ):
        context = context_for(browser, DESKTOP)
        page = context.new_page()
        login(page, live_server, email)
        for path, label in mine.items():
            widths = (shared_width,) if path in theirs else WIDTHS
            found += check(page, f"{live_server.url}{path}", f"{who}, {label}", widths)
        context.close()
    report(found, len(business) + len(workerrep))
