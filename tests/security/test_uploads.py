"""Uploaded files come back with a safe, fixed content type, never sniffed, never executed.

Each download endpoint of uploaded files (documents, procedure and commitment files, evidence, site photos)
is fetched by a persona the access matrix allows, with the objects its row prepares. Documents and evidence
are attachments; site photos are shown inline, but only as PNG/JPEG re-encoded from pixels, in a sandbox.
What is accepted in the first place (an HTML page or script renamed ``.pdf`` is refused) is proved in
tests/interviews/test_documents.py (test of disguised files) and tests/interviews/test_site_checklists.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import World
from tests.security.matrix import collect
from tests.security.test_access_matrix import _prepare

pytestmark = pytest.mark.django_db

ROWS, _ = collect()

ATTACHMENTS = (
    "preparation:document_download",
    "preparation:procedure_document",
    "preparation:commitment_document",
    "monitoring:evidence",
    "reports:download",
)
INLINE_IMAGES = ("sitevisits:photo",)
SAFE_TYPES = {
    "application/pdf",
    "image/png",
    "image/jpeg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "text/csv",
    "text/plain",
    "application/octet-stream",
}


def _fetch(url_name: str, world: World, client_for: Any) -> Any:
    _prepare(world, url_name)
    row = ROWS[url_name]
    persona = next(p for p in ("lead", "assessor", "business", "interviewer") if row.methods["GET"][p] == "ok")
    response = client_for(persona).get(reverse(url_name, kwargs=row.kwargs(world)))
    assert response.status_code == 200, (url_name, persona, response.status_code)
    return response


def _media_type(response: Any) -> str:
    return response["Content-Type"].split(";")[0].strip().lower()


@pytest.mark.parametrize("url_name", ATTACHMENTS)
def test_uploaded_files_are_served_as_attachments_of_a_safe_type(url_name: str, world: World, client_for: Any) -> None:
    response = _fetch(url_name, world, client_for)
    assert _media_type(response) in SAFE_TYPES, response["Content-Type"]
    assert response["Content-Disposition"].startswith("attachment;"), response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response.get("Cache-Control", "")
    b"".join(response.streaming_content)


@pytest.mark.parametrize("url_name", INLINE_IMAGES)
def test_site_photos_are_images_shown_in_a_sandbox(url_name: str, world: World, client_for: Any) -> None:
    response = _fetch(url_name, world, client_for)
    assert _media_type(response) in {"image/png", "image/jpeg"}
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy
    body = b"".join(response.streaming_content)
    assert body[:8] == b"\x89PNG\r\n\x1a\n" or body[:3] == b"\xff\xd8\xff"


def test_every_download_endpoint_of_the_matrix_is_covered() -> None:
    """A new file endpoint must join the lists above (names ending like the existing ones)."""
    suffixes = ("_document", "_download", ":download", ":evidence", ":photo")
    file_rows = {
        name for name in ROWS if name.endswith(suffixes) and "GET" in ROWS[name].methods and name.count(":") == 1
    }
    assert file_rows <= set(ATTACHMENTS) | set(INLINE_IMAGES), sorted(file_rows - set(ATTACHMENTS))
