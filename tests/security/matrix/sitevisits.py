"""Rows for the site checklists and the document review (phase 4 on site).

The assessment team (lead, assessor, interviewer) records and sees site checklists and their photos
(RECORD_OBSERVATIONS). Only the lead and assessors review documents (REVIEW_DOCUMENTS): the business
keeps its upload page of phase 3 and never reaches the reviews.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from interviews.preparation.models import DocumentRequest
from interviews.preparation.services import business
from interviews.sampling.models import AssessmentSite
from interviews.sampling.services import sample
from interviews.sitevisits import photos
from interviews.sitevisits.models import SiteObservation
from interviews.sitevisits.services.observations import observation_save
from tests.conftest import World
from tests.security.matrix.common import Row, e_kw, engagement_rule

TEAM = ("lead", "assessor", "interviewer")
REVIEWERS = ("lead", "assessor")
SITE = "Matrix Site Visit"
REQUEST = "Matrix payslips"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 60)).save(out, format="PNG")
    return out.getvalue()


def site_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "site_id": AssessmentSite.objects.get(engagement=w.engagement, name=SITE).pk}


def item_kw(w: World) -> dict[str, Any]:
    return {**site_kw(w), "item_id": "wa_canteen"}


def observation_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "observation_id": SiteObservation.objects.get(site__name=SITE, item="la_curfew").pk}


def request_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "request_id": DocumentRequest.objects.get(engagement=w.engagement, title=REQUEST).pk}


ROWS: dict[str, Row] = {
    "sitevisits:sites": Row({"GET": engagement_rule(*TEAM)}, kwargs=e_kw),
    "sitevisits:checklist": Row({"GET": engagement_rule(*TEAM)}, kwargs=site_kw),
    "sitevisits:observation_save": Row(
        {"POST": engagement_rule(*TEAM)},
        kwargs=item_kw,
        data=lambda w: {"status": "issue", "note": "Matrix note"},
        htmx=True,
    ),
    "sitevisits:photo": Row({"GET": engagement_rule(*TEAM)}, kwargs=observation_kw),
    "sitevisits:documents": Row({"GET": engagement_rule(*REVIEWERS)}, kwargs=e_kw),
    "sitevisits:document_review": Row(
        {"GET": engagement_rule(*REVIEWERS), "POST": engagement_rule(*REVIEWERS)},
        kwargs=request_kw,
        data=lambda w: {"received": "no", "flag": "withheld", "flag_explanation": "Not provided by day 2"},
    ),
}


def prepare(world: World) -> None:
    """A site with one observation carrying a photo, and a requested document."""
    lead = world.user("lead")
    site = sample.site_create(actor=lead, engagement=world.engagement, name=SITE, workers_on_site=None)
    photo = photos.clean_photo(SimpleUploadedFile("matrix.png", _png(), "image/png"))
    observation_save(actor=lead, site=site, item_id="la_curfew", status="issue", photo=photo)
    business.document_request_add(actor=lead, engagement=world.engagement, category="other", title=REQUEST)
