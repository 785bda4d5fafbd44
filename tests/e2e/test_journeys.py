"""Whole journeys (issue 8): one browser walk per role through the demo engagement, phase 1 to phase 8.

Each role follows the phase tracker's own links, does the role's work on the way, and is checked for what it
sees and what it must never see: a worker's answers, an identity, the sample, the team's pages, or (for
outsiders) a small cell. One demo seed per test; pages are reused; screenshots go to
test-results/screenshots/journeys/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.test_offline_capture import _interview, _ready
from tests.e2e.test_public_disclosure import _suppressed_rows

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}
PHASES = range(1, 9)
# What the demo's interviews hold and outsiders must never read: the one identity, its employee number,
# the answers' free text, and a pseudonym (R-XXXX-XXXX).
IDENTITY_NAME = "Example Person A"
EMPLOYEE_NUMBER = "DEMO-001"
ANSWER_TEXT = "Fictional demo interview."
PSEUDONYM = re.compile(r"\bR-[A-Z0-9]{4}-[A-Z0-9]{4}\b")
# The team's pages that the business and the worker representatives must not even be offered.
TEAM_ONLY = {"Worker interview sample", "Assessment team", "Interviews on the tablet (works offline)", "Daily debrief"}


@pytest.fixture
def shots(screenshot_dir: Path):
    folder = screenshot_dir / "journeys"
    folder.mkdir(parents=True, exist_ok=True)

    def shot(page: Any, name: str, full_page: bool = False) -> None:
        page.screenshot(path=folder / f"{name}-{page.viewport_size['width']}.png", full_page=full_page)

    return shot


def _engagement_base(live_server: Any, demo: Any) -> str:
    return f"{live_server.url}/engagements/{demo.engagement.pk}"


def _expected_labels(email: str, phase: int) -> list[str]:
    """The phase's pages the role is entitled to, from the capability matrix (the tracker must offer these)."""
    from accounts.models import User
    from engagements.models import Engagement
    from engagements.phase_pages import pages_for
    from tenancy.roles import ENGAGEMENT_CAPABILITIES

    user = User.objects.get(email=email)
    role = Engagement.objects.get(title__startswith="Shrimp processing").participants.get(user=user).role
    return [p.label for p in pages_for(phase, frozenset(ENGAGEMENT_CAPABILITIES[role]))]


def _assert_no_worker_data(page: Any, where: str) -> None:
    text = page.locator("body").inner_text()
    for secret in (IDENTITY_NAME, EMPLOYEE_NUMBER, ANSWER_TEXT):
        assert secret not in text, f"{where} shows {secret!r}"
    assert not PSEUDONYM.search(text), f"{where} shows a pseudonym"


def _walk_phases(
    page: Any, base: str, email: str, shot: Any, who: str, *, outsider: bool, no_worker_data: bool
) -> set[str]:
    """Open every phase and every page it links to; returns the labels offered.

    The team follows the phase tracker; the business and the worker representatives do not get the team's
    checklist (403), so they follow the phase cards of the engagement's overview, which offer their pages.
    """
    offered: set[str] = set()
    if outsider:
        page.goto(f"{base}/")
        shot(page, f"{who}-overview", full_page=True)
    for number in PHASES:
        if outsider:
            assert _status(page, f"{base}/phases/{number}/") == 403, f"phase {number}: the team's checklist"
            links = page.locator(f"#phase-card-{number} ul.page-links a")
        else:
            response = page.goto(f"{base}/phases/{number}/")
            assert response.status == 200, f"phase {number}: {response.status}"
            shot(page, f"{who}-phase{number}")
            links = page.locator("nav[aria-labelledby=pages-heading] a")
        labels = [t.strip() for t in links.all_inner_texts()]
        assert labels == _expected_labels(email, number), f"phase {number} offers {labels}"
        offered |= set(labels)
        hrefs = [links.nth(i).get_attribute("href") for i in range(len(labels))]
        for label, href in zip(labels, hrefs, strict=True):
            response = page.goto(f"{base.split('/engagements/')[0]}{href}")
            assert response.status == 200, f"{label}: {response.status}"
            expect(page.locator("h1")).to_be_visible()
            # Nobody sees an identity without unlocking it for a stated reason, not even the lead.
            assert IDENTITY_NAME not in page.locator("main").inner_text(), f"{label} shows an identity"
            if no_worker_data:
                _assert_no_worker_data(page, label)
            shot(page, f"{who}-phase{number}-{re.sub(r'[^a-z]+', '-', label.lower()).strip('-')}")
        if outsider:
            page.goto(f"{base}/")
    return offered


def _status(page: Any, url: str) -> int:
    return page.request.get(url, max_redirects=0).status


def test_lead_assessor_walks_phase_1_to_8(page, live_server, demo, login, shots, monkeypatch):
    from findings.reports.models import ReportRendering
    from findings.reports.tasks import render_report

    # Rendering the report takes far longer than this walk may (tests/e2e/test_reports.py renders it with a
    # real worker): here the request is only queued, and the test checks it was queued once.
    queued: list[object] = []
    monkeypatch.setattr(render_report, "delay", queued.append)

    base = _engagement_base(live_server, demo)
    page.set_viewport_size(DESKTOP)
    login(page, live_server, "lead@demo.example")
    page.goto(f"{base}/")
    expect(page.locator("h1")).to_contain_text(demo.engagement.title)
    shots(page, "lead-engagement", full_page=True)

    offered = _walk_phases(page, base, "lead@demo.example", shots, "lead", outsider=False, no_worker_data=False)
    assert offered >= TEAM_ONLY and {"Findings", "Action plan", "Public version"} <= offered

    # Findings: a released finding opens.
    page.goto(f"{base}/findings/")
    page.locator(".finding-card h2 a").first.click()
    expect(page.locator("#position")).to_be_visible()
    shots(page, "lead-finding", full_page=True)

    # The report is asked for (rendered in-process in tests: Celery is eager).
    page.goto(f"{base}/reports/")
    page.get_by_label("Assessment report").check()
    page.get_by_label("Stakeholders: small figures suppressed").check()
    page.get_by_role("button", name="Render").click()
    expect(page.locator(".alert-success")).to_contain_text("Assessment report v1 asked for")
    rendering = ReportRendering.objects.get(engagement=demo.engagement)
    assert queued == [str(rendering.pk)] and rendering.status != "done"
    expect(page.locator("progress.rendering-progress")).to_be_visible()
    shots(page, "lead-report", full_page=True)

    # Action plan, monitoring, disclosure: the demo's later phases are in place.
    page.goto(f"{base}/action-plan/")
    expect(page.locator("h1")).to_have_text("Action plan")
    expect(page.locator(".action-card, [id^=action-]").first).to_be_visible()
    page.goto(f"{base}/monitoring/")
    expect(page.locator("h1")).to_have_text("Monitoring")
    expect(page.locator("#overdue")).to_be_visible()
    page.goto(f"{base}/disclosure/")
    expect(page.get_by_role("link", name="Open the public page")).to_be_visible()
    shots(page, "lead-disclosure", full_page=True)


def test_interviewer_on_a_tablet_day_capture_outbox(browser, live_server, demo, login, shots):
    from vault.models import Response

    base = _engagement_base(live_server, demo)
    context = browser.new_context(viewport=TABLET)
    page = context.new_page()
    email = "interviewer@demo.example"
    login(page, live_server, email)
    offered = _walk_phases(page, base, email, shots, "interviewer", outsider=False, no_worker_data=True)
    assert "Findings" not in offered and "Public version" not in offered and "Action plan" not in offered
    for path in ("findings/", "analysis/", "action-plan/", "disclosure/", "people/"):
        assert _status(page, f"{base}/{path}") == 403, path

    # The field app: the day, one interview captured, the outbox sends it.
    before = Response.objects.filter(engagement=demo.engagement).count()
    page.goto(f"{live_server.url}/field/")
    _ready(page)
    slot = page.locator("li.slot-row", has_text="Individual interview").first
    expect(slot).to_contain_text("Not started")
    shots(page, "interviewer-day", full_page=True)
    _interview(page, slot, "Test journey interview", None, False)
    page.goto(f"{live_server.url}/field/#/outbox")
    expect(page.locator(".outbox-row[data-state=synced]")).to_have_count(1, timeout=15_000)
    shots(page, "interviewer-outbox", full_page=True)
    assert Response.objects.filter(engagement=demo.engagement).count() == before + 1
    context.close()


def test_business_reviewer_journey(page, live_server, demo, login, shots, tmp_path):
    from actionplans.models import Action
    from actionplans.monitoring.models import Evidence
    from disclosure.models import Approval
    from findings.models import BusinessPosition

    base = _engagement_base(live_server, demo)
    email = "business@demo.example"
    page.set_viewport_size(DESKTOP)
    login(page, live_server, email)
    offered = _walk_phases(page, base, email, shots, "business", outsider=True, no_worker_data=True)
    assert not offered & TEAM_ONLY, offered & TEAM_ONLY
    assert {"Answer the pre-assessment survey", "Requested documents", "Findings"} <= offered
    for path in ("sample/", "preparation/team/", "debrief/", "audit/", "people/", "findings/new/"):
        assert _status(page, f"{base}/{path}") in (403, 404), path

    # Phase 3: the survey and a requested document.
    page.goto(f"{base}/preparation/survey/answer/")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_be_visible()
    upload = tmp_path / "test-payroll-policy.pdf"
    upload.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    page.goto(f"{base}/preparation/documents/")
    page.locator("#upload-form input[type=file]").set_input_files(str(upload))
    page.locator("#upload-form").get_by_role("button", name="Upload").click()
    expect(page.locator("main")).to_contain_text("test-payroll-policy.pdf")
    shots(page, "business-documents", full_page=True)

    # Phase 5: disputes a released finding, with reasons.
    page.goto(f"{base}/findings/")
    page.locator(".finding-card h2 a").first.click()
    page.get_by_label("Disputes").check()
    page.locator("#id_reasons").fill("Test reasons: the fee was refunded before the assessment.")
    page.get_by_role("button", name="Record the business's position").click()
    expect(page.locator("#position")).to_contain_text("Test reasons")
    _assert_no_worker_data(page, "finding")
    shots(page, "business-finding", full_page=True)
    assert BusinessPosition.objects.filter(reasons__startswith="Test reasons").exists()

    # Phase 6: signs the plan again (the demo's signature was on an earlier version).
    page.goto(f"{base}/action-plan/sign-off/")
    page.locator("#id_signer_role").fill("Test Plant Director")
    page.locator("#id_confirm").check()
    page.get_by_role("button", name="Sign the plan").click()
    expect(page.locator(".messages")).to_contain_text("You signed this version")
    expect(page.locator("tr.group-business")).to_contain_text("Current")

    # Phase 7: reports progress with evidence on an open action.
    action = Action.objects.filter(plan__engagement=demo.engagement).exclude(status="closed").first()
    page.goto(f"{base}/monitoring/")
    page.locator(f"#action-{action.number}").get_by_role("link", name=f"A{action.number}").click()
    expect(page.locator("#close-form")).to_have_count(0)  # the business never closes an action
    page.locator("#id_text").fill("Test progress: lockers installed (journey).")
    page.get_by_label("Progress made").check()
    page.locator("#id_evidence").set_input_files(str(upload))
    page.get_by_role("button", name="Report progress").click()
    expect(page.locator(".messages")).to_contain_text("Progress reported.")
    assert Evidence.objects.filter(action=action).exists()
    shots(page, "business-progress", full_page=True)

    # Phase 8: withdraws and gives again its approval of the public version.
    page.goto(f"{base}/disclosure/")
    page.get_by_role("button", name="Withdraw my side's approval").click()
    page.get_by_role("button", name="Approve this version for my side").click()
    expect(page.locator(".approval-business")).to_contain_text("Approved")
    assert Approval.objects.filter(approved_by__email=email, withdrawn_at=None).count() == 1
    _assert_no_worker_data(page, "disclosure")
    shots(page, "business-disclosure", full_page=True)


def test_worker_representative_journey(page, live_server, demo, login, shots):
    from actionplans.models import Action, ActionFeedback
    from findings.models import FindingComment

    base = _engagement_base(live_server, demo)
    email = "workerrep@demo.example"
    page.set_viewport_size(TABLET)
    login(page, live_server, email)
    offered = _walk_phases(page, base, email, shots, "workerrep", outsider=True, no_worker_data=True)
    assert not offered & TEAM_ONLY and "Answer the pre-assessment survey" not in offered
    for path in ("sample/", "preparation/team/", "preparation/survey/answer/", "preparation/documents/", "audit/"):
        assert _status(page, f"{base}/{path}") in (403, 404), path

    # Comments on a finding, in confidence.
    page.goto(f"{base}/findings/")
    page.locator(".finding-card h2 a").first.click()
    page.locator("#comment-body-new").fill("Test comment from the workers' side (journey).")
    page.get_by_label("Only the assessment team and the worker representatives read this").check()
    page.get_by_role("button", name="Comment", exact=True).click()
    expect(page.locator("#discussion")).to_contain_text("Test comment from the workers' side")
    assert FindingComment.objects.filter(body__startswith="Test comment", private_to="workers").exists()
    # The business's feedback on the report is not for the workers' side.
    page.goto(f"{base}/report-feedback/")
    expect(page.locator("main")).not_to_contain_text("Shrimp processor (demo)")

    # Feedback on an action of the plan, then the signature.
    action = Action.objects.filter(plan__engagement=demo.engagement).first()
    page.goto(f"{base}/action-plan/actions/{action.pk}/")
    page.locator("#feedback-body-new").fill("Test feedback: explain it at the committee (journey).")
    page.get_by_role("button", name="Give feedback").click()
    expect(page.locator(".messages")).to_contain_text("Feedback added.")
    assert ActionFeedback.objects.get(body__startswith="Test feedback").side == "workers"
    shots(page, "workerrep-action", full_page=True)
    page.goto(f"{base}/action-plan/sign-off/")
    page.locator("#id_signer_role").fill("Test Committee Chair")
    page.locator("#id_confirm").check()
    page.get_by_role("button", name="Sign the plan").click()
    expect(page.locator(".messages")).to_contain_text("You signed this version")
    shots(page, "workerrep-signoff", full_page=True)

    # Approves the public version for the workers' side.
    page.goto(f"{base}/disclosure/")
    page.get_by_role("button", name="Withdraw my side's approval").click()
    page.get_by_role("button", name="Approve this version for my side").click()
    expect(page.locator(".approval-workers")).to_contain_text("Approved")
    _assert_no_worker_data(page, "disclosure")
    shots(page, "workerrep-disclosure", full_page=True)


def test_the_public_sees_only_the_published_version(page, live_server, demo, shots):
    from disclosure.models import Disclosure
    from engagements.demo import PEOPLE

    disclosure = Disclosure.objects.get(engagement=demo.engagement)
    url = f"{live_server.url}/public/{disclosure.slug}/"
    assert str(demo.engagement.pk) not in url
    for size in (DESKTOP, TABLET):
        page.set_viewport_size(size)
        response = page.goto(url)
        assert response.status == 200
        expect(page.locator("h1")).to_have_text(demo.engagement.title)
        shots(page, "public", full_page=True)
    assert not page.context.cookies(), "the public page set a cookie"
    text = page.locator("body").inner_text()
    for name in [person[1] for person in PEOPLE] + [IDENTITY_NAME, EMPLOYEE_NUMBER, ANSWER_TEXT]:
        assert name not in text, f"the public page shows {name!r}"
    assert not PSEUDONYM.search(text)
    suppressed = _suppressed_rows(demo)
    assert suppressed, "the demo has no small cell to check"
    for name, team_figure in suppressed.items():
        row = page.locator("#section-numbers tr", has=page.locator("th", has_text=name)).first
        expect(row).to_contain_text("suppressed")
        expect(row).not_to_contain_text(team_figure)
    # Everything behind the public page stays behind a sign-in.
    base = _engagement_base(live_server, demo)
    for path in ("", "findings/", "disclosure/"):
        assert _status(page, f"{base}/{path}") == 302, path
