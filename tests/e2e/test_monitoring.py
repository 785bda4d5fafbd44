"""Phase 7 in the browser (issue 7 acceptance): a business reviewer reports progress on an action with an
evidence file; the lead assessor verifies and closes it; the monitoring dashboard shows it closed.

At tablet (768x1024) and desktop (1280x900) width, with screenshots in test-results/screenshots/.
The demo's monitoring (actionplans.monitoring.demo) is seeded too, so the dashboard has company.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}
WHAT = "Install lockers with personal keys in every dormitory (e2e)"
PROGRESS = "Lockers installed in all four dormitories; keys handed to each worker (e2e)."
NOTE = "Saw the lockers on site and asked six workers, who hold their own keys (e2e)."
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _sign_out(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def test_business_reports_progress_lead_closes_dashboard_shows_it(
    page, live_server, demo, login, screenshot_dir, tmp_path
):
    from django.db.models import Max
    from django.utils import timezone

    from accounts.models import User
    from actionplans.models import Action, ActionKind, ActionPlan, ActionStatus
    from actionplans.monitoring.demo import seed_demo_monitoring
    from actionplans.monitoring.models import Evidence
    from audit.models import AuditEntry

    engagement = demo.engagement
    users = {u.email: u for u in User.objects.filter(email__endswith="@demo.example")}
    seed_demo_monitoring(engagement, users)
    plan, _created = ActionPlan.objects.get_or_create(engagement=engagement)
    action = Action.objects.create(
        plan=plan,
        number=(plan.actions.aggregate(n=Max("number"))["n"] or 0) + 1,
        kind=ActionKind.IMPROVEMENT_SHORT,
        what=WHAT,
        target_outcome="Every worker keeps their documents under their own key",
        indicator="Workers with a locker and its key, of all workers",
        responsible_person="Demo HR Manager",
        responsible_organisation="Shrimp processor (demo)",
        due_date=timezone.localdate() + timedelta(days=12),
        created_by=users["lead@demo.example"],
    )
    late = Action.objects.exclude(status=ActionStatus.CLOSED).get(plan=plan, due_date__lt=timezone.localdate())
    evidence_path = tmp_path / "locker-photos.pdf"
    evidence_path.write_bytes(PDF)
    dashboard = f"{live_server.url}/engagements/{engagement.pk}/monitoring/"
    row = page.locator(f"#action-{action.number}")

    # The business reviewer, on a tablet, reports progress with an evidence file.
    page.set_viewport_size(TABLET)
    login(page, live_server, "business@demo.example")
    page.goto(dashboard)
    expect(page.locator("h1")).to_have_text("Monitoring")
    expect(row).to_contain_text("Open")
    page.screenshot(path=screenshot_dir / "monitoring-dashboard-business-768.png", full_page=True)
    row.get_by_role("link", name=f"A{action.number}").click()
    expect(page.locator("h1")).to_have_text(f"Action A{action.number}")
    expect(page.locator("#close-form")).to_have_count(0)  # the business never closes
    page.locator("#id_text").fill(PROGRESS)
    page.get_by_label("Progress made").check()
    page.locator("#id_evidence").set_input_files(str(evidence_path))
    page.get_by_role("button", name="Report progress").click()
    expect(page.locator(".messages")).to_contain_text("Progress reported.")
    expect(page.locator("#updates")).to_contain_text(PROGRESS)
    expect(page.locator("#updates")).to_contain_text("locker-photos.pdf")
    page.screenshot(path=screenshot_dir / "monitoring-action-business-768.png", full_page=True)
    assert Evidence.objects.filter(action=action, uploaded_by=users["business@demo.example"]).count() == 1
    _sign_out(page)

    # The lead assessor, at a desk, verifies the evidence and closes the action.
    page.set_viewport_size(DESKTOP)
    login(page, live_server, "lead@demo.example")
    page.goto(dashboard)
    expect(row).to_contain_text("Progress made")
    row.get_by_role("link", name=f"A{action.number}").click()
    expect(page.locator("#close-blockers")).to_have_count(0)  # evidence is on file
    with page.expect_download() as download:
        page.get_by_role("link", name="locker-photos.pdf").click()
    assert download.value.suggested_filename == "locker-photos.pdf"
    page.locator("#close_note").fill(NOTE)
    page.screenshot(path=screenshot_dir / "monitoring-action-lead-1280.png", full_page=True)
    page.get_by_role("button", name="Verify and close").click()
    expect(page.locator(".messages")).to_contain_text("Verified and closed.")
    expect(page.locator("#action-status")).to_contain_text("Closed")
    expect(page.locator("#closed-by")).to_contain_text("verified by Demo Lead Assessor")
    expect(page.locator("#decisions")).to_contain_text(NOTE)
    expect(page.locator("#reopen-form")).to_be_visible()
    page.screenshot(path=screenshot_dir / "monitoring-action-closed-1280.png", full_page=True)

    # The dashboard shows it closed, at both widths.
    page.get_by_role("link", name="Monitoring", exact=True).click()
    expect(row).to_contain_text("Closed")
    expect(row).to_contain_text("Verified by Demo Lead Assessor")
    expect(page.locator("#overdue").get_by_role("link", name=f"A{late.number}")).to_be_visible()  # the demo's
    expect(page.locator("#upcoming")).not_to_contain_text(WHAT)
    page.screenshot(path=screenshot_dir / "monitoring-dashboard-lead-1280.png", full_page=True)
    page.set_viewport_size(TABLET)
    page.reload()
    expect(row).to_contain_text("Closed")
    page.screenshot(path=screenshot_dir / "monitoring-dashboard-lead-768.png", full_page=True)

    # The organisation overview, from the navigation.
    page.get_by_role("link", name="Organisation overview").click()
    expect(page.locator(f"[data-engagement='{engagement.pk}'] [data-count=overdue]")).to_contain_text("1")
    page.screenshot(path=screenshot_dir / "monitoring-org-overview-768.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=screenshot_dir / "monitoring-org-overview-1280.png", full_page=True)

    action.refresh_from_db()
    assert action.status == ActionStatus.CLOSED
    assert action.verified_by == users["lead@demo.example"]
    verbs = set(AuditEntry.objects.filter(target_id=str(action.pk)).values_list("verb", flat=True))
    assert {"action.progress_reported", "action.verified_and_closed"} <= verbs
