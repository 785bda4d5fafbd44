"""Phase 4 in the browser: recording the preliminary findings meeting and logging a follow-up call.

At desktop (1280x900) and tablet (768x1024) width, with screenshots in test-results/screenshots/.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}
NOTE = "E2E-SENTINEL-CALL-NOTE"


def _sign_out(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def test_lead_records_the_workers_session_and_each_side_sees_its_own(page, live_server, demo, login, screenshot_dir):
    from findings.models import MeetingSession, SessionKind

    # The demo has both sessions; record the workers' one afresh, through the form.
    MeetingSession.objects.filter(engagement=demo.engagement, kind=SessionKind.WORKERS).delete()
    base = f"{live_server.url}/engagements/{demo.engagement.pk}"

    page.set_viewport_size(DESKTOP)
    login(page, live_server, "lead@demo.example")
    page.goto(f"{base}/")
    page.get_by_role("link", name="Preliminary findings meeting").first.click()
    expect(page.locator("h1")).to_have_text("Preliminary findings meeting")
    page.get_by_role("link", name="Record Worker representatives' session").click()

    expect(page.get_by_role("note")).to_contain_text("Never list the workers who were interviewed")
    page.locator("#id_held_on").fill("2026-11-20")
    page.locator("#id_place").fill("Community centre (e2e)")
    page.locator("#id_findings_presented").fill("Recruitment fees reported in both corridors (e2e).")
    page.locator("#id_attendees-0-name").fill("E2E Representative")
    page.locator("#id_attendees-0-role").fill("Workers' committee (fictional)")
    page.locator("#id_critical_findings-0-what").fill("Return passports held by the employer (e2e)")
    page.locator("#id_critical_findings-0-who_acts").fill("HR manager")
    # Half a row: refused with a clear error, nothing saved.
    page.get_by_role("button", name="Save the session").click()
    expect(page.locator(".invalid-feedback").first).to_contain_text("Fill this in")
    assert not MeetingSession.objects.filter(engagement=demo.engagement, kind=SessionKind.WORKERS).exists()
    page.screenshot(path=screenshot_dir / "findings-session-form-error-1280.png", full_page=True)

    page.locator("#id_critical_findings-0-due_on").fill("2026-11-27")
    page.locator("#id_next_steps-0-what").fill("Closing meeting (e2e)")
    page.locator("#id_next_steps-0-due_on").fill("2026-12-20")
    page.get_by_role("button", name="Save the session").click()
    expect(page.locator(".messages")).to_contain_text("saved")
    expect(page.locator("main")).to_contain_text("Return passports held by the employer (e2e)")
    expect(page.locator("main")).to_contain_text("E2E Representative")
    page.screenshot(path=screenshot_dir / "findings-session-1280.png", full_page=True)
    page.set_viewport_size(TABLET)
    page.screenshot(path=screenshot_dir / "findings-session-768.png", full_page=True)
    page.goto(f"{base}/findings-meeting/workers/record/")
    page.screenshot(path=screenshot_dir / "findings-session-form-768.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/findings-meeting/")
    page.screenshot(path=screenshot_dir / "findings-meeting-lead-1280.png", full_page=True)
    _sign_out(page)

    # The business reviewer: the management session only; the workers' one is not found.
    login(page, live_server, "business@demo.example")
    page.goto(f"{base}/")
    page.get_by_role("link", name="Preliminary findings meeting").first.click()
    expect(page.locator("main")).to_contain_text("Management session")
    expect(page.locator("main")).not_to_contain_text("Worker representatives")
    page.screenshot(path=screenshot_dir / "findings-meeting-business-1280.png", full_page=True)
    assert page.goto(f"{base}/findings-meeting/workers/").status == 404
    _sign_out(page)

    # The worker representative: the workers' session only.
    page.set_viewport_size(TABLET)
    login(page, live_server, "workerrep@demo.example")
    page.goto(f"{base}/findings-meeting/")
    expect(page.locator("main")).to_contain_text("Worker representatives' session")
    expect(page.locator("main")).not_to_contain_text("Management session")
    page.get_by_role("link", name="Open Worker representatives' session").click()
    expect(page.locator("main")).to_contain_text("E2E Representative")
    page.screenshot(path=screenshot_dir / "findings-session-workerrep-768.png", full_page=True)
    assert page.goto(f"{base}/findings-meeting/management/").status == 404


def test_assessor_logs_a_follow_up_call(page, live_server, demo, login, screenshot_dir):
    from interviews.followup.models import CallOutcome, FollowUpCall
    from vault.models import Consent

    consent = Consent.objects.get(respondent__engagement=demo.engagement, follow_up_calls=True)
    pseudonym = consent.respondent.pseudonym
    base = f"{live_server.url}/engagements/{demo.engagement.pk}"

    page.set_viewport_size(TABLET)
    login(page, live_server, "assessor@demo.example")
    page.goto(f"{base}/")
    page.get_by_role("link", name="Follow-up line and calls").first.click()
    expect(page.locator(".line-number")).to_have_text("+00 800 000 0000")
    expect(page.locator("main")).not_to_contain_text("+00 000 000 0001")  # the worker's phone: vault only
    page.screenshot(path=screenshot_dir / "followup-list-768.png", full_page=True)

    page.get_by_role("link", name=f"Call log {pseudonym}").click()
    page.locator("#id_called_on").fill(consent.given_on.isoformat())
    page.get_by_label("Reported retaliation").check()
    page.locator("#id_note").fill(NOTE)
    page.get_by_role("button", name="Log the call").click()
    expect(page.locator("#id_referral")).to_have_class("textarea form-control is-invalid")
    assert not FollowUpCall.objects.filter(outcome=CallOutcome.RETALIATION).exists()
    page.screenshot(path=screenshot_dir / "followup-call-error-768.png", full_page=True)

    page.locator("#id_referral").fill("Referred to the legal aid clinic; they call back within two days.")
    page.get_by_role("button", name="Log the call").click()
    expect(page.locator(".messages")).to_contain_text(f"Call logged for {pseudonym}")
    expect(page.locator("main")).to_contain_text(NOTE)
    call = FollowUpCall.objects.get(outcome=CallOutcome.RETALIATION)
    assert NOTE.encode() not in bytes(call.ciphertext)
    page.screenshot(path=screenshot_dir / "followup-calls-768.png", full_page=True)

    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/follow-up/")
    expect(page.locator(f"#respondent-{consent.respondent.pk}")).to_contain_text("Retaliation reported")
    page.screenshot(path=screenshot_dir / "followup-list-1280.png", full_page=True)


def test_lead_sets_the_line_and_reaches_a_phone_only_through_the_unlock(page, live_server, demo, login, screenshot_dir):
    from interviews.followup.selectors import follow_up_line

    base = f"{live_server.url}/engagements/{demo.engagement.pk}"
    page.set_viewport_size(DESKTOP)
    login(page, live_server, "lead@demo.example")
    page.goto(f"{base}/follow-up/")
    page.screenshot(path=screenshot_dir / "followup-list-lead-1280.png", full_page=True)

    page.set_viewport_size(TABLET)
    page.get_by_role("link", name="Edit the follow-up line").click()
    page.locator("#id_hours").fill("Every day, 07:00-21:00")
    page.get_by_label("Lao").check()
    page.screenshot(path=screenshot_dir / "followup-line-form-768.png", full_page=True)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Follow-up line saved")
    line = follow_up_line(demo.engagement)
    assert line.hours == "Every day, 07:00-21:00" and set(line.languages) == {"my", "km", "th", "lo"}

    page.get_by_role("link", name="Unlock phone").first.click()
    assert "/identity/" in page.url
    expect(page.locator("main")).not_to_contain_text("+00 000 000 0001")  # not before a reason is given
