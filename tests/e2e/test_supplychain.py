"""Phase 2 in a real browser: building a small map, importing a workforce file, and a 60-actor map."""

from __future__ import annotations

import re
from itertools import combinations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}
DESKTOP = {"width": 1280, "height": 900}


def _add_actor(page, name: str, kind: str, country: str, route: str, licence: str, another: bool) -> None:
    page.fill("#id_name", name)
    page.select_option("#id_actor_type", kind)
    page.select_option("#id_country", country)
    page.select_option("#id_location_role", route)
    page.select_option("#id_licence_status", licence)
    page.get_by_role("button", name="Add and add another" if another else "Add to the map").click()
    expect(page.locator(".alert-success")).to_contain_text(f"{name} added to the map.")


def _choose(page, select: str, text: str) -> None:
    """Select the option whose label contains the text."""
    value = page.locator(f"{select} option", has_text=text).first.get_attribute("value")
    page.select_option(select, value)


def _add_link(page, source: str, kind: str, target: str) -> None:
    _choose(page, "#id_source", source)
    page.select_option("#id_kind", kind)
    _choose(page, "#id_target", target)
    page.get_by_role("button", name="Add the link").click()
    expect(page.locator(".alert-success")).to_contain_text("Link added")


def test_lead_builds_a_small_map_through_the_pages(page, live_server, demo, login, screenshot_dir):
    page.set_viewport_size(TABLET)
    login(page, live_server, "lead@demo.example")
    page.goto(f"{live_server.url}/engagements/{demo.engagement.pk}/phases/2/")
    page.locator(".step-page", has_text="Supply-chain map").click()
    expect(page.get_by_role("heading", name="Supply-chain map", level=1)).to_be_visible()

    page.get_by_role("link", name="Add an actor").click()
    _add_actor(page, "E2E Buyer Example", "business", "GB", "", "not_applicable", another=True)
    _add_actor(page, "E2E Supplier Example", "supplier", "TH", "destination", "not_applicable", another=True)
    _add_actor(page, "E2E Recruiter (Yangon)", "recruiter", "MM", "origin", "licensed", another=False)

    page.get_by_role("link", name="Add a link").click()
    _add_link(page, "E2E Supplier Example", "supplies", "E2E Buyer Example")
    page.get_by_role("link", name="Add a link").click()
    _add_link(page, "E2E Recruiter (Yangon)", "recruits_for", "E2E Supplier Example")

    actors = page.locator("#chain-map g.actor")
    for name in ("E2E Buyer Example", "E2E Supplier Example", "E2E Recruiter (Yangon)"):
        expect(actors.filter(has=page.locator("title", has_text=name))).to_have_count(1)
    table = page.get_by_role("table").first
    for name, tier in (("E2E Buyer Example", "0"), ("E2E Supplier Example", "1"), ("E2E Recruiter (Yangon)", "2")):
        expect(table.get_by_role("row", name=re.compile(re.escape(name))).locator("td").nth(5)).to_have_text(tier)
    # The recruiter's path to the workplace can be followed; its missing subagent is a visibility gap.
    expect(page.locator("#gaps-heading ~ ul")).to_contain_text(
        "E2E Recruiter (Yangon): No known subagent or partner recruiter"
    )
    _choose(page, "#sc-path", "E2E Recruiter (Yangon) → E2E Supplier Example")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".sc-path")).to_contain_text("E2E Recruiter (Yangon)")
    page.screenshot(path=screenshot_dir / "supplychain-small-map-768.png", full_page=True)


def test_lead_imports_a_workforce_file_through_the_page(page, live_server, demo, login, screenshot_dir, tmp_path):
    from engagements.supplychain import services
    from engagements.supplychain.models import ActorType

    lead = demo.engagement.participants.get(role="lead_assessor").user
    for name, kind, country in (
        ("E2E Plant Operator", ActorType.SUPPLIER, "TH"),
        ("E2E Recruiter A", ActorType.RECRUITER, "MM"),
    ):
        services.actor_create(actor=lead, engagement=demo.engagement, name=name, actor_type=kind, country=country)

    page.set_viewport_size(TABLET)
    login(page, live_server, "lead@demo.example")
    page.goto(f"{live_server.url}/engagements/{demo.engagement.pk}/supply-chain/workforce/")
    page.fill("#id_name", "E2E Plant")
    _choose(page, "#id_employer", "E2E Plant Operator")
    page.get_by_role("button", name="Add the site").click()
    expect(page.get_by_role("heading", name="E2E Plant", level=1)).to_be_visible()

    bad = tmp_path / "breakdown-bad.csv"
    bad.write_text(
        "nationality,gender,age_band,recruiter,recruitment_year,employment,count\n"
        "MM,Woman,18-24,E2E Recruiter A,2024,Direct,64\n"
        "KH,Woman,25-34,Unknown Agency,2024,Direct,12\n",
        encoding="utf-8",
    )
    page.set_input_files("#id_file", str(bad))
    page.get_by_role("button", name="Import and replace").click()
    expect(page.locator("#import-errors")).to_contain_text("Row 3:")
    expect(page.locator("#import-errors")).to_contain_text("no recruiter or subagent named “Unknown Agency”")
    expect(page.locator("#workforce-rows")).to_have_count(0)
    page.screenshot(path=screenshot_dir / "supplychain-import-refused-768.png", full_page=True)

    good = tmp_path / "breakdown.csv"
    good.write_text(
        "nationality,gender,age_band,recruiter,recruitment_year,employment,count\n"
        "MM,Woman,18-24,E2E Recruiter A,2024,Direct,64\n"
        "Cambodia,Man,25-34,,2023,Subcontracted,12\n",
        encoding="utf-8",
    )
    page.set_input_files("#id_file", str(good))
    page.get_by_role("button", name="Import and replace").click()
    expect(page.locator(".alert-success")).to_contain_text("Imported 2 rows")
    rows = page.locator("#workforce-rows tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Myanmar")).to_contain_text("E2E Recruiter A")
    expect(rows.filter(has_text="Cambodia")).to_contain_text("Subcontracted or agency")
    expect(page.locator("#rows-heading")).to_contain_text("76 workers")
    page.screenshot(path=screenshot_dir / "supplychain-import-done-768.png", full_page=True)


def test_the_sixty_actor_map_is_drawn_without_overlaps(page, live_server, demo, login, screenshot_dir):
    from engagements.services.engagements import engagement_create
    from engagements.services.participants import participant_set
    from tenancy.roles import EngagementRole
    from tests.engagements.test_supply_chain import sixty_actor_map

    lead = demo.engagement.participants.get(role="lead_assessor").user
    engagement = engagement_create(actor=lead, organisation=demo.organisation, title="E2E sixty-actor map")
    participant_set(actor=lead, engagement=engagement, user=lead, role=EngagementRole.LEAD_ASSESSOR)
    sixty_actor_map(engagement, lead)

    page.set_viewport_size(DESKTOP)
    login(page, live_server, "lead@demo.example")
    page.goto(f"{live_server.url}/engagements/{engagement.pk}/supply-chain/")
    boxes = page.locator("#chain-map rect.actor-box")
    expect(boxes).to_have_count(60)
    rects = [boxes.nth(i).bounding_box() for i in range(60)]
    overlapping = [
        (i, j)
        for (i, a), (j, b) in combinations(enumerate(rects), 2)
        if a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    ]
    assert not overlapping
    # The drawing fits the page's width.
    figure = page.locator("#chain-map").bounding_box()
    svg = page.locator("#chain-map svg").bounding_box()
    assert svg["width"] <= figure["width"]
    page.screenshot(path=screenshot_dir / "supplychain-60-actors-1280.png", full_page=True)

    page.locator("#sc-path").select_option("1")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".sc-path li")).to_have_count(4)
    page.get_by_role("link", name="Full size").click()
    page.locator("#chain-map").screenshot(path=screenshot_dir / "supplychain-60-actors-path-full-size-1280.png")
