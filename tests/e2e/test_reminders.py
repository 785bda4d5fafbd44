"""Reminders in the browser: the lead changes a rule of the demo engagement; the business reviewer finds the
reminder of an action in Notifications (the nav badge counts it), opens it, and the badge goes. At desktop
(1280x900) and tablet (768x1024) width, with screenshots in test-results/screenshots/ (and /tmp/shots/h7d/);
no page may scroll sideways."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}
SHOTS = Path("/tmp/shots/h7d")


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"


def _both_widths(page, screenshot_dir, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("1280", DESKTOP), ("768", TABLET)):
        page.set_viewport_size(size)
        _no_sideways_scroll(page)
        page.screenshot(path=screenshot_dir / f"{name}-{label}.png", full_page=True)
        page.screenshot(path=SHOTS / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def _an_action_due_in_a_week(demo) -> None:
    """An open action of the demo plan, due in seven days, for the business reviewer; then beat's run."""
    from django.utils import timezone

    from accounts.models import User
    from actionplans.models import Action, ActionKind, ActionPlan
    from reminders.dispatch import reminders_run

    business = User.objects.get(email="business@demo.example")
    plan, _ = ActionPlan.objects.get_or_create(engagement=demo.engagement)
    number = (Action.objects.filter(plan=plan).order_by("-number").values_list("number", flat=True).first() or 0) + 1
    Action.objects.create(
        plan=plan,
        number=number,
        kind=ActionKind.IMPROVEMENT_SHORT,
        what="E2E test action",
        target_outcome="E2E target",
        indicator="E2E indicator",
        responsible_person="Test Person",
        responsible_organisation="Test Organisation",
        responsible_user=business,
        due_date=timezone.localdate() + timedelta(days=7),
        created_by=User.objects.get(email="lead@demo.example"),
    )
    reminders_run(now=timezone.now())
    return number


def test_lead_sets_rules_and_business_opens_a_reminder(page, live_server, demo, login, screenshot_dir):
    number = _an_action_due_in_a_week(demo)
    login(page, live_server, "lead@demo.example")
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/engagements/{demo.engagement.pk}/reminders/")
    expect(page.get_by_role("heading", name="Reminders", exact=True)).to_be_visible()
    _both_widths(page, screenshot_dir, "reminders-rules-lead")

    row = page.locator("tr", has_text="An action is due").filter(has_text="14 days before")
    row.locator("input[type=number]").fill("-10")
    page.get_by_role("button", name="Save the rules").click()
    expect(page.get_by_text("Reminder rules saved.")).to_be_visible()
    expect(page.locator("tr", has_text="An action is due").filter(has_text="10 days before")).to_have_count(1)

    add = page.locator("form[action$='/reminders/new/']")
    add.get_by_label("Remind of").select_option("retention_ending")
    add.get_by_label("Days from the due date").fill("-30")
    add.get_by_label("To whom").select_option("assessment_team")
    add.get_by_role("button", name="Add the rule").click()
    expect(page.get_by_text("Reminder rule added.")).to_be_visible()
    expect(page.locator("tr", has_text="The retention period").filter(has_text="30 days before")).to_have_count(1)

    page.context.clear_cookies()
    login(page, live_server, "business@demo.example")
    page.set_viewport_size(DESKTOP)
    badge = page.locator("#unread-badge")
    expect(badge).to_be_visible()
    unread = int(badge.inner_text().split()[0])
    page.get_by_role("link", name="Notifications").click()
    title = f"Action A{number} of {demo.engagement.title}: due in 7 days"
    expect(page.locator(".notification-title", has_text=title)).to_be_visible()
    _both_widths(page, screenshot_dir, "reminders-notifications-business")
    item = page.locator("li", has_text=title)
    item.get_by_role("button", name="Open").click()
    page.wait_for_load_state()
    assert "/notifications/" not in page.url
    if unread > 1:
        expect(page.locator("#unread-badge")).to_contain_text(str(unread - 1))
    else:
        expect(page.locator("#unread-badge")).to_have_count(0)
    page.goto(f"{live_server.url}/engagements/{demo.engagement.pk}/reminders/")
    expect(page.get_by_role("button", name="Save the rules")).to_have_count(0)
    _both_widths(page, screenshot_dir, "reminders-rules-business")
