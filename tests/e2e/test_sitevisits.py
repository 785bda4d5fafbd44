"""Site checklist with a photo, and a document review, in a real browser at tablet width (768x1024)."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}
DESKTOP = {"width": 1280, "height": 900}
ITEM = "wa_rest_areas"  # not observed in the demo


def _photo_with_gps() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (640, 480), (200, 190, 170))
    image.paste((40, 90, 160), (0, 0, 640, 160))
    exif = Image.Exif()
    exif[0x0112] = 1
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (13.0, 32.0, 51.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_interviewer_records_an_observation_with_a_photo(page, live_server, demo, login, screenshot_dir):
    from PIL import Image

    from interviews.sitevisits.models import SiteObservation

    page.set_viewport_size(TABLET)
    login(page, live_server, "interviewer@demo.example")
    page.goto(f"{live_server.url}/engagements/{demo.engagement.pk}/site-checklists/")
    expect(page.locator("#site-progress")).to_contain_text("Processing plant 1")
    page.screenshot(path=screenshot_dir / "sitevisits-sites-768.png", full_page=True)
    page.locator("tr", has_text="Processing plant 1").get_by_role("link", name="Open the checklist").click()
    expect(page.locator("#progress-working")).to_contain_text("5 of 14 observed")

    row = page.locator(f"#item-{ITEM}")
    row.scroll_into_view_if_needed()
    row.get_by_text("Issue", exact=True).click()  # a tap saves at once
    expect(page.locator(f"#item-{ITEM} .obs-feedback")).to_contain_text("Saved")
    expect(page.locator("#progress-working")).to_contain_text("6 of 14 observed")
    assert SiteObservation.objects.get(site__name="Processing plant 1", item=ITEM).status == "issue"

    row = page.locator(f"#item-{ITEM}")
    row.get_by_label("Note").fill("Rest area is a corridor beside the freezer; no seats.")
    row.get_by_label("Photo (optional)").set_input_files(
        files=[{"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": _photo_with_gps()}]
    )
    row.get_by_role("button", name="Save").click()
    expect(page.locator(f"#item-{ITEM} img.obs-thumb")).to_be_visible()
    expect(page.locator(f"#item-{ITEM} .obs-feedback")).to_contain_text("Saved")
    observation = SiteObservation.objects.get(site__name="Processing plant 1", item=ITEM)
    assert observation.note.startswith("Rest area") and observation.photo
    with observation.photo.open("rb") as handle, Image.open(handle) as stored:
        assert not stored.getexif() and stored.size == (640, 480)
    page.locator(f"#item-{ITEM}").screenshot(path=screenshot_dir / "sitevisits-row-768.png")
    page.screenshot(path=screenshot_dir / "sitevisits-checklist-768.png", full_page=True)

    # The photo opens on its own, as an image (not a download).
    with page.context.expect_page() as opened:
        page.locator(f"#item-{ITEM} .obs-thumb-link").click()
    photo_page = opened.value
    photo_page.wait_for_load_state()
    assert photo_page.evaluate("document.contentType") == "image/jpeg"
    photo_page.close()

    # Removing the photo is one tap, and the row stays as it was otherwise.
    page.locator(f"#item-{ITEM}").get_by_role("button", name="Remove photo").click()
    expect(page.locator(f"#item-{ITEM} img.obs-thumb")).to_have_count(0)
    observation.refresh_from_db()
    assert not observation.photo and observation.status == "issue" and observation.note.startswith("Rest area")

    # No signal: the row says it was not saved and keeps what was entered; Save again once back online.
    other = page.locator("#item-wa_leave")
    page.context.set_offline(True)
    other.get_by_label("Note").fill("Leave records kept by the supervisor.")
    other.get_by_text("Not applicable", exact=True).click()
    expect(page.locator("#item-wa_leave .obs-feedback")).to_contain_text("no connection")
    expect(page.locator("#st-wa_leave-na")).to_be_checked()
    page.context.set_offline(False)
    page.locator("#item-wa_leave").get_by_role("button", name="Save").click()
    expect(page.locator("#item-wa_leave .obs-feedback")).to_contain_text("Saved")
    leave = SiteObservation.objects.get(site__name="Processing plant 1", item="wa_leave")
    assert (leave.status, leave.note) == ("not_applicable", "Leave records kept by the supervisor.")

    page.set_viewport_size(DESKTOP)
    page.reload()
    page.locator("#section-living").scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "sitevisits-checklist-1280.png", full_page=False)


def test_assessor_reviews_a_document_and_flags_it(page, live_server, demo, login, screenshot_dir):
    from interviews.sitevisits.models import DocumentReview

    page.set_viewport_size(TABLET)
    login(page, live_server, "assessor@demo.example")
    page.goto(f"{live_server.url}/engagements/{demo.engagement.pk}/document-review/")
    expect(page.locator("#limitations")).to_contain_text("Suspected withheld")
    page.locator("#review-list li", has_text="Grievance mechanism").get_by_role("link", name="Review").click()

    page.get_by_label("Not received").check()
    page.get_by_label("Suspected withheld").check()
    page.get_by_label("Restrictions on leaving, or resignation penalties").check()
    page.get_by_role("button", name="Save the review").click()
    expect(page.locator("#div_id_flag_explanation")).to_contain_text("Explain why")
    assert not DocumentReview.objects.filter(request__title__startswith="Grievance").exists()
    page.screenshot(path=screenshot_dir / "sitevisits-review-error-768.png", full_page=True)

    page.get_by_label("Why it is flagged").fill("HR said there is no written procedure; workers describe one.")
    page.get_by_role("button", name="Save the review").click()
    expect(page.locator(".messages")).to_contain_text("Review saved")
    review = DocumentReview.objects.get(request__title__startswith="Grievance")
    assert (review.received, review.flag, review.issues) == ("no", "withheld", ["leaving_restricted"])
    expect(page.locator("#limitations")).to_contain_text("Grievance mechanism policy and procedure")
    page.screenshot(path=screenshot_dir / "sitevisits-documents-768.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.reload()
    page.screenshot(path=screenshot_dir / "sitevisits-documents-1280.png", full_page=True)
