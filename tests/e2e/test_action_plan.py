"""Phase 6 in the browser: the lead adds an action to an unanswered finding; the worker representative
gives feedback; the business signs; the lead changes a due date; the signature asks to be signed again.

At desktop (1280x900) and tablet (768x1024) width, with screenshots in test-results/screenshots/.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}
WHAT = "Explain every deduction on the payslip in the worker's language (e2e)."
FEEDBACK = "Payslips should also be explained at the monthly committee meeting (e2e)."


def _sign_out(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def test_plan_review_sign_and_sign_again(page, live_server, demo, login, screenshot_dir):
    from accounts.models import User
    from actionplans.demo import seed_demo_action_plan
    from actionplans.models import Action, ActionFeedback, Signature
    from actionplans.selectors import sign_off
    from audit.models import AuditEntry

    users = {u.email: u for u in User.objects.filter(email__endswith="@demo.example")}
    seed_demo_action_plan(demo.engagement, users)
    base = f"{live_server.url}/engagements/{demo.engagement.pk}/action-plan"

    # The lead sees the unanswered finding and answers it.
    page.set_viewport_size(DESKTOP)
    login(page, live_server, "lead@demo.example")
    page.goto(f"{live_server.url}/engagements/{demo.engagement.pk}/phases/6/")
    page.get_by_role("link", name="Action plan").first.click()
    expect(page.locator("h1")).to_have_text("Action plan")
    expect(page.locator("#unanswered")).to_contain_text("1 finding has no action yet")
    page.screenshot(path=screenshot_dir / "actionplan-plan-lead-1280.png", full_page=True)
    page.locator("#unanswered").get_by_role("link", name="Add an action").click()
    page.locator("#id_kind").select_option("improvement_short")
    page.locator("#id_what").fill(WHAT)
    page.locator("#id_target_outcome").fill("Every worker understands each deduction (e2e).")
    page.locator("#id_indicator").fill("Payslips with every deduction explained (e2e)")
    page.locator("#id_responsible_person").fill("Demo Payroll Lead")
    page.locator("#id_responsible_organisation").fill("Shrimp processor (demo)")
    page.locator("#id_due_date").fill("2030-01-31")
    page.screenshot(path=screenshot_dir / "actionplan-form-1280.png", full_page=True)
    page.get_by_role("button", name="Save the action").click()
    expect(page.locator(".messages")).to_contain_text("added to the plan")
    expect(page.locator("#unanswered")).to_contain_text("Every released finding is answered")
    action = Action.objects.get(what=WHAT)
    assert action.findings.get().title.startswith("Accommodation and uniform")
    _sign_out(page)

    # The worker representative reviews the new action.
    page.set_viewport_size(TABLET)
    login(page, live_server, "workerrep@demo.example")
    page.goto(f"{base}/actions/{action.pk}/")
    page.locator("#feedback-body-new").fill(FEEDBACK)
    page.get_by_role("button", name="Give feedback").click()
    expect(page.locator(".messages")).to_contain_text("Feedback added.")
    expect(page.locator("#review")).to_contain_text(FEEDBACK)
    assert ActionFeedback.objects.get(body=FEEDBACK).side == "workers"
    page.screenshot(path=screenshot_dir / "actionplan-action-workerrep-768.png", full_page=True)
    _sign_out(page)

    # The business reads the version and signs it (its earlier signature asked to be signed again).
    login(page, live_server, "business@demo.example")
    page.goto(f"{base}/sign-off/")
    expect(page.locator("tr.group-business")).to_contain_text("Asks to be signed again")
    page.locator("#id_signer_role").fill("Demo Plant Director")
    page.get_by_label("I sign this version").check()
    page.screenshot(path=screenshot_dir / "actionplan-signoff-business-768.png", full_page=True)
    page.get_by_role("button", name="Sign the plan").click()
    expect(page.locator(".messages")).to_contain_text("You signed this version")
    expect(page.locator("tr.group-business")).to_contain_text("Current")
    plan = action.plan
    assert sign_off(plan).groups[0].current is not None
    _sign_out(page)

    # The lead changes the due date: the business's signature asks to be signed again.
    page.set_viewport_size(DESKTOP)
    login(page, live_server, "lead@demo.example")
    page.goto(f"{base}/actions/{action.pk}/edit/")
    page.locator("#id_due_date").fill("2030-03-31")
    page.get_by_role("button", name="Save the action").click()
    expect(page.locator(".messages")).to_contain_text("saved")
    page.goto(f"{base}/sign-off/")
    expect(page.locator("tr.group-business")).to_contain_text("Asks to be signed again")
    page.screenshot(path=screenshot_dir / "actionplan-signoff-again-1280.png", full_page=True)
    page.goto(f"{base}/")
    expect(page.locator("#signoff-h").locator("..")).to_contain_text("asked to sign again")
    entry = AuditEntry.objects.filter(verb="actionplan.action_updated", detail__number=action.number).first()
    assert entry.detail["substance_fields_changed"] == ["due_date"]
    assert Signature.objects.filter(plan=plan, group="business").count() == 2
    page.set_viewport_size(TABLET)
    page.screenshot(path=screenshot_dir / "actionplan-plan-lead-768.png", full_page=True)
    page.goto(f"{base}/repayment/")
    page.screenshot(path=screenshot_dir / "actionplan-repayment-lead-768.png", full_page=True)
