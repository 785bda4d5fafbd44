"""Acceptance (issue 7, phase 8): an anonymous browser sees exactly the approved content of the public version.

On the demo engagement the lead chooses a public version (one released finding, one action) and both sides
approve it; sentinel strings are planted where nothing may leak from: a released finding not chosen, a draft,
a chosen finding's group below k, an action's responsible person, the names of the participants (signers and
approvers included) and of meeting attendees. After approval the chosen finding is edited: the published page
still shows what was approved. The PDF is checked the same way; the pages are shot at desktop and tablet width.
"""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}
SHOWN_TITLE = "E2E approved finding: recruitment fees charged to workers"
SHOWN_ACTION = "E2E approved action: repay every recruitment fee in full"
SENTINELS = {
    "unapproved finding": "SENTINEL-UNAPPROVED-FINDING",
    "draft finding": "SENTINEL-DRAFT-FINDING",
    "edit after approval": "SENTINEL-EDITED-AFTER-APPROVAL",
    "group below k": "SENTINEL-SMALL-GROUP",
    "responsible person": "SENTINEL-RESPONSIBLE-PERSON",
    "participant name": "SENTINEL-PARTICIPANT-NAME",
}


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"


def _both_widths(page, screenshot_dir, name: str) -> None:
    for label, size in (("1280", DESKTOP), ("768", TABLET)):
        page.set_viewport_size(size)
        _no_sideways_scroll(page)
        page.screenshot(path=screenshot_dir / f"{name}-{label}.png", full_page=True)


def _publish(demo):
    """Choose, approve and publish on the demo engagement, planting the sentinels; returns the version."""
    from accounts.models import User
    from disclosure.content import current
    from disclosure.models import Section
    from disclosure.services import disclosure_approve, disclosure_choose, version_publish
    from findings.models import Finding
    from findings.services.findings import finding_create, finding_release, finding_update
    from tests.disclosure.helpers import make_action
    from tests.security.matrix.findings import COMPLETE

    engagement = demo.engagement
    lead = User.objects.get(email="lead@demo.example")
    business = User.objects.get(email="business@demo.example")
    workerrep = User.objects.get(email="workerrep@demo.example")
    for user in (lead, business, workerrep):  # signers and approvers: their names must never be published
        user.full_name = f"{SENTINELS['participant name']} {user.email.split('@')[0]}"
        user.save(update_fields=["full_name"])

    def finding(title: str, *, released: bool, **fields) -> Finding:
        made = finding_create(actor=lead, engagement=engagement, title=title, **{**COMPLETE, **fields})
        if released:
            finding_release(actor=lead, finding=made)
        return made

    shown = finding(
        SHOWN_TITLE,
        released=True,
        workers_affected=21,
        workers_asked=40,
        breakdown_dimension="nationality",
        breakdown=[{"group": "Myanmar", "count": 20}, {"group": SENTINELS["group below k"], "count": 1}],
    )
    finding(f"{SENTINELS['unapproved finding']} released, not chosen", released=True)
    finding(f"{SENTINELS['draft finding']} never released", released=False)

    class World:  # what tests.disclosure.helpers.make_action reads
        def __init__(self) -> None:
            self.engagement = engagement

        def user(self, _persona: str):
            return lead

    action = make_action(
        World(),
        [shown],
        what=SHOWN_ACTION,
        responsible_person=SENTINELS["responsible person"],
        responsible_organisation="Demo Shrimp Processor Co.",
        due_date=date(2027, 6, 30),
    )
    disclosure = disclosure_choose(
        actor=lead, engagement=engagement, sections=Section.values, findings=[shown], actions=[action]
    )
    fingerprint = current(disclosure)[1]
    for approver in (business, workerrep):
        disclosure_approve(actor=approver, disclosure=disclosure, fingerprint=fingerprint)
    version = version_publish(actor=lead, disclosure=disclosure)  # the PDF renders on commit (eager Celery)
    finding_update(
        actor=lead, finding=shown, description=f"{SENTINELS['edit after approval']}: changed after publishing"
    )
    version.refresh_from_db()
    return version


def _names_that_must_not_appear(demo) -> list[str]:
    from findings.models import ClosingAttendee, MeetingAttendee

    names = list(ClosingAttendee.objects.values_list("name", flat=True))
    names += list(MeetingAttendee.objects.values_list("name", flat=True))
    return [n for n in names if n] + list(SENTINELS.values())


def _suppressed_rows(demo) -> dict[str, str]:
    """Indicator or risk -> the figure the team sees, for every row whose public figure is suppressed."""
    from findings.analysis.selectors import indicator_tables

    team = {r.name: r.overall.text for r in indicator_tables(demo.engagement, sees_small_cells=True)[0].rows}
    public = indicator_tables(demo.engagement, sees_small_cells=False)[0].rows
    return {r.name: team[r.name] for r in public if r.overall.suppressed}


def test_an_anonymous_browser_sees_exactly_the_approved_content(page, live_server, demo, screenshot_dir):
    from tests.security.matrix import collect

    version = _publish(demo)
    assert version.pdf_ready, "the PDF was not rendered"
    url = f"{live_server.url}/public/{version.disclosure.slug}/"
    assert str(demo.engagement.pk) not in url

    page.set_viewport_size(DESKTOP)
    response = page.goto(url)
    assert response.status == 200
    assert not page.context.cookies(), "the public page set a cookie"
    expect(page.locator("h1")).to_have_text(demo.engagement.title)
    main = page.locator("main")
    expect(main).to_contain_text(SHOWN_TITLE)
    expect(main).to_contain_text(SHOWN_ACTION)
    expect(main).to_contain_text("Demo Shrimp Processor Co.")
    expect(main).to_contain_text("Groups that could point at fewer than")
    text = page.locator("body").inner_text()
    leaked = [s for s in _names_that_must_not_appear(demo) if s in text]
    assert not leaked, f"the public page shows {leaked}"

    suppressed = _suppressed_rows(demo)
    assert suppressed, "the demo has no small cell to check"
    for name, team_figure in suppressed.items():
        row = page.locator("#section-numbers tr", has=page.locator("th", has_text=name)).first
        expect(row).to_contain_text("suppressed")
        expect(row).not_to_contain_text(team_figure)
    _both_widths(page, screenshot_dir, "public-disclosure")

    pdf = page.request.get(f"{url}pdf/")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    (screenshot_dir / "public-disclosure.pdf").write_bytes(pdf.body())
    pdf_text = subprocess.run(["pdftotext", "-", "-"], input=pdf.body(), capture_output=True, check=True).stdout
    pdf_text = pdf_text.decode()
    assert SHOWN_TITLE in " ".join(pdf_text.split())
    leaked = [s for s in _names_that_must_not_appear(demo) if s in pdf_text]
    assert not leaked, f"the PDF shows {leaked}"

    rows, _prepares = collect()
    for name in ("public:disclosure", "public:disclosure_pdf"):
        assert rows[name].methods["GET"]["anonymous"] == 200, name


def test_the_team_and_the_approvers_see_their_pages(page, live_server, demo, login, screenshot_dir):
    from disclosure.demo import seed_demo_disclosure
    from engagements.demo import PEOPLE, _user

    seed_demo_disclosure(demo.engagement, {email: _user(email, name) for email, name, *_rest in PEOPLE})
    base = f"{live_server.url}/engagements/{demo.engagement.pk}/disclosure"

    page.set_viewport_size(DESKTOP)
    login(page, live_server, "business@demo.example")
    page.goto(f"{base}/")
    expect(page.locator(".approval-business")).to_contain_text("Approved")
    expect(page.get_by_role("button", name="Withdraw my side's approval")).to_be_visible()
    _both_widths(page, screenshot_dir, "disclosure-overview-business")

    page.context.clear_cookies()  # sign the business reviewer out
    login(page, live_server, "lead@demo.example")
    page.goto(f"{base}/")
    expect(page.get_by_role("link", name="Open the public page")).to_be_visible()
    _both_widths(page, screenshot_dir, "disclosure-overview-lead")
    page.goto(f"{base}/choose/")
    page.get_by_label("Progress of the actions").uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.locator(".approval-workers")).to_contain_text("Approved an earlier version")
    _both_widths(page, screenshot_dir, "disclosure-overview-changed")
    page.goto(f"{base}/choose/")
    _both_widths(page, screenshot_dir, "disclosure-choose")
    page.goto(f"{base}/log/")
    expect(page.locator(".log-entry")).to_have_count(1)
    page.fill("input[name=held_on]", "2027-02-01")
    page.select_option("select[name=kind]", "government")
    page.fill("input[name=parties]", "Demo Ministry of Labour")
    page.fill("textarea[name=summary]", "E2E dialogue on the employer-pays principle")
    with page.expect_navigation():
        page.get_by_role("button", name="Add").click()
    expect(page.locator(".log-entry")).to_have_count(2)
    _both_widths(page, screenshot_dir, "disclosure-log")
