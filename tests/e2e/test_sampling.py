"""Drawing the worker interview sample, in a real browser at tablet width."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}


def _attendance_list() -> bytes:
    lines = ["No.,Name,Employee no.,Nationality,Gender,Shift,Supervisor"]
    for n in range(1, 151):
        nationality = ("Myanmar", "Cambodia", "Laos")[n % 3]
        lines.append(f"{n},Fictional Person {n},E2E-{n:04d},{nationality},{'Woman' if n % 2 else 'Man'},Day,{n > 145}")
    return ("\n".join(lines) + "\n").encode()


def test_lead_uploads_the_list_and_draws_the_sample(page, live_server, demo, login, screenshot_dir):
    from interviews.sampling.models import AttendanceRow, SampleDraw, SampledWorker

    page.set_viewport_size(TABLET)
    login(page, live_server, "lead@demo.example")
    page.goto(f"{live_server.url}/engagements/{demo.engagement.pk}/sample/")
    expect(page.locator("#provisional-note")).to_contain_text("Provisional")

    page.get_by_role("link", name="Add a site").click()
    page.locator("#id_name").fill("Packing plant (e2e)")
    page.get_by_role("button", name="Save").click()
    row = page.locator("tr", has_text="Packing plant (e2e)")
    row.get_by_role("link", name="Upload the list").click()

    expect(page.locator("#privacy-note")).to_contain_text("never stored")
    page.get_by_label("Date of the list").fill("2026-11-03")
    page.get_by_label("Attendance list (CSV or .xlsx)").set_input_files(
        files=[{"name": "attendance.csv", "mimeType": "text/csv", "buffer": _attendance_list()}]
    )
    page.get_by_role("button", name="Upload and read the list").click()
    expect(page.locator(".messages")).to_contain_text("3 other columns dropped")

    page.get_by_label("Random seed (optional)").fill("777")
    page.locator("#draw-button").click()
    expect(page.locator("#draw-seed")).to_have_text("777")

    draw = SampleDraw.objects.get(attendance_list__site__name="Packing plant (e2e)")
    workers = list(
        SampledWorker.objects.filter(draw=draw, row__is_supervisor=False)
        .order_by("row__position")
        .values_list("row__position", flat=True)
    )
    assert len(workers) == 32  # 145 workers on the list: 26 from the table, +20%
    expect(page.locator("#worker-positions li")).to_have_text([str(p) for p in workers])
    expect(page.locator("#supervisor-positions li")).to_have_count(2)
    assert not AttendanceRow.objects.filter(attendance_list=draw.attendance_list, nationality__contains="Fictional")
    page.screenshot(path=screenshot_dir / "sampling-draw-768.png", full_page=True)
