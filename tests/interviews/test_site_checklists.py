"""Site checklists (guide, phase 4 step 5): each item saved on its own, photos stripped of every metadata.

The photo tests make a JPEG with GPS EXIF and an orientation tag, upload it, and read what the
server hands back with Pillow: no EXIF at all, and the picture shows the same way up.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.test.client import encode_multipart
from django.urls import reverse
from PIL import Image, ImageOps

from audit.models import AuditEntry
from interviews.sampling.models import AssessmentSite
from interviews.sampling.services import sample
from interviews.sitevisits import checklist, photos
from interviews.sitevisits.models import SiteObservation
from interviews.sitevisits.services.observations import observation_save
from tests.conftest import World

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
ITEM = "wa_toilets_water"
NOTE = "Sentinel note: toilets on floor two locked"
RED, BLUE = (220, 20, 20), (20, 20, 220)


@pytest.fixture(autouse=True)
def private_storage(settings: Any, tmp_path: Path) -> Path:
    """Each test stores its files in its own folder, so 'nothing stored' and 'deleted' can be checked."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


@pytest.fixture
def site(world: World) -> AssessmentSite:
    return sample.site_create(actor=world.user("lead"), engagement=world.engagement, name="Plant A", workers_on_site=80)


def _save_url(world: World, site: AssessmentSite, item: str = ITEM) -> str:
    return reverse("sitevisits:observation_save", args=[world.engagement.pk, site.pk, item])


def _gps_jpeg(orientation: int = 6) -> bytes:
    """A 60x30 picture, red on the left and blue on the right, with GPS, an orientation, a comment and XMP."""
    image = Image.new("RGB", (60, 30), RED)
    image.paste(BLUE, (30, 0, 60, 30))
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "Test Camera Maker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (13.0, 32.0, 51.0)  # GPSLatitudeRef, GPSLatitude
    gps[3], gps[4] = "E", (100.0, 16.0, 26.0)  # GPSLongitudeRef, GPSLongitude
    out = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    image.save(out, format="JPEG", exif=exif, comment=b"Test owner comment", xmp=xmp, quality=95)
    return out.getvalue()


def _png(size: tuple[int, int] = (40, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, RED).save(out, format="PNG")
    return out.getvalue()


def _close(a: tuple[int, ...], b: tuple[int, ...], tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=False))


# --- Saving an item ---------------------------------------------------------------------------------


def test_interviewer_saves_one_item_and_gets_its_row_and_progress_back(
    world: World, site: AssessmentSite, client_for: Any
) -> None:
    client = client_for("interviewer")
    response = client.post(_save_url(world, site), {"status": "issue", "note": NOTE}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="item-{ITEM}"' in html and NOTE in html and "Saved" in html
    working = len(checklist.sections()[0].items)
    assert (
        f"1 of {working} observed" in html
        and 'id="progress-working" class="section-progress" hx-swap-oob="true"' in html
    )
    observation = SiteObservation.objects.get(site=site, item=ITEM)
    assert (observation.status, observation.note, observation.observed_by) == ("issue", NOTE, world.user("interviewer"))

    # Saving again updates the same row: one observation per item and site.
    client.post(_save_url(world, site), {"status": "fine", "note": ""}, **HTMX)
    assert SiteObservation.objects.filter(site=site, item=ITEM).get().status == "fine"


def test_the_audit_entry_has_ids_and_status_never_the_note(world: World, site: AssessmentSite, client_for: Any) -> None:
    client_for("assessor").post(_save_url(world, site), {"status": "issue", "note": NOTE}, **HTMX)
    entry = AuditEntry.objects.get(verb="site_observation.saved")
    assert entry.detail == {"site": str(site.pk), "item": ITEM, "status": "issue", "photo": None, "created": True}
    assert "Sentinel" not in str(entry.detail) and "Sentinel" not in entry.target_label


def test_without_javascript_the_form_posts_and_comes_back_to_the_item(
    world: World, site: AssessmentSite, client_for: Any
) -> None:
    response = client_for("lead").post(_save_url(world, site), {"status": "not_applicable"})
    assert response.status_code == 302 and response["Location"].endswith(f"#item-{ITEM}")
    assert SiteObservation.objects.get(site=site, item=ITEM).status == "not_applicable"


def test_an_item_not_on_the_reference_checklist_is_404(world: World, site: AssessmentSite, client_for: Any) -> None:
    response = client_for("lead").post(_save_url(world, site, "made_up_item"), {"status": "fine"}, **HTMX)
    assert response.status_code == 404
    assert not SiteObservation.objects.exists()


def test_a_bad_status_is_refused_and_what_was_typed_comes_back(
    world: World, site: AssessmentSite, client_for: Any
) -> None:
    response = client_for("lead").post(_save_url(world, site), {"status": "great", "note": NOTE}, **HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Not saved" in html and NOTE in html
    assert not SiteObservation.objects.exists() and not AuditEntry.objects.filter(verb__startswith="site_").exists()


@pytest.mark.parametrize(("persona", "status"), [("business", 403), ("workerrep", 403), ("other_org", 404)])
def test_business_worker_reps_and_outsiders_can_neither_see_nor_record(
    world: World, site: AssessmentSite, client_for: Any, persona: str, status: int
) -> None:
    client = client_for(persona)
    page = reverse("sitevisits:checklist", args=[world.engagement.pk, site.pk])
    assert client.get(page).status_code == status
    assert client.post(_save_url(world, site), {"status": "fine"}, **HTMX).status_code == status
    assert not SiteObservation.objects.exists()


def test_a_site_of_another_engagement_is_404(world: World, client_for: Any) -> None:
    other = sample.site_create(
        actor=world.user("other_org"), engagement=world.other_engagement, name="Elsewhere", workers_on_site=None
    )
    url = reverse("sitevisits:checklist", args=[world.engagement.pk, other.pk])
    assert client_for("lead").get(url).status_code == 404
    assert client_for("lead").post(_save_url(world, other), {"status": "fine"}).status_code == 404


def test_the_checklist_page_shows_both_sections_and_r115_in_a_fixed_number_of_queries(
    world: World, site: AssessmentSite, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    lead = world.user("lead")
    for item in list(checklist.items_by_id())[:12]:
        observation_save(actor=lead, site=site, item_id=item, status="fine", note="ok")
    client = client_for("interviewer")
    url = reverse("sitevisits:checklist", args=[world.engagement.pk, site.pk])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Working areas" in html and "Living areas" in html and "ILO R115 housing points" in html
    assert html.count('class="btn-check"') == 3 * len(checklist.items_by_id())
    assert "A separate bed for each worker" in html  # an R115 point (para. 8(a))


def test_the_sites_page_counts_progress_per_section(world: World, site: AssessmentSite, client_for: Any) -> None:
    lead = world.user("lead")
    observation_save(actor=lead, site=site, item_id="wa_canteen", status="issue")
    observation_save(actor=lead, site=site, item_id="r115_own_bed", status="fine")
    observation_save(actor=lead, site=site, item_id="la_curfew", status="", note="come back at night")
    html = client_for("interviewer").get(reverse("sitevisits:sites", args=[world.engagement.pk])).content.decode()
    working, living = (len(s.items) for s in checklist.sections())
    assert f"1 of {working} observed" in html and f"1 of {living} observed" in html  # a note alone is not observed
    assert "1 issue" in html


def test_saving_still_needs_the_csrf_token(world: World, site: AssessmentSite) -> None:
    """The view reads its body only after setting the size limit, then checks CSRF itself."""
    from django.test import Client

    from tests.conftest import verify_session

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("interviewer"), backend="django.contrib.auth.backends.ModelBackend")
    verify_session(client, world.user("interviewer"))
    response = client.post(_save_url(world, site), {"status": "fine", "note": NOTE}, **HTMX)
    assert response.status_code == 403
    assert not SiteObservation.objects.exists()
    page = client.get(reverse("sitevisits:checklist", args=[world.engagement.pk, site.pk]))
    token = page.cookies["csrftoken"].value
    response = client.post(_save_url(world, site), {"status": "fine"}, HTTP_X_CSRFTOKEN=token, **HTMX)
    assert response.status_code == 200 and SiteObservation.objects.count() == 1


# --- Photos -----------------------------------------------------------------------------------------


def test_a_photo_comes_back_without_any_exif_and_the_same_way_up(
    world: World, site: AssessmentSite, client_for: Any
) -> None:
    original = _gps_jpeg(orientation=6)
    with Image.open(io.BytesIO(original)) as check:
        assert check.getexif().get_ifd(0x8825)  # the test picture does carry GPS
        expected = ImageOps.exif_transpose(check)  # how a viewer shows it: 30 wide, 60 high
    client = client_for("interviewer")
    upload = SimpleUploadedFile("IMG_0001.jpg", original, "image/jpeg")
    response = client.post(_save_url(world, site), {"status": "issue", "photo": upload}, **HTMX)
    assert response.status_code == 200, response.content
    observation = SiteObservation.objects.get(site=site, item=ITEM)

    served = client.get(reverse("sitevisits:photo", args=[world.engagement.pk, observation.pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert served["Content-Disposition"].startswith("inline")
    assert served["X-Content-Type-Options"] == "nosniff"
    body = b"".join(served.streaming_content)
    with Image.open(io.BytesIO(body)) as stored:
        assert not stored.getexif()
        assert not {"exif", "xmp", "icc_profile", "comment", "photoshop"} & set(stored.info)
        assert stored.size == expected.size == (30, 60)
        # Same way up: the top of the stored picture is what a viewer showed at the top.
        for point in ((15, 5), (15, 55)):
            assert _close(stored.convert("RGB").getpixel(point), expected.getpixel(point))
    assert b"Test Camera Maker" not in body and b"Test owner comment" not in body and b"xmpmeta" not in body


def test_a_large_photo_is_scaled_down_and_a_thumbnail_is_served(
    world: World, site: AssessmentSite, client_for: Any
) -> None:
    client = client_for("lead")
    upload = SimpleUploadedFile("wide.png", _png((3000, 1500)), "image/png")
    assert client.post(_save_url(world, site), {"status": "fine", "photo": upload}, **HTMX).status_code == 200
    observation = SiteObservation.objects.get(site=site, item=ITEM)
    url = reverse("sitevisits:photo", args=[world.engagement.pk, observation.pk])
    full = client.get(url)
    thumb = client.get(url + "?size=thumb")
    assert full["Content-Type"] == thumb["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(b"".join(full.streaming_content))) as image:
        assert image.size == (photos.MAX_SIDE, photos.MAX_SIDE // 2)
    with Image.open(io.BytesIO(b"".join(thumb.streaming_content))) as image:
        assert max(image.size) == photos.THUMB_SIDE


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.jpg", b"<html><script>alert(1)</script></html>"),
        ("drawing.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        ("broken.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64),
    ],
)
def test_a_file_that_is_not_a_jpeg_png_or_webp_is_refused_and_nothing_is_saved(
    world: World, site: AssessmentSite, client_for: Any, private_storage: Path, name: str, content: bytes
) -> None:
    upload = SimpleUploadedFile(name, content, "image/jpeg")
    response = client_for("lead").post(
        _save_url(world, site), {"status": "issue", "note": NOTE, "photo": upload}, **HTMX
    )
    assert response.status_code == 422
    assert "not a photo" in response.content.decode()
    assert not SiteObservation.objects.exists() and _files(private_storage) == []


def test_a_body_declared_too_large_is_refused_before_it_is_read(
    world: World, site: AssessmentSite, client_for: Any, settings: Any, private_storage: Path
) -> None:
    settings.SITEVISITS_MAX_PHOTO_BYTES = 1024
    client = client_for("lead")
    # The declared length is far beyond what is sent: reading the body would fail the test client.
    response = client.post(_save_url(world, site), {"status": "fine"}, CONTENT_LENGTH=str(50 * 1024 * 1024), **HTMX)
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert not SiteObservation.objects.exists() and _files(private_storage) == []


def test_a_photo_over_the_limit_is_refused_after_reading_and_nothing_is_saved(
    world: World, site: AssessmentSite, client_for: Any, settings: Any, private_storage: Path
) -> None:
    settings.SITEVISITS_MAX_PHOTO_BYTES = 2048
    big = _gps_jpeg() + b"\x00" * 4096  # under the declared-length margin, over the photo limit
    upload = SimpleUploadedFile("big.jpg", big, "image/jpeg")
    response = client_for("lead").post(
        _save_url(world, site), {"status": "fine", "note": NOTE, "photo": upload}, **HTMX
    )
    assert response.status_code == 422
    assert "too large" in response.content.decode() and NOTE in response.content.decode()
    assert not SiteObservation.objects.exists() and _files(private_storage) == []


def test_the_upload_handler_drops_a_file_past_the_limit_while_reading(settings: Any, rf: Any) -> None:
    settings.SITEVISITS_MAX_PHOTO_BYTES = 1000
    body = encode_multipart("BoUnDaRy", {"photo": SimpleUploadedFile("p.jpg", b"x" * 5000), "note": "kept"})
    request = rf.post("/", body, content_type="multipart/form-data; boundary=BoUnDaRy")
    limit = photos.PhotoSizeLimit(request)
    meta = {**request.META, "CONTENT_LENGTH": str(len(body))}
    post, files = MultiPartParser(meta, io.BytesIO(body), [limit, MemoryFileUploadHandler(request)]).parse()
    assert limit.exceeded and "photo" not in files and post["note"] == "kept"


def test_replacing_and_removing_a_photo_deletes_the_old_files(
    world: World,
    site: AssessmentSite,
    client_for: Any,
    private_storage: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = client_for("interviewer")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_save_url(world, site), {"status": "issue", "photo": SimpleUploadedFile("a.png", _png())}, **HTMX)
    first = _files(private_storage)
    assert len(first) == 2  # the photo and its thumbnail, under random names
    assert all(p.name not in ("a.png",) for p in first)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_save_url(world, site), {"status": "issue", "photo": SimpleUploadedFile("b.png", _png())}, **HTMX)
    second = _files(private_storage)
    assert len(second) == 2 and not set(first) & set(second)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_save_url(world, site), {"status": "issue", "remove_photo": "on"}, **HTMX)
    assert _files(private_storage) == []
    assert not SiteObservation.objects.get(site=site, item=ITEM).photo
    verbs = list(
        AuditEntry.objects.filter(verb="site_observation.saved").order_by("id").values_list("detail__photo", flat=True)
    )
    assert verbs == ["added", "replaced", "removed"]


@pytest.mark.parametrize(("persona", "status"), [("business", 403), ("workerrep", 403), ("other_org", 404)])
def test_only_the_team_can_open_a_photo(
    world: World, site: AssessmentSite, client_for: Any, persona: str, status: int
) -> None:
    observation = observation_save(
        actor=world.user("lead"),
        site=site,
        item_id=ITEM,
        status="issue",
        photo=photos.clean_photo(SimpleUploadedFile("p.png", _png())),
    )
    url = reverse("sitevisits:photo", args=[world.engagement.pk, observation.pk])
    assert client_for(persona).get(url).status_code == status
    assert client_for("interviewer").get(url).status_code == 200


def test_a_webp_photo_is_accepted_and_stored_as_jpeg(world: World, site: AssessmentSite, client_for: Any) -> None:
    out = io.BytesIO()
    Image.new("RGB", (50, 40), BLUE).save(out, format="WEBP")
    upload = SimpleUploadedFile("shot.webp", out.getvalue(), "image/webp")
    client = client_for("assessor")
    assert client.post(_save_url(world, site), {"status": "fine", "photo": upload}, **HTMX).status_code == 200
    observation = SiteObservation.objects.get(site=site, item=ITEM)
    served = client.get(reverse("sitevisits:photo", args=[world.engagement.pk, observation.pk]))
    assert served["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(b"".join(served.streaming_content))) as image:
        assert image.format == "JPEG" and image.size == (50, 40)


# --- The phase tracker and the demo -----------------------------------------------------------------


def test_phase_4_links_the_checklists_to_the_team_and_the_review_to_reviewers(world: World, client_for: Any) -> None:
    sites = reverse("sitevisits:sites", args=[world.engagement.pk])
    review = reverse("sitevisits:documents", args=[world.engagement.pk])
    phase = reverse("engagements:phase", args=[world.engagement.pk, 4])
    interviewer = client_for("interviewer").get(phase).content.decode()
    assert sites in interviewer and review not in interviewer
    assessor = client_for("assessor").get(phase).content.decode()
    assert sites in assessor and review in assessor


def test_the_demo_seeder_runs_twice_without_adding_anything(world: World) -> None:
    from interviews.preparation.services import business
    from interviews.sitevisits.demo import seed_demo_sitevisits
    from interviews.sitevisits.models import DocumentReview

    users = {f"{persona}@demo.example": world.user(persona) for persona in ("lead", "assessor", "interviewer")}
    sample.site_create(
        actor=world.user("lead"), engagement=world.engagement, name="Processing plant 1", workers_on_site=1
    )
    business.document_requests_add_standard(actor=world.user("lead"), engagement=world.engagement)
    seed_demo_sitevisits(world.engagement, users)
    counts = (SiteObservation.objects.count(), DocumentReview.objects.count(), AuditEntry.objects.count())
    assert counts[0] > 5 and counts[1] > 5
    assert SiteObservation.objects.exclude(photo="").count() == 1
    seed_demo_sitevisits(world.engagement, users)
    assert (SiteObservation.objects.count(), DocumentReview.objects.count(), AuditEntry.objects.count()) == counts
