"""The phase tracker and access rules, driven through a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}


def _open_items(engagement, number: int):
    from engagements.models import ChecklistItem, ItemStatus

    return ChecklistItem.objects.filter(phase__engagement=engagement, phase__number=number, status=ItemStatus.OPEN)


def test_lead_ticks_an_item_without_a_page_load(page, live_server, demo, login, screenshot_dir):
    from engagements.demo import DEMO_TITLE
    from engagements.models import ChecklistItem, ItemStatus

    page.set_viewport_size(TABLET)
    login(page, live_server, "lead@demo.example")

    page.get_by_role("link", name=DEMO_TITLE).click()
    expect(page).to_have_url(f"{live_server.url}/engagements/{demo.engagement.pk}/")
    expect(page.locator("#phase-card-4")).to_contain_text("4 of 39 done")

    page.locator('#phase-card-4 a[href$="/phases/4/"]').click()
    expect(page).to_have_url(f"{live_server.url}/engagements/{demo.engagement.pk}/phases/4/")
    progress = page.locator("#phase-progress")
    expect(progress).to_contain_text("4 of 39 done")

    item = _open_items(demo.engagement, 4).order_by("position").first()
    tick = page.locator(f"#tick-{item.pk}")
    expect(tick).not_to_be_checked()

    # A full navigation would throw this marker away with the old window's globals.
    page.evaluate("window.__e2eNoReload = 'still here'")
    with page.expect_response(lambda r: r.url.endswith(f"/items/{item.pk}/status/")) as posted:
        tick.click()  # not .check(): htmx replaces the element while Playwright would re-read it
    assert posted.value.request.method == "POST"
    assert posted.value.request.headers.get("hx-request") == "true"
    assert posted.value.status == 200
    expect(progress).to_contain_text("5 of 39 done")
    expect(page.locator(f"#tick-{item.pk}")).to_be_checked()
    expect(page.locator(f"li#item-{item.pk}")).to_have_class(re.compile(r"\bitem-done\b"))
    assert page.evaluate("window.__e2eNoReload") == "still here"
    assert page.url == f"{live_server.url}/engagements/{demo.engagement.pk}/phases/4/"

    assert ChecklistItem.objects.get(pk=item.pk).status == ItemStatus.DONE

    page.reload()
    expect(page.locator(f"#tick-{item.pk}")).to_be_checked()
    expect(page.locator("#phase-progress")).to_contain_text("5 of 39 done")
    page.screenshot(path=screenshot_dir / "tracker-lead-ticked-768.png", full_page=True)


def test_interviewer_sees_the_checklist_without_checkboxes(page, live_server, demo, login):
    login(page, live_server, "interviewer@demo.example")
    response = page.goto(f"{live_server.url}/engagements/{demo.engagement.pk}/phases/4/")
    assert response is not None and response.status == 200

    items = page.locator("li.checklist-item")
    expect(items).to_have_count(39)
    expect(page.locator("input.form-check-input")).to_have_count(0)
    expect(page.locator("#phase-progress")).to_contain_text("4 of 39 done")


def test_interviewer_may_not_manage_the_organisation(page, live_server, demo, login):
    login(page, live_server, "interviewer@demo.example")
    expect(page.get_by_role("heading", name="My engagements")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Manage "))).to_have_count(0)

    response = page.goto(f"{live_server.url}/organisations/{demo.organisation.pk}/")
    assert response is not None and response.status == 403
    expect(page).to_have_title(re.compile(r"^You may not do this"))


def test_organisation_admin_reaches_the_organisation_page(page, live_server, demo, login):
    login(page, live_server, "admin@demo.example")
    manage = page.get_by_role("link", name=f"Manage {demo.organisation.name}")
    expect(manage).to_be_visible()

    with page.expect_navigation() as navigation:
        manage.click()
    assert navigation.value is not None and navigation.value.status == 200
    expect(page).to_have_url(f"{live_server.url}/organisations/{demo.organisation.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(demo.organisation.name)


def test_other_organisation_gets_not_found(page, live_server, demo, login):
    login(page, live_server, "other@other.example")
    response = page.goto(f"{live_server.url}/engagements/{demo.engagement.pk}/")
    assert response is not None and response.status == 404
    expect(page).to_have_title(re.compile(r"^Not found"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
