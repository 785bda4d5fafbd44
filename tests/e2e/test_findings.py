"""Phase 5 in the browser: the lead writes, triangulates and releases a finding; the business disputes it;
the worker representative comments in confidence. Then the closing meeting and the feedback page.

At desktop (1280x900) and tablet (768x1024) width, with screenshots in test-results/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}
TITLE = "Workers pay for their own medical checks (e2e)"
REASONS = "The clinic invoices the recruiter, not the workers (e2e)."
COMMENT = "Workers on night shift were charged twice (e2e)."


def _sign_out(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def test_lead_releases_a_finding_business_disputes_it_worker_rep_comments(
    page, live_server, demo, login, screenshot_dir
):
    from audit.models import AuditEntry
    from findings.models import BusinessPosition, Finding, FindingComment

    base = f"{live_server.url}/engagements/{demo.engagement.pk}"

    # The lead assessor writes the finding.
    page.set_viewport_size(DESKTOP)
    login(page, live_server, "lead@demo.example")
    page.goto(f"{base}/phases/5/")
    page.get_by_role("link", name="Findings").first.click()
    expect(page.locator("h1")).to_have_text("Findings")
    page.screenshot(path=screenshot_dir / "findings-list-lead-1280.png", full_page=True)
    page.get_by_role("link", name="New finding").click()
    expect(page.locator(".guidance")).to_contain_text("passports are returned to them")
    page.locator("#id_title").fill(TITLE)
    page.get_by_label("Major").check()
    page.locator("#id_description").fill("Workers paid for the pre-departure medical check themselves (e2e).")
    page.locator("#id_workers_affected").fill("12")
    page.locator("#id_workers_asked").fill("8")
    page.get_by_role("button", name="Save the finding").click()
    expect(page.locator("#id_workers_affected")).to_have_class(re.compile(r"\bis-invalid\b"))
    assert not Finding.objects.filter(title=TITLE).exists()
    page.screenshot(path=screenshot_dir / "findings-form-error-1280.png", full_page=True)

    page.locator("#id_workers_asked").fill("16")
    page.locator("#id_breakdown_dimension").select_option("nationality")
    page.locator("#id_groups-0-group").fill("Myanmar")
    page.locator("#id_groups-0-count").fill("9")
    page.locator("#id_groups-1-group").fill("Cambodia")
    page.locator("#id_groups-1-count").fill("3")
    page.get_by_label("Debt bondage", exact=True).check()
    page.locator("#id_root_cause").fill("The recruiter's service fee does not cover the medical check (e2e).")
    page.locator("#id_evidence").fill("Worker interviews; the fee disclosure (e2e).")
    page.locator("#id_recommendation").fill("Target outcome: no worker pays for a medical check. Repay (e2e).")
    page.locator("#id_recommendation_term").select_option("medium")
    page.get_by_role("button", name="Save the finding").click()
    expect(page.locator(".messages")).to_contain_text("saved as a draft")
    expect(page.locator("#single-source")).to_contain_text("Limitation: single source.")

    # Triangulation: the worker interviews and a document reviewed agree.
    page.get_by_role("link", name="Sources", exact=True).click()
    worker_form = page.locator("form.source-form").filter(has=page.locator("input[value=worker_interviews]"))
    worker_form.get_by_label("Agrees").check()
    worker_form.get_by_role("button").click()
    expect(page.locator(".messages")).to_contain_text("Source linked.")
    document_form = page.locator("form.source-form").filter(has=page.locator("input[value=document_review]"))
    document_form.locator("select").select_option(index=1)
    document_form.get_by_label("Agrees").check()
    document_form.get_by_role("button").click()
    expect(page.locator("main")).to_contain_text("Triangulated: at least two kinds of source agree.")
    page.screenshot(path=screenshot_dir / "findings-sources-1280.png", full_page=True)
    page.get_by_role("link", name="Back to the finding").click()
    expect(page.locator("#single-source")).to_have_count(0)
    page.get_by_role("button", name="Release to the business and worker representatives").click()
    expect(page.locator(".messages")).to_contain_text("released to the business and the worker representatives")
    page.screenshot(path=screenshot_dir / "findings-detail-lead-1280.png", full_page=True)
    finding = Finding.objects.get(title=TITLE)
    assert finding.is_released
    _sign_out(page)

    # A draft the business must not see (the demo released all of its findings by phase 6).
    from django.db.models import Max

    Finding.objects.create(
        engagement=demo.engagement,
        number=(demo.engagement.findings.aggregate(n=Max("number"))["n"] or 0) + 1,
        title="Test draft finding (e2e)",
        severity="minor",
        written_by=finding.written_by,
    )

    # The business disputes it: first without reasons (refused), then with them.
    login(page, live_server, "business@demo.example")
    page.goto(f"{base}/findings/")
    expect(page.locator("main")).to_contain_text(TITLE)
    expect(page.locator("main")).not_to_contain_text("Test draft finding (e2e)")
    page.screenshot(path=screenshot_dir / "findings-list-business-1280.png", full_page=True)
    page.get_by_role("link", name=f"F{finding.number} · {TITLE}").click()
    affected = page.locator("#affected-numbers")
    expect(affected).to_contain_text("12 of 16 workers asked")
    expect(page.locator(".affected-table")).to_contain_text("suppressed")
    expect(page.locator(".affected-table")).not_to_contain_text("3")
    page.get_by_label("Disputes").check()
    page.get_by_role("button", name="Record the business's position").click()
    expect(page.locator("#position")).to_contain_text("Give the business's reasons for disputing the finding.")
    assert not BusinessPosition.objects.filter(finding=finding).exists()
    page.get_by_label("Disputes").check()
    page.locator("#id_reasons").fill(REASONS)
    page.get_by_role("button", name="Record the business's position").click()
    expect(page.locator("#position")).to_contain_text(REASONS)
    page.screenshot(path=screenshot_dir / "findings-detail-business-1280.png", full_page=True)
    _sign_out(page)

    # The worker representative comments, in confidence, on a tablet.
    page.set_viewport_size(TABLET)
    login(page, live_server, "workerrep@demo.example")
    page.goto(f"{base}/findings/{finding.pk}/")
    expect(page.locator("#position")).to_contain_text("Disputes")
    page.locator("#comment-body-new").fill(COMMENT)
    page.get_by_label("Only the assessment team and the worker representatives read this").check()
    page.get_by_role("button", name="Comment", exact=True).click()
    expect(page.locator("#discussion")).to_contain_text(COMMENT)
    expect(page.locator("#discussion")).to_contain_text("Confidential: team and worker representatives")
    page.screenshot(path=screenshot_dir / "findings-detail-workerrep-768.png", full_page=True)
    page.goto(f"{base}/findings/")
    page.screenshot(path=screenshot_dir / "findings-list-workerrep-768.png", full_page=True)
    _sign_out(page)

    comment = FindingComment.objects.get(finding=finding)
    assert comment.private_to == "workers"
    verbs = set(
        AuditEntry.objects.filter(target_id__in=[str(finding.pk), str(comment.pk)]).values_list("verb", flat=True)
    )
    assert {"finding.released", "finding.business_position", "finding.commented"} <= verbs

    # The business does not read the confidential comment.
    page.set_viewport_size(DESKTOP)
    login(page, live_server, "business@demo.example")
    page.goto(f"{base}/findings/{finding.pk}/")
    expect(page.locator("#discussion")).not_to_contain_text(COMMENT)
    _sign_out(page)


def test_the_closing_meeting_and_the_feedback_pages(page, live_server, demo, login, screenshot_dir):
    base = f"{live_server.url}/engagements/{demo.engagement.pk}"
    page.set_viewport_size(DESKTOP)
    login(page, live_server, "assessor@demo.example")
    page.goto(f"{base}/phases/5/")
    page.get_by_role("link", name="Closing meeting").first.click()
    expect(page.locator("#action-plan-due")).to_contain_text("Full draft due")
    page.screenshot(path=screenshot_dir / "findings-closing-1280.png", full_page=True)
    page.get_by_role("link", name="Edit").click()
    page.locator("#id_action_plan_from").fill("2000-01-01")
    page.get_by_role("button", name="Save the closing meeting").click()
    expect(page.locator("main")).to_contain_text("cannot run from before the closing meeting")
    page.screenshot(path=screenshot_dir / "findings-closing-form-error-1280.png", full_page=True)
    page.set_viewport_size(TABLET)
    page.screenshot(path=screenshot_dir / "findings-closing-form-768.png", full_page=True)
    page.goto(f"{base}/report-feedback/")
    page.screenshot(path=screenshot_dir / "findings-feedback-team-768.png", full_page=True)
    page.goto(f"{base}/findings/")
    page.screenshot(path=screenshot_dir / "findings-list-assessor-768.png", full_page=True)
    first = page.locator(".finding-card h2 a").first
    first.click()
    page.screenshot(path=screenshot_dir / "findings-detail-assessor-768.png", full_page=True)
    page.get_by_role("link", name="Edit", exact=True).click()
    page.screenshot(path=screenshot_dir / "findings-form-768.png", full_page=True)
    _sign_out(page)

    login(page, live_server, "workerrep@demo.example")
    page.goto(f"{base}/report-feedback/")
    expect(page.locator("main")).to_contain_text("Fictional Seafood Workers' Union")
    expect(page.locator("main")).not_to_contain_text("Shrimp processor (demo)")  # the business's feedback
    page.locator("#id_stakeholder").fill("Migrant workers' committee (e2e)")
    page.locator("#id_body").fill("Please add the committee's contact for follow-up (e2e).")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".messages")).to_contain_text("Feedback recorded.")
    page.screenshot(path=screenshot_dir / "findings-feedback-workerrep-768.png", full_page=True)
    page.goto(f"{base}/closing-meeting/")
    page.screenshot(path=screenshot_dir / "findings-closing-workerrep-768.png", full_page=True)
