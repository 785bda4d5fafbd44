"""Rows for field work (phase 4): the capture app, its sync API, conflicts, the day's sheet.

Only the people who capture interviews reach the app and the sync API; an interviewer reaches only
their own conflicts and their own stored interviews (another interviewer's are 404, as anything out of
reach); business reviewers, worker representatives and organisation admins reach none of it. The
service worker and the manifest are public: browsers fetch them without cookies, and they name no one.
"""

from __future__ import annotations

import uuid
from typing import Any

import orjson

from interviews.fieldwork.models import SyncConflict, SyncedRecord
from interviews.questionnaires import services as questionnaires
from interviews.questionnaires.models import Question, Questionnaire, QuestionnaireVersion
from tests.conftest import World
from tests.security.matrix.common import Row, e_kw, engagement_rule, expect
from vault.envelope import cipher_for
from vault.models import KeyPurpose, Response
from vault.services import respondent_create, response_store

RECORD = uuid.UUID("00000000-0000-4000-8000-00000000a001")
HELD = uuid.UUID("00000000-0000-4000-8000-00000000a002")
TITLE = "Matrix field questionnaire"
CAPTURE = ("lead", "assessor", "interviewer")
# Anyone signed in who records interviews somewhere (the other organisation's lead does, in theirs).
CAPTURING_ANYWHERE = expect(403, lead="ok", assessor="ok", interviewer="ok", other_org="ok")
PUBLIC = expect("ok", anonymous="ok", other_org="ok")


def _version(w: World) -> QuestionnaireVersion:
    return QuestionnaireVersion.objects.get(engagement=w.engagement, questionnaire__title=TITLE)


def _payload(w: World) -> dict[str, Any]:
    return {
        "questionnaire_version": str(_version(w).pk),
        "kind": "worker",
        "consent": {
            "kind": "verbal",
            "witnessed_by": "Test Witness",
            "given_on": "2026-11-20",
            "language": "Khmer",
            "use_in_report": True,
        },
        "demographics": {"nationality": "KH"},
        "answers": {"paid_anything": "no"},
    }


def record_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "record_id": RECORD}


def conflict_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "conflict_id": SyncConflict.objects.get(record_id=HELD).pk}


def response_kw(w: World) -> dict[str, Any]:
    """The interviewer's interview in the published version (made here: the vault rows expect one respondent)."""
    response = Response.objects.filter(engagement=w.engagement, questionnaire_version=_version(w)).first()
    if response is None:
        interviewer = w.user("interviewer")
        clean = _payload(w)
        respondent = respondent_create(
            actor=interviewer, engagement=w.engagement, consent=clean["consent"], demographics={"nationality": "KH"}
        )
        response = response_store(
            actor=interviewer, respondent=respondent, answers=clean["answers"], version=_version(w)
        )
    return {**e_kw(w), "respondent_id": response.respondent_id, "response_id": response.pk}


ROWS: dict[str, Row] = {
    # The API answers anonymous callers 403 (no sign-in page for a tablet).
    "fieldwork:record_sync": Row(
        {
            "PUT": expect(403, anonymous=403, lead=201, assessor=201, interviewer=201),
            "GET": expect(405, anonymous=403, other_org=405),
        },
        kwargs=record_kw,
        data=_payload,
    ),
    "field:app": Row({"GET": CAPTURING_ANYWHERE}),
    "field:day_data": Row({"GET": CAPTURING_ANYWHERE}),
    "field:outbox_key": Row({"GET": CAPTURING_ANYWHERE}),
    "field:conflicts": Row({"GET": CAPTURING_ANYWHERE}),
    "field:service_worker": Row({"GET": PUBLIC}),
    "field:manifest": Row({"GET": PUBLIC}),
    "field:engagement_day": Row({"GET": engagement_rule(*CAPTURE)}, kwargs=e_kw),
    "field:engagement_conflicts": Row({"GET": engagement_rule("lead")}, kwargs=e_kw),
    "field:day_sheet": Row({"POST": engagement_rule(*CAPTURE)}, kwargs=e_kw),
    # A conflict is its interviewer's, and the lead assessor's to decide; another assessor does not find it.
    "field:conflict": Row(
        {
            "GET": expect(403, interviewer="ok", lead="ok", assessor=404),
            "POST": expect(403, interviewer="ok", lead="ok", assessor=404),
        },
        kwargs=conflict_kw,
        data=lambda w: {"keep": "stored"},
    ),
    # Only the interviewer who recorded it changes a response, until the day's sheet is handed in.
    "field:response_edit": Row(
        {"GET": engagement_rule("interviewer"), "POST": engagement_rule("interviewer")},
        kwargs=response_kw,
        data=lambda w: {"paid_anything": "yes"},
    ),
}


def prepare(world: World) -> None:
    """A small published worker questionnaire, and a record of the interviewer's with a conflict held."""
    lead, interviewer = world.user("lead"), world.user("interviewer")
    questionnaire = Questionnaire.objects.create(engagement=world.engagement, kind="worker", title=TITLE)
    version = QuestionnaireVersion.objects.create(engagement=world.engagement, questionnaire=questionnaire, number=1)
    Question.objects.create(
        version=version, key="paid_anything", position=1, section="fees", type="yes_no", text="Paid?", required=True
    )
    questionnaires.version_publish(actor=lead, version=version)
    record = SyncedRecord.objects.create(
        id=HELD, engagement=world.engagement, interviewer=interviewer, digest="0" * 64, respondent=None
    )
    conflict = SyncConflict(engagement=world.engagement, record=record, digest="1" * 64)
    aad = f"conflict:{conflict.pk}:{world.engagement.pk}".encode()
    conflict.ciphertext = cipher_for(world.engagement.pk, KeyPurpose.RESPONSES).encrypt(
        orjson.dumps(_payload(world)), aad
    )
    conflict.save()
