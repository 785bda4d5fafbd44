"""Acceptance (issue 8.5), continued: the lead assessor's pages of phases 5 to 8, at desktop and tablet width
(see test_accessibility.py)."""

from __future__ import annotations

import pytest

from tests.e2e.axe import DESKTOP, check, context_for, engagement_pages, report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_lead_phases_5_to_8_have_no_serious_violation(browser, live_server, demo, login) -> None:
    context = context_for(browser, DESKTOP)
    page = context.new_page()
    login(page, live_server, "lead@demo.example")
    pages = engagement_pages(demo, "lead@demo.example", range(5, 9))
    assert len(pages) > 4, "the phase-page registry gave the lead no page in phases 5-8"
    found: list[str] = []
    for path, label in pages:
        found += check(page, f"{live_server.url}{path}", f"lead, {label}")
    context.close()
    report(found, len(pages))
