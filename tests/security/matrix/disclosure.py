"""Rows for phase 8: the public version and the external engagement log, and the public pages.

The lead alone chooses, publishes and unpublishes; the business and the worker representatives alone approve
(and withdraw); the team and both outside parties read the proposed version and the log; the lead, assessors
and the business add to the log. The public page and its PDF answer every persona, anonymous and another
organisation's users included, with 200 while a version is published; tests/disclosure checks that an
unpublished or unknown address is a 404 to every persona.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from disclosure.content import current
from disclosure.models import Disclosure, PdfStatus, PublishedVersion
from tests.conftest import World
from tests.disclosure.helpers import approve_both, choose, make_action
from tests.security.matrix.common import Row, e_kw, engagement_rule, expect
from tests.security.matrix.findings import make_finding

READERS = ("lead", "assessor", "business", "workerrep")
APPROVERS = ("business", "workerrep")
EVERYONE = expect(200, anonymous=200, other_org=200)


def slug_kw(w: World) -> dict[str, Any]:
    return {"slug": Disclosure.objects.get(engagement=w.engagement).slug}


def fingerprint(w: World) -> dict[str, Any]:
    return {"fingerprint": current(Disclosure.objects.get(engagement=w.engagement))[1]}


ROWS: dict[str, Row] = {
    "disclosure:overview": Row({"GET": engagement_rule(*READERS)}, kwargs=e_kw),
    "disclosure:choose": Row(
        {"GET": engagement_rule("lead"), "POST": engagement_rule("lead")},
        kwargs=e_kw,
        data=lambda w: {"sections": ["summary", "about"]},
    ),
    "disclosure:approve": Row({"POST": engagement_rule(*APPROVERS)}, kwargs=e_kw, data=fingerprint),
    "disclosure:withdraw": Row({"POST": engagement_rule(*APPROVERS)}, kwargs=e_kw),
    "disclosure:publish": Row({"POST": engagement_rule("lead")}, kwargs=e_kw),
    "disclosure:unpublish": Row({"POST": engagement_rule("lead")}, kwargs=e_kw),
    "disclosure:log": Row({"GET": engagement_rule(*READERS)}, kwargs=e_kw),
    "disclosure:log_add": Row(
        {"POST": engagement_rule("lead", "assessor", "business")},
        kwargs=e_kw,
        data=lambda w: {
            "held_on": "2027-01-15",
            "kind": "meeting",
            "parties": "Test Buyers Forum",
            "summary": "Matrix external engagement",
        },
    ),
    "public:disclosure": Row({"GET": EVERYONE}, kwargs=slug_kw),
    "public:disclosure_pdf": Row({"GET": EVERYONE}, kwargs=slug_kw),
}


def prepare(world: World) -> None:
    """A public version chosen, approved by both sides and published, with its PDF stored."""
    from disclosure.services import version_publish

    finding = make_finding(world, "Matrix public finding", released=True)
    disclosure = choose(world, findings=[finding], actions=[make_action(world, [finding])])
    approve_both(world, disclosure)
    version = version_publish(actor=world.user("lead"), disclosure=disclosure)
    name = default_storage.save(f"disclosure/matrix/{version.pk}.pdf", ContentFile(b"%PDF-1.4\n%matrix\n"))
    PublishedVersion.objects.filter(pk=version.pk).update(pdf=name, pdf_status=PdfStatus.DONE)
