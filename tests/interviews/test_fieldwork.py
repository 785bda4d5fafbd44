"""Field work: the sync payload (v2) judged in full, group interviews as counts, the follow-up phone only with
consent, the day's sheet making interviews read-only, conflicts resolved by their interviewer, the day's data."""

from __future__ import annotations

import copy
import json
import uuid
from datetime import time
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from interviews.fieldwork.models import Resolution, SlotProgress, SyncConflict, SyncedRecord
from interviews.fieldwork.services import conflict_resolve
from interviews.questionnaires import services as questionnaires
from interviews.questionnaires.models import Question, QuestionnaireTemplate, QuestionnaireVersion
from interviews.questionnaires.rules import evaluate
from interviews.questionnaires.seed import templates_load
from interviews.sampling.models import InterviewSlot, SampledWorker
from interviews.sampling.services import plan, sample
from tests.conftest import World
from vault.models import Consent, Identity, Respondent, Response
from vault.records import open_response
from vault.services import identity_unlock

pytestmark = pytest.mark.django_db
SENTINEL = "FIELD-SENTINEL-7Q4"


# --- helpers shared with test_sync_idempotency.py -------------------------------------------------


def published(world: World, template_key: str = "migrant_worker") -> QuestionnaireVersion:
    """The engagement's copy of one of the guide's instruments, published."""
    templates_load()
    template = QuestionnaireTemplate.objects.get(key=template_key)
    lead = world.user("lead")
    draft = questionnaires.questionnaire_copy_template(actor=lead, engagement=world.engagement, template=template)
    return questionnaires.version_publish(actor=lead, version=draft)


def _value(question: Question, note: str) -> Any:
    options = [o["value"] for o in question.options or []]
    return {
        "single_choice": options[0] if options else "",
        "multiple_choice": options[:1],
        "yes_no": "no",
        "number": 8,
        "money": {"amount": "1500.50", "currency": "MMK"},
        "date": "2024-02-29",
        "text": note,
    }[question.type]


def required_answers(version: QuestionnaireVersion, note: str = "interview", **given: Any) -> dict[str, Any]:
    """Answers to every shown required question (plus ``given``), as the tablet sends them."""
    answers: dict[str, Any] = {}
    for question in Question.objects.filter(version=version).order_by("position"):
        if not evaluate(question.show_if, answers):
            continue
        if question.key in given:
            answers[question.key] = given[question.key]
        elif question.required:
            answers[question.key] = _value(question, note)
    return answers


def payload(version: QuestionnaireVersion, *, kind: str = "worker", note: str = "interview", **parts: Any) -> dict:
    answers = parts.pop("answers", None)
    body = {
        "questionnaire_version": str(version.pk),
        "kind": kind,
        "consent": {
            "kind": "verbal",
            "witnessed_by": "Test Witness",
            "given_on": "2026-11-20",
            "language": "Burmese",
            "use_in_report": True,
            "anonymous_quotes": False,
            "share_with_third_party": False,
            "third_party": "",
            "follow_up_calls": False,
        },
        "demographics": {"nationality": "MM", "recruiter": "Recruiter in Yangon", "recruitment_year": 2024},
        "answers": answers if answers is not None else required_answers(version, note),
    }
    body.update(parts)
    return body


def put(client: Any, world: World, record_id: uuid.UUID, body: Any) -> Any:
    url = reverse("fieldwork:record_sync", args=[world.engagement.pk, record_id])
    return client.put(url, data=json.dumps(body), content_type="application/json")


def slot_for(world: World, persona: str = "interviewer", *, group: bool = False) -> InterviewSlot:
    """A site with a drawn sample and one interview on today's schedule for the persona."""
    lead = world.user("lead")
    site = sample.site_create(actor=lead, engagement=world.engagement, name="Field Site", workers_on_site=None)
    rows = b"No.,Nationality,Gender,Supervisor\n" + b"".join(
        f"{n},Myanmar,Woman,{'yes' if n > 18 else 'no'}\n".encode() for n in range(1, 21)
    )
    attendance = sample.attendance_list_import(
        actor=lead, site=site, content=rows, filename="l.csv", list_date=timezone.localdate()
    )
    draw = sample.sample_draw(actor=lead, attendance_list=attendance, seed=5)
    workers = SampledWorker.objects.filter(draw=draw, row__is_supervisor=False).order_by("row__position")
    positions = [w.row.position for w in workers[: 3 if group else 1]]
    return plan.slot_create(
        actor=lead,
        site=site,
        day=timezone.localdate(),
        start_time=time(9, 0),
        end_time=time(9, 45),
        room="Room A",
        interviewer=world.user(persona),
        positions=positions,
        interview_format="group" if group else "individual",
    )


def nothing_stored(world: World) -> bool:
    return not (
        SyncedRecord.objects.exists()
        or Respondent.objects.filter(engagement=world.engagement).exists()
        or Response.objects.filter(engagement=world.engagement).exists()
        or Identity.objects.exists()
    )


# --- the payload ------------------------------------------------------------------------------------


def test_a_valid_record_is_stored_encrypted_in_the_vault_with_its_version(world: World, client_for: Any) -> None:
    version = published(world)
    body = payload(version, answers=required_answers(version, anything_else=SENTINEL))
    response = put(client_for("interviewer"), world, uuid.uuid4(), body)
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "created" and "pseudonym" not in response.json()
    stored = Response.objects.get(engagement=world.engagement)
    assert stored.questionnaire_version_id == version.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ciphertext FROM vault_response WHERE id = %s",
            [Response._meta.pk.get_db_prep_value(stored.pk, connection)],
        )
        assert SENTINEL.encode() not in bytes(cursor.fetchone()[0])
    assert open_response(stored)["anything_else"] == SENTINEL
    respondent = stored.respondent
    # Gender and age band are asked once, in the questionnaire: the respondent's come from the answers.
    assert (respondent.gender, respondent.age_band) == (body["answers"]["gender"], body["answers"]["age_band"])
    assert respondent.nationality.code == "MM" and respondent.recruitment_year == 2024
    assert SENTINEL not in json.dumps([e.detail for e in AuditEntry.objects.all()])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda b: b.update(questionnaire_version=str(uuid.uuid4())), "questionnaire_version"),
        (lambda b: b.update(kind="management"), "kind"),
        (lambda b: b.update(kind="visitor"), "kind"),
        (lambda b: b["consent"].pop("witnessed_by"), "consent.witnessed_by"),
        (lambda b: b["consent"].update(share_with_third_party=True), "consent.third_party"),
        (lambda b: b.pop("consent"), "consent"),
        (lambda b: b["demographics"].update(nationality="Atlantis"), "demographics.nationality"),
        (lambda b: b["demographics"].update(recruitment_year=1900), "demographics.recruitment_year"),
        (lambda b: b["demographics"].update(site="A site that is not assessed"), "demographics.site"),
        (lambda b: b["demographics"].update(shoe_size=42), "demographics"),
        (lambda b: b["answers"].pop("gender"), "answers.gender"),
        (lambda b: b["answers"].update(hours_per_day=-3), "answers.hours_per_day"),
        (lambda b: b["answers"].update(hours_per_day="eight"), "answers.hours_per_day"),
        (
            lambda b: b["answers"].update(last_month_pay={"amount": "12.345", "currency": "THB"}),
            "answers.last_month_pay",
        ),
        (lambda b: b["answers"].update(last_month_pay={"amount": "100", "currency": "XYZ"}), "answers.last_month_pay"),
        (lambda b: b["answers"].update(start_date="2024-02-30"), "answers.start_date"),
        (lambda b: b["answers"].update(no_such_question="x"), "answers.no_such_question"),
        (lambda b: b.update(group={"participants": 3}), "group"),
        (lambda b: b.update(slot=str(uuid.uuid4())), "slot"),
        (lambda b: b.update(extra="field"), "record"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_stored(
    change: Any, field: str, world: World, client_for: Any
) -> None:
    body = payload(published(world))
    change(body)
    response = put(client_for("interviewer"), world, uuid.uuid4(), body)
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert field in errors, errors
    assert all(isinstance(m, str) and m for m in errors[field])
    assert nothing_stored(world)


def test_a_draft_version_is_refused(world: World, client_for: Any) -> None:
    templates_load()
    draft = questionnaires.questionnaire_copy_template(
        actor=world.user("lead"),
        engagement=world.engagement,
        template=QuestionnaireTemplate.objects.get(key="migrant_worker"),
    )
    response = put(client_for("interviewer"), world, uuid.uuid4(), payload(draft))
    assert response.status_code == 400 and "questionnaire_version" in response.json()["errors"]
    assert nothing_stored(world)


def test_a_version_of_another_engagement_is_refused(world: World, client_for: Any) -> None:
    version = published(world)
    url = reverse("fieldwork:record_sync", args=[world.other_engagement.pk, uuid.uuid4()])
    # The other organisation's lead syncing into their own engagement with our version's id.
    response = client_for("other_org").put(url, json.dumps(payload(version)), content_type="application/json")
    assert response.status_code == 400 and "questionnaire_version" in response.json()["errors"]
    assert not Respondent.objects.exists()


def test_a_hidden_questions_answer_is_dropped_not_stored(world: World, client_for: Any) -> None:
    version = published(world)
    answers = required_answers(version, recruiter_involved="no")
    answers["recruiter_names"] = "shown only when a recruiter was involved"
    assert put(client_for("interviewer"), world, uuid.uuid4(), payload(version, answers=answers)).status_code == 201
    assert "recruiter_names" not in open_response(Response.objects.get(engagement=world.engagement))


def test_a_follow_up_phone_is_refused_without_consent_and_kept_only_in_the_identity_vault(
    world: World, client_for: Any
) -> None:
    version = published(world)
    client = client_for("interviewer")
    phone = "+00 000 000 0042"
    refused = put(client, world, uuid.uuid4(), payload(version, identity={"phone": phone}))
    assert refused.status_code == 400 and "identity.phone" in refused.json()["errors"]
    assert nothing_stored(world)

    body = payload(version, identity={"phone": phone})
    body["consent"]["follow_up_calls"] = True
    assert put(client, world, uuid.uuid4(), body).status_code == 201
    respondent = Respondent.objects.get(engagement=world.engagement)
    assert Consent.objects.get(respondent=respondent).follow_up_calls is True
    assert phone not in json.dumps(open_response(Response.objects.get(respondent=respondent)))
    with connection.cursor() as cursor:
        cursor.execute("SELECT ciphertext FROM vault_identity")
        assert all(phone.encode() not in bytes(row[0]) for row in cursor.fetchall())
    unlocked = identity_unlock(actor=world.user("lead"), respondent=respondent, reason="Follow-up call after a report")
    assert unlocked["phone"] == phone


def test_a_group_interview_keeps_counts_only(world: World, client_for: Any) -> None:
    version = published(world)
    slot = slot_for(world, group=True)
    group = {"participants": 5, "composition": {"gender": {"woman": 3, "man": 2}, "nationality": {"MM": 5}}}
    body = payload(version, kind="group", group=group, slot=str(slot.pk), demographics={})
    response = put(client_for("interviewer"), world, uuid.uuid4(), body)
    assert response.status_code == 201, response.content
    respondent = Respondent.objects.get(engagement=world.engagement)
    assert respondent.kind == "group" and respondent.group_size == 5
    assert respondent.group_composition == group["composition"]
    assert (respondent.gender, respondent.age_band, respondent.nationality.code) == ("", "", "")
    assert respondent.site == slot.site.name
    assert not Identity.objects.exists()


@pytest.mark.parametrize(
    "group",
    [
        {"participants": 1},
        {"participants": 4, "composition": {"gender": {"woman": 5}}},
        {"participants": 4, "composition": {"gender": {"robot": 1}}},
        {"participants": 4, "composition": {"nationality": {"MM": -1}}},
        {"participants": 4, "composition": {"names": {"A Person": 1}}},
    ],
)
def test_a_group_with_bad_counts_is_refused(group: dict, world: World, client_for: Any) -> None:
    body = payload(published(world), kind="group", group=group, demographics={})
    response = put(client_for("interviewer"), world, uuid.uuid4(), body)
    assert response.status_code == 400 and any(k.startswith("group") for k in response.json()["errors"])
    assert nothing_stored(world)


def test_a_group_keeps_nothing_personal(world: World, client_for: Any) -> None:
    version = published(world)
    client = client_for("interviewer")
    one_person = payload(version, kind="group", group={"participants": 3}, demographics={"gender": "woman"})
    assert put(client, world, uuid.uuid4(), one_person).status_code == 400
    phone = payload(version, kind="group", group={"participants": 3}, demographics={})
    phone["consent"]["follow_up_calls"] = True
    phone["identity"] = {"phone": "+00 000 000 0000"}
    assert put(client, world, uuid.uuid4(), phone).status_code == 400
    assert nothing_stored(world)


def test_management_and_recruiter_interviews_use_their_own_questionnaires(world: World, client_for: Any) -> None:
    management, recruiter = published(world, "employer_management"), published(world, "labour_recruiter_management")
    client = client_for("interviewer")
    assert put(client, world, uuid.uuid4(), payload(management, kind="management", demographics={})).status_code == 201
    assert put(client, world, uuid.uuid4(), payload(recruiter, kind="recruiter", demographics={})).status_code == 201
    wrong = put(client, world, uuid.uuid4(), payload(management, kind="recruiter", demographics={}))
    assert wrong.status_code == 400 and "kind" in wrong.json()["errors"]
    assert sorted(Respondent.objects.values_list("kind", flat=True)) == ["management", "recruiter"]


def test_a_slot_counts_its_interviews_without_naming_the_respondent(world: World, client_for: Any) -> None:
    version = published(world)
    slot = slot_for(world)
    client = client_for("interviewer")
    assert put(client, world, uuid.uuid4(), payload(version, slot=str(slot.pk))).status_code == 201
    progress = SlotProgress.objects.get(slot=slot)
    assert progress.interviews == 1
    assert {f.name for f in SlotProgress._meta.get_fields()} == {"id", "engagement", "slot", "interviews"}
    # Someone else's slot is not theirs to count.
    other_slot = InterviewSlot.objects.create(
        engagement=world.engagement,
        site=slot.site,
        date=slot.date,
        start_time=time(11, 0),
        end_time=time(11, 45),
        room="Room B",
        interviewer=world.user("assessor"),
    )
    refused = put(client, world, uuid.uuid4(), payload(version, slot=str(other_slot.pk)))
    assert refused.status_code == 400 and "slot" in refused.json()["errors"]


# --- conflicts and the day's sheet ----------------------------------------------------------------


def _conflict(world: World, client: Any, version: QuestionnaireVersion) -> tuple[uuid.UUID, dict, dict]:
    record_id = uuid.uuid4()
    first = payload(version, answers=required_answers(version, anything_else="first version"))
    second = copy.deepcopy(first)
    second["answers"]["anything_else"] = SENTINEL
    assert put(client, world, record_id, first).status_code == 201
    assert put(client, world, record_id, second).status_code == 409
    return record_id, first, second


def test_a_conflict_is_kept_encrypted_and_the_interviewer_may_replace_the_stored_answers(
    world: World, client_for: Any
) -> None:
    version = published(world)
    client = client_for("interviewer")
    _conflict(world, client, version)
    conflict = SyncConflict.objects.get()
    assert SENTINEL.encode() not in bytes(conflict.ciphertext)
    response = Response.objects.get(engagement=world.engagement)
    assert open_response(response)["anything_else"] == "first version"

    url = reverse("field:conflict", args=[world.engagement.pk, conflict.pk])
    page = client.get(url).content.decode()
    assert SENTINEL in page and "first version" in page
    assert AuditEntry.objects.filter(verb="sync.conflict_viewed", target_id=str(conflict.pk)).count() == 1
    assert client.post(url, {"keep": "held"}).status_code == 302
    response.refresh_from_db()
    assert open_response(response)["anything_else"] == SENTINEL
    conflict.refresh_from_db()
    assert conflict.resolution == Resolution.REPLACED and conflict.resolved_by == world.user("interviewer")
    assert Response.objects.filter(engagement=world.engagement).count() == 1


def test_keeping_the_stored_version_changes_no_answer(world: World, client_for: Any) -> None:
    version = published(world)
    client = client_for("interviewer")
    _conflict(world, client, version)
    conflict = SyncConflict.objects.get()
    client.post(reverse("field:conflict", args=[world.engagement.pk, conflict.pk]), {"keep": "stored"})
    conflict.refresh_from_db()
    assert conflict.resolution == Resolution.KEPT
    assert open_response(Response.objects.get())["anything_else"] == "first version"
    with pytest.raises(ValidationError, match="already resolved"):
        conflict_resolve(actor=world.user("interviewer"), conflict=conflict, keep="held")


def test_after_the_day_sheet_responses_are_read_only_and_a_conflict_is_kept_never_applied(
    world: World, client_for: Any
) -> None:
    version = published(world)
    client = client_for("interviewer")
    record_id = uuid.uuid4()
    first = payload(version, answers=required_answers(version, anything_else="handed in"))
    assert put(client, world, record_id, first).status_code == 201
    handed = client.post(reverse("field:day_sheet", args=[world.engagement.pk]))
    assert handed.status_code == 200 and handed.json() == {"handed_in": 1}
    stored = Response.objects.get()
    assert stored.submitted_at is not None

    second = copy.deepcopy(first)
    second["answers"]["anything_else"] = SENTINEL
    assert put(client, world, record_id, second).status_code == 409
    conflict = SyncConflict.objects.get()
    url = reverse("field:conflict", args=[world.engagement.pk, conflict.pk])
    page = client.post(url, {"keep": "held"}, follow=True).content.decode()
    assert "lead assessor must decide" in page
    assert open_response(Response.objects.get())["anything_else"] == "handed in"
    conflict.refresh_from_db()
    assert conflict.resolved_at is None
    # Read-only to the interviewer on the vault's pages too.
    respondent = stored.respondent
    edit = reverse("vault:response_edit", args=[world.engagement.pk, respondent.pk, stored.pk])
    assert client.get(edit).status_code == 403


def test_another_interviewers_conflict_is_not_found_by_an_assessor(world: World, client_for: Any) -> None:
    version = published(world)
    _conflict(world, client_for("interviewer"), version)
    conflict = SyncConflict.objects.get()
    url = reverse("field:conflict", args=[world.engagement.pk, conflict.pk])
    assessor = client_for("assessor")
    assert assessor.get(url).status_code == 404
    assert assessor.post(url, {"keep": "stored"}).status_code == 404
    assert SENTINEL not in assessor.get(reverse("field:conflicts")).content.decode()
    for persona in ("business", "workerrep"):
        assert client_for(persona).get(url).status_code == 403
    conflict.refresh_from_db()
    assert conflict.resolved_at is None


def test_the_lead_assessor_decides_a_conflict_on_a_handed_in_interview(world: World, client_for: Any) -> None:
    version = published(world)
    interviewer = client_for("interviewer")
    record_id = uuid.uuid4()
    first = payload(version, answers=required_answers(version, anything_else="handed in"))
    assert put(interviewer, world, record_id, first).status_code == 201
    interviewer.post(reverse("field:day_sheet", args=[world.engagement.pk]))
    second = copy.deepcopy(first)
    second["answers"]["anything_else"] = SENTINEL
    assert put(interviewer, world, record_id, second).status_code == 409
    conflict = SyncConflict.objects.get()

    lead = client_for("lead")
    listing = lead.get(reverse("field:engagement_conflicts", args=[world.engagement.pk])).content.decode()
    assert reverse("field:conflict", args=[world.engagement.pk, conflict.pk]) in listing
    url = reverse("field:conflict", args=[world.engagement.pk, conflict.pk])
    assert lead.post(url, {"keep": "held"}).status_code == 302
    response = Response.objects.get()
    assert open_response(response)["anything_else"] == SENTINEL and response.submitted_at is not None
    conflict.refresh_from_db()
    assert conflict.resolution == Resolution.REPLACED and conflict.resolved_by == world.user("lead")
    assert AuditEntry.objects.filter(verb="response.corrected_after_hand_in", target_id=str(response.pk)).exists()
    listing_url = reverse("field:engagement_conflicts", args=[world.engagement.pk])
    assert client_for("assessor").get(listing_url).status_code == 403


def test_the_comparison_puts_what_differs_first_and_leads_each_reader_back_to_their_own_list(
    world: World, client_for: Any
) -> None:
    version = published(world)
    _conflict(world, client_for("interviewer"), version)
    conflict = SyncConflict.objects.get()
    url = reverse("field:conflict", args=[world.engagement.pk, conflict.pk])
    # Every answer sent but the one the second sending changed.
    same_answers = len(required_answers(version, anything_else="first version")) - 1

    page = client_for("interviewer").get(url).content.decode()
    differing, _sep, rest = page.partition("<details")
    assert "1 answer differs" in differing and SENTINEL in differing and "first version" in differing
    assert f"{same_answers} other answers, the same in both versions" in rest and SENTINEL not in rest
    assert differing.index(SENTINEL) < differing.index('value="held"')  # the choice comes after the difference
    assert f'href="{reverse("field:conflicts")}"' in page

    lead_page = client_for("lead").get(url).content.decode()
    own_list = reverse("field:engagement_conflicts", args=[world.engagement.pk])
    assert f'href="{own_list}"' in lead_page and f'href="{reverse("field:conflicts")}"' not in lead_page
    listing = client_for("lead").get(own_list).content.decode()
    assert "Interviewer" in listing and ">Engagement<" not in listing  # one engagement: no column repeating it


# --- the day --------------------------------------------------------------------------------------


def test_the_day_data_holds_slots_and_questionnaires_but_no_answers_names_or_list_positions(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    version = published(world)
    slot = slot_for(world)
    client = client_for("interviewer")
    assert put(client, world, uuid.uuid4(), payload(version, note=SENTINEL, slot=str(slot.pk))).status_code == 201
    with django_assert_max_num_queries(25):
        response = client.get(reverse("field:day_data"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    day = response.json()
    engagement = next(e for e in day["engagements"] if e["id"] == str(world.engagement.pk))
    assert [s["id"] for s in engagement["slots"]] == [str(slot.pk)]
    assert engagement["slots"][0]["synced"] == 1
    assert set(engagement["slots"][0]) == {"id", "site", "date", "start", "end", "room", "shift", "format", "synced"}
    assert [q["id"] for q in engagement["questionnaires"]] == [str(version.pk)]
    assert engagement["default_currency"] == "THB" and "MMK" in engagement["currencies"]
    assert engagement["origin_countries"] == ["MM"]
    text = json.dumps(day)
    assert SENTINEL not in text
    assert "Interviewer" not in text  # no person's name (the test users' names)
    positions = SampledWorker.objects.filter(slot=slot).values_list("row__position", flat=True)
    assert "position" not in text and list(positions)


def test_the_day_shows_only_the_users_own_slots(world: World, client_for: Any) -> None:
    slot = slot_for(world, "assessor")
    day = client_for("interviewer").get(reverse("field:day_data")).json()
    assert str(slot.pk) not in json.dumps(day)
    assert str(slot.pk) in json.dumps(client_for("assessor").get(reverse("field:day_data")).json())


def test_the_outbox_secret_is_per_session_and_never_cached(world: World, client_for: Any, client: Any) -> None:
    first = client_for("interviewer").get(reverse("field:outbox_key"))
    assert "no-store" in first["Cache-Control"]
    again = client.get(reverse("field:outbox_key"))
    assert first.json() == again.json()
    assert len(first.json()["secret"]) >= 43
    other = client_for("interviewer").get(reverse("field:outbox_key"))  # a new sign-in: a new session
    assert other.json()["secret"] != first.json()["secret"]


def test_the_service_worker_is_scoped_to_the_app_and_caches_its_shell(client: Any) -> None:
    response = client.get(reverse("field:service_worker"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    body = response.content.decode()
    assert '"/field/"' in body and "/static/fieldwork/app.js" in body and "/static/fieldwork/outbox.js" in body
    manifest = client.get(reverse("field:manifest")).json()
    assert manifest["scope"] == "/field/" and manifest["start_url"] == "/field/"
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}


def test_the_app_shell_has_no_inline_script_or_style(world: World, client_for: Any) -> None:
    page = client_for("interviewer").get(reverse("field:app"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<script>" not in html and "style=" not in html and " onclick=" not in html
    assert 'type="module"' in html and 'rel="manifest"' in html


# --- changing a stored interview ------------------------------------------------------------------


def test_the_interviewer_corrects_a_stored_interview_in_its_version_until_the_day_sheet(
    world: World, client_for: Any
) -> None:
    version = published(world)
    client = client_for("interviewer")
    assert put(client, world, uuid.uuid4(), payload(version)).status_code == 201
    response = Response.objects.get(engagement=world.engagement)
    args = [world.engagement.pk, response.respondent_id, response.pk]
    # The vault's pages use the version's wording and send a change to the version's form.
    detail = client.get(reverse("vault:respondent", args=args[:2])).content.decode()
    assert "How do you describe your gender?" in detail
    assert client.get(reverse("vault:response_edit", args=args))["Location"] == reverse(
        "field:response_edit", args=args
    )
    url = reverse("field:response_edit", args=args)
    form = client.get(url).content.decode()
    assert 'name="hours_per_day"' in form and 'name="last_month_pay__currency"' in form
    data = {**_form_data(version, response), "hours_per_day": "-4"}
    refused = client.post(url, data)
    assert refused.status_code == 200 and "cannot be negative" in refused.content.decode()
    assert open_response(Response.objects.get()) == open_response(response)
    data = {**_form_data(version, response), "anything_else": SENTINEL}
    assert client.post(url, data).status_code == 302
    assert open_response(Response.objects.get())["anything_else"] == SENTINEL

    client.post(reverse("field:day_sheet", args=[world.engagement.pk]))
    assert client.get(url).status_code == 403
    assert client.post(url, {**data, "anything_else": "too late"}).status_code == 403
    assert open_response(Response.objects.get())["anything_else"] == SENTINEL


def _form_data(version: QuestionnaireVersion, response: Response) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in open_response(response).items():
        if isinstance(value, dict):
            data[f"{key}__amount"], data[f"{key}__currency"] = value["amount"], value["currency"]
        else:
            data[key] = value
    return data


def test_every_module_of_the_app_is_cached_for_offline_use() -> None:
    from pathlib import Path

    from django.conf import settings

    from interviews.fieldwork import shell

    scripts = {p.name for p in (Path(settings.BASE_DIR) / "static" / "fieldwork").glob("*.js")}
    cached = {Path(p).name for p in (*shell.PAGE_ASSETS, *shell.MODULES)}
    assert scripts <= cached, scripts - cached


def test_a_second_interviewer_reaches_none_of_the_firsts_interviews(world: World, client_for: Any, client: Any) -> None:
    from engagements.services.participants import participant_set
    from tenancy.roles import EngagementRole
    from tenancy.services import membership_set
    from tests.conftest import verify_session
    from tests.factories import UserFactory

    version = published(world)
    slot = slot_for(world)
    record_id, _first, _second = _conflict(world, client_for("interviewer"), version)
    conflict = SyncConflict.objects.get()
    response = Response.objects.get(engagement=world.engagement)
    second = UserFactory(email="second-interviewer@test.example")
    membership_set(actor=world.user("org_admin"), organisation=world.org, user=second, role="member")
    participant_set(actor=world.user("lead"), engagement=world.engagement, user=second, role=EngagementRole.INTERVIEWER)
    client.logout()
    client.force_login(second, backend="django.contrib.auth.backends.ModelBackend")
    verify_session(client, second)

    e = world.engagement.pk
    assert client.get(reverse("field:conflict", args=[e, conflict.pk])).status_code == 404
    assert client.get(reverse("field:response_edit", args=[e, response.respondent_id, response.pk])).status_code == 404
    assert client.get(reverse("vault:respondent", args=[e, response.respondent_id])).status_code == 404
    day = client.get(reverse("field:day_data")).json()
    assert str(slot.pk) not in json.dumps(day)
    assert SENTINEL not in client.get(reverse("field:conflicts")).content.decode()
    # The first's slot is not theirs to count; the first's record id is a conflict that reveals and keeps nothing.
    refused = put(client, world, uuid.uuid4(), payload(version, slot=str(slot.pk)))
    assert refused.status_code == 400 and "slot" in refused.json()["errors"]
    assert put(client, world, record_id, payload(version)).status_code == 409
    assert SyncConflict.objects.count() == 1 and Response.objects.count() == 1
