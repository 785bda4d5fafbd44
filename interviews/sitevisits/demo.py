"""The demo's site checklist and document review: fictional observations at the processing plant, a few reviews.

Called from ``engagements.demo.seed_demo`` after the preparation and sampling seeders (it uses their
request list and site). Idempotent: each part is made once. The photo is drawn here, not taken.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from engagements.models import Engagement
from interviews.preparation.models import DocumentCategory, DocumentRequest
from interviews.preparation.services import business
from interviews.sampling.models import AssessmentSite
from interviews.sitevisits import photos
from interviews.sitevisits.models import DocumentReview, SiteObservation
from interviews.sitevisits.services.observations import observation_save
from interviews.sitevisits.services.reviews import document_review_save

SITE = "Processing plant 1"  # made by interviews.sampling.demo
PAYSLIPS = "Payslips of the sampled workers, last three months"

# (item, status, note, with a photo)
OBSERVATIONS = [
    ("wa_child_young_workers", "fine", "No young workers seen on the peeling or packing floors.", False),
    (
        "wa_freedom_of_movement",
        "issue",
        "Exit gate locked during the shift; leaving needs a pass signed by the supervisor.",
        False,
    ),
    ("wa_policies_displayed", "fine", "Rules posted at the entrance in Thai, Burmese and Khmer.", False),
    ("wa_toilets_water", "issue", "Two of six toilets on the peeling floor locked; water dispenser empty.", False),
    ("wa_canteen", "fine", "", False),
    ("la_space_privacy", "issue", "Room B-12: 14 bunks for 16 workers, no lockers, curtains only.", True),
    ("la_curfew", "issue", "Dormitory gate locked from 22:00 to 05:00; key held by the guard.", False),
    ("la_transport", "not_applicable", "No employer transport: the dormitory is inside the compound.", False),
    ("r115_own_bed", "issue", "Workers share beds in rooms B-12 and B-14.", False),
    ("r115_animals", "fine", "", False),
]

# (category, received, notes, issues, flag, explanation)
REVIEWS = [
    (DocumentCategory.STRUCTURE, "yes", "Shown in the HR office: chart of 2025, two sites.", [], "", ""),
    (DocumentCategory.HUMAN_RIGHTS, "yes", "", [], "", ""),
    (DocumentCategory.GENDER_DIVERSITY, "yes", "Anti-harassment policy in Thai only.", [], "", ""),
    (
        DocumentCategory.ETHICAL_RECRUITMENT,
        "yes",
        "Employer-pays policy of 2024; it does not name subagents in Myanmar.",
        [],
        "",
        "",
    ),
    (
        DocumentCategory.FEE_DISCLOSURE,
        "partly",
        "Covers the Yangon recruiter only. HR could not explain the 'processing' line in the first month.",
        ["recruitment_fees"],
        "",
        "",
    ),
    (
        DocumentCategory.RECRUITER_AGREEMENTS,
        "no",
        "",
        [],
        "withheld",
        "Asked at the opening meeting and again on day 2; HR said the agreements were 'at head office'.",
    ),
    (DocumentCategory.SERVICE_AGREEMENTS, "yes", "Clinic and security contracts seen on site.", [], "", ""),
    (DocumentCategory.ACCOMMODATION, "yes", "Dormitory rules of 2023; no occupancy limit per room.", [], "", ""),
    (
        DocumentCategory.WORKER_PROTECTION,
        "yes",
        "Passport policy says documents are kept 'for safekeeping, with consent'; no consent form on file.",
        ["documents_held"],
        "",
        "",
    ),
    (
        DocumentCategory.OTHER,
        "partly",
        "Eight of twelve payslips shown. Accommodation and 'uniform' deductions in every month; "
        "overtime hours on the timesheets exceed those paid.",
        ["unlawful_deductions", "overtime"],
        "",
        "",
    ),
]


def _demo_photo() -> photos.CleanPhoto:
    """A drawing of a crowded dormitory room: grey walls, rows of bunks."""
    image = Image.new("RGB", (960, 720), (214, 214, 206))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 560, 960, 720), fill=(150, 140, 120))
    for x in range(40, 920, 150):
        for y in (180, 380):
            draw.rectangle((x, y, x + 120, y + 30), fill=(90, 110, 140))
            draw.rectangle((x, y - 120, x + 8, y + 170), fill=(60, 60, 60))
            draw.rectangle((x + 112, y - 120, x + 120, y + 170), fill=(60, 60, 60))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return photos.clean_photo(SimpleUploadedFile("dormitory.jpg", buffer.getvalue(), "image/jpeg"))


def _observations(engagement: Engagement, users: dict[str, Any]) -> None:
    site = AssessmentSite.objects.filter(engagement=engagement, name=SITE).select_related("engagement").first()
    if site is None or SiteObservation.objects.filter(site=site).exists():
        return
    team = [users["interviewer@demo.example"], users["assessor@demo.example"]]
    for n, (item, status, note, with_photo) in enumerate(OBSERVATIONS):
        observation_save(
            actor=team[n % 2],
            site=site,
            item_id=item,
            status=status,
            note=note,
            photo=_demo_photo() if with_photo else None,
        )


def _reviews(engagement: Engagement, users: dict[str, Any]) -> None:
    if DocumentReview.objects.filter(engagement=engagement).exists():
        return
    lead, assessor = users["lead@demo.example"], users["assessor@demo.example"]
    if not DocumentRequest.objects.filter(engagement=engagement, title=PAYSLIPS).exists():
        # Extra documents are requested as findings emerge (phase 4 step 3).
        business.document_request_add(
            actor=lead, engagement=engagement, category=DocumentCategory.OTHER, title=PAYSLIPS
        )
    requests = DocumentRequest.objects.filter(engagement=engagement).select_related("engagement__organisation")
    by_category: dict[str, DocumentRequest] = {}
    for request in requests.order_by("-created_at"):
        by_category[request.category] = request  # the oldest of each category wins
    by_category[DocumentCategory.OTHER] = requests.get(title=PAYSLIPS)
    for category, received, notes, issues, flag, explanation in REVIEWS:
        if category in by_category:
            document_review_save(
                actor=assessor,
                request=by_category[category],
                received=received,
                notes=notes,
                issues=issues,
                flag=flag,
                flag_explanation=explanation,
            )


@transaction.atomic
def seed_demo_sitevisits(engagement: Engagement, users: dict[str, Any]) -> None:
    """Fill the demo's checklist and document review once; running it again changes nothing."""
    _observations(engagement, users)
    _reviews(engagement, users)
