"""Questionnaires (phase 3 step 4): the three seeded instruments, versions that never change once
published, answers that stay with the version they were given in, skip logic and translations."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from engagements import phase_pages
from interviews.questionnaires import services
from interviews.questionnaires.catalogue import Section
from interviews.questionnaires.forms import QuestionForm
from interviews.questionnaires.models import (
    Question,
    QuestionnaireTemplate,
    QuestionnaireVersion,
    TemplateQuestion,
)
from interviews.questionnaires.rules import (
    REPORTING_TYPES,
    evaluate,
    mapping_gaps,
    option_values,
    rule_errors,
    visible_keys,
)
from interviews.questionnaires.seed import instruments, read_seed, templates_load
from interviews.questionnaires.translation import coverage, localise
from tenancy.roles import Capability
from tests.conftest import World
from tests.vault_helpers import CONSENT
from vault.models import Response
from vault.records import open_response
from vault.services import respondent_create, response_store

pytestmark = pytest.mark.django_db

GUIDE_TOPICS = {
    Section.RECRUITMENT,
    Section.FEES,
    Section.DOCUMENTS,
    Section.CONTRACTS,
    Section.WAGES,
    Section.HOURS,
    Section.MOVEMENT,
    Section.ACCOMMODATION,
    Section.GRIEVANCE,
    Section.DISCRIMINATION,
    Section.RETURN,
}


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    with open(settings.REFERENCE_YAML, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _template(key: str) -> QuestionnaireTemplate:
    templates_load()
    return QuestionnaireTemplate.objects.get(key=key)


def _worker_draft(world: World) -> QuestionnaireVersion:
    return services.questionnaire_copy_template(
        actor=world.user("lead"), engagement=world.engagement, template=_template("migrant_worker")
    )


def _snapshot(version: QuestionnaireVersion) -> list[dict[str, Any]]:
    version.refresh_from_db()
    return [{"pk": q.pk, **q.copied_values()} for q in Question.objects.filter(version=version).order_by("position")]


def _respondent(world: World, nationality: str = "MM") -> Any:
    return respondent_create(
        actor=world.user("interviewer"),
        engagement=world.engagement,
        consent=dict(CONSENT),
        demographics={"nationality": nationality, "gender": "woman"},
    )


# --- the seed -------------------------------------------------------------------------------------


def test_seed_loads_three_complete_instruments(reference: dict[str, Any]) -> None:
    templates_load()
    templates = {t.key: t for t in QuestionnaireTemplate.objects.all()}
    assert set(templates) == {"migrant_worker", "employer_management", "labour_recruiter_management"}
    assert [t.kind for t in QuestionnaireTemplate.objects.order_by("position")] == ["worker", "management", "recruiter"]
    counts = {key: t.questions.count() for key, t in templates.items()}
    assert counts["migrant_worker"] >= 40
    assert counts["employer_management"] >= 20
    assert counts["labour_recruiter_management"] >= 15

    worker = list(templates["migrant_worker"].questions.order_by("position"))
    assert {q.section for q in worker} >= GUIDE_TOPICS
    assert {q.type for q in worker} >= {"single_choice", "multiple_choice", "number", "money", "date", "text", "yes_no"}
    # Every ILO fee category has its own amount question, shown only to those who paid for it.
    fee_ids = [c["id"] for c in reference["recruitment_fee_categories"]]
    by_fee = {q.fee_category: q for q in worker if q.fee_category}
    assert sorted(by_fee) == sorted(fee_ids)
    for fee_id, question in by_fee.items():
        assert question.type == "money"
        assert question.show_if == {"question": "fee_categories", "op": "contains", "value": fee_id}
    categories = next(q for q in worker if q.key == "fee_categories")
    assert [o["value"] for o in categories.options] == fee_ids
    # The guide's inclusive gender options, as the reference lists them.
    gender = next(q for q in worker if q.key == "gender")
    assert gender.options == reference["demographic_options"]["gender"]["options"]


def test_loading_the_seed_again_changes_nothing() -> None:
    templates_load()
    before = sorted(TemplateQuestion.objects.values_list("pk", "updated_at"))
    assert set(templates_load().values()) == {"unchanged"}
    assert sorted(TemplateQuestion.objects.values_list("pk", "updated_at")) == before


def test_every_mapped_indicator_risk_and_fee_id_exists_in_the_reference(reference: dict[str, Any]) -> None:
    templates_load()
    indicators = {i["id"] for i in reference["forced_labour_indicators"]}
    catalogue = reference["risk_catalogue"]
    risks = {item["id"] for stage in catalogue["annex_b"] for item in stage["items"]}
    risks |= {category["id"] for category in catalogue["annex_c"]["categories"]}
    fees = {c["id"] for c in reference["recruitment_fee_categories"]}
    questions = list(TemplateQuestion.objects.all())
    for question in questions:
        assert set(question.indicators) <= indicators, question.key
        assert set(question.risks) <= risks, question.key
        assert not question.fee_category or question.fee_category in fees, question.key
    # The worker instrument gathers evidence for every one of the eleven ILO indicators.
    worker = [q for q in questions if q.template.key == "migrant_worker"]
    assert {i for q in worker for i in q.indicators} == indicators
    assert sum(1 for q in questions if q.risks or q.indicators) >= len(questions) * 3 // 4


def test_worker_questions_are_translated_into_burmese_and_khmer_in_their_own_scripts() -> None:
    worker = list(_template("migrant_worker").questions.all())
    burmese, _total = coverage(worker, "my")
    khmer, _total = coverage(worker, "km")
    assert burmese >= 10
    assert khmer >= 10
    for question in worker:
        if "my" in question.translations:
            assert any("\u1000" <= ch <= "\u109f" for ch in question.translations["my"]["text"]), question.key
        if "km" in question.translations:
            assert any("\u1780" <= ch <= "\u17ff" for ch in question.translations["km"]["text"]), question.key


# --- translation fallback -------------------------------------------------------------------------


def test_a_language_without_translation_falls_back_to_english() -> None:
    question = _template("migrant_worker").questions.get(key="leave_freely")
    thai = localise(question, "th")
    assert thai.text == question.text
    assert thai.fell_back
    assert [o.label for o in thai.options] == [o["label"] for o in question.options]
    assert not any(o.translated for o in thai.options)

    khmer = localise(question, "km")
    assert khmer.translated and not khmer.fell_back
    assert khmer.text == question.translations["km"]["text"]
    assert all(o.translated for o in khmer.options)


def test_untranslated_options_fall_back_one_by_one_and_yes_no_is_translated() -> None:
    template = _template("migrant_worker")
    refusal = localise(template.questions.get(key="overtime_refusal"), "my")
    labels = {o.value: o for o in refusal.options}
    assert labels["yes_freely"].translated
    assert not labels["yes_with_consequences"].translated
    assert labels["yes_with_consequences"].label == "Yes, but something happens if I do"

    paid = localise(template.questions.get(key="paid_anything"), "km")
    assert [(o.value, o.label) for o in paid.options] == [("yes", "បាទ/ចាស"), ("no", "ទេ")]
    english = localise(template.questions.get(key="paid_anything"), "en")
    assert [o.label for o in english.options] == ["Yes", "No"] and not english.fell_back


# --- skip logic -----------------------------------------------------------------------------------


class Q:
    def __init__(self, key: str, type: str = "yes_no", options: list | None = None, show_if: Any = None) -> None:
        self.key, self.type, self.options, self.show_if = key, type, options or [], show_if


CHOICES = [{"value": v, "label": v.title()} for v in ("a", "b", "c")]


def test_skip_rules_evaluate_equals_contains_and_their_negations() -> None:
    assert evaluate(None, {})
    assert evaluate({"question": "paid", "op": "equals", "value": "yes"}, {"paid": "yes"})
    assert evaluate({"question": "paid", "op": "equals", "value": "yes"}, {"paid": True})
    assert not evaluate({"question": "paid", "op": "equals", "value": "yes"}, {"paid": "no"})
    assert evaluate({"question": "where", "op": "not_equals", "value": "self"}, {"where": "employer"})
    assert evaluate({"question": "what", "op": "contains", "value": "medical"}, {"what": ["medical", "travel"]})
    assert not evaluate({"question": "what", "op": "contains", "value": "medical"}, {"what": ["travel"]})
    assert evaluate({"question": "what", "op": "not_contains", "value": "medical"}, {"what": ["travel"]})


def test_an_unanswered_question_satisfies_no_condition() -> None:
    for op in ("equals", "not_equals", "contains", "not_contains"):
        assert not evaluate({"question": "x", "op": op, "value": "a"}, {})
        assert not evaluate({"question": "x", "op": op, "value": "a"}, {"x": ""})
        assert not evaluate({"question": "x", "op": op, "value": "a"}, {"x": []})


def test_questions_under_a_hidden_question_stay_hidden_even_if_answered() -> None:
    questions = [
        Q("paid"),
        Q("what", "multiple_choice", CHOICES, {"question": "paid", "op": "equals", "value": "yes"}),
        Q("amount_a", "money", show_if={"question": "what", "op": "contains", "value": "a"}),
        Q("notes", "text"),
    ]
    assert visible_keys(questions, {"paid": "yes", "what": ["a"]}) == ["paid", "what", "amount_a", "notes"]
    assert visible_keys(questions, {"paid": "yes", "what": ["b"]}) == ["paid", "what", "notes"]
    # "what" was answered, but "paid" is now "no": "what" is hidden, so is the amount that hangs on it.
    assert visible_keys(questions, {"paid": "no", "what": ["a"]}) == ["paid", "notes"]


def test_skip_rules_are_validated_against_earlier_questions_and_their_options() -> None:
    earlier = {"paid": Q("paid"), "what": Q("what", "multiple_choice", CHOICES), "note": Q("note", "text")}
    assert rule_errors(None, earlier) == []
    assert rule_errors({"question": "paid", "op": "equals", "value": "yes"}, earlier) == []
    assert rule_errors({"question": "what", "op": "contains", "value": "b"}, earlier) == []
    bad = [
        {"question": "later", "op": "equals", "value": "yes"},  # not an earlier question
        {"question": "paid", "op": "contains", "value": "yes"},  # wrong operator for yes/no
        {"question": "what", "op": "equals", "value": "a"},  # wrong operator for multiple choice
        {"question": "what", "op": "contains", "value": "z"},  # not an option
        {"question": "note", "op": "equals", "value": "x"},  # a text question controls nothing
        {"question": "paid", "op": "equals"},  # incomplete
    ]
    for rule in bad:
        assert rule_errors(rule, earlier), rule


@given(answers=st.dictionaries(st.sampled_from(["q0", "q1", "q2", "q3", "q4"]), st.sampled_from(["yes", "no"])))
def test_a_shown_question_never_depends_on_a_hidden_one(answers: dict[str, str]) -> None:
    questions = [Q("q0")] + [
        Q(f"q{i}", show_if={"question": f"q{i - 1}", "op": "equals", "value": "yes"}) for i in range(1, 5)
    ]
    shown = visible_keys(questions, answers)
    for question in questions:
        if question.key in shown and question.show_if:
            assert question.show_if["question"] in shown
            assert answers[question.show_if["question"]] == "yes"


# --- versions -------------------------------------------------------------------------------------


def test_copying_a_template_makes_a_draft_version_one_with_every_question(world: World) -> None:
    template = _template("migrant_worker")
    version = _worker_draft(world)
    assert (version.number, version.status) == (1, "draft")
    assert version.questionnaire.engagement == world.engagement
    assert version.questionnaire.template == template
    copied = [q.copied_values() for q in version.questions.order_by("position")]
    assert copied == [q.copied_values() for q in template.questions.order_by("position")]


def test_changing_a_published_version_is_refused_by_every_service_and_changes_nothing(world: World) -> None:
    lead = world.user("lead")
    version = services.version_publish(actor=lead, version=_worker_draft(world))
    before = _snapshot(version)
    question = version.questions.get(key="leave_freely")
    attempts = [
        lambda: services.question_update(actor=lead, question=question, text="Changed?"),
        lambda: services.question_add(
            actor=lead, version=version, key="extra", section="closing", type="text", text="?"
        ),
        lambda: services.question_delete(actor=lead, question=question),
        lambda: services.question_move(actor=lead, question=question, direction="up"),
        lambda: services.question_set_translation(actor=lead, question=question, language="th", text="ออกไปได้ไหม"),
        lambda: services.version_publish(actor=lead, version=version),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="is published and can no longer be changed"):
            attempt()
    assert _snapshot(version) == before
    version.refresh_from_db()
    assert version.is_published


def test_the_database_itself_refuses_to_change_a_published_version(world: World) -> None:
    version = services.version_publish(actor=world.user("lead"), version=_worker_draft(world))
    before = _snapshot(version)
    question = version.questions.first()
    changes = [
        lambda: Question.objects.filter(version=version).update(text="Changed behind the services"),
        lambda: Question.objects.create(version=version, key="sneaked", section="closing", type="text", text="?"),
        lambda: QuestionnaireVersion.objects.filter(pk=version.pk).update(status="draft"),
        lambda: Question.objects.filter(pk=question.pk).update(version=_worker_draft(world)),
    ]
    for change in changes:
        with pytest.raises(DatabaseError), transaction.atomic():
            change()
    assert _snapshot(version) == before


def test_tailoring_after_publishing_starts_a_new_draft_copied_from_the_last_version(world: World) -> None:
    lead = world.user("lead")
    v1 = services.version_publish(actor=lead, version=_worker_draft(world))
    v2 = services.version_start_draft(actor=lead, questionnaire=v1.questionnaire)
    assert (v2.number, v2.status, v2.based_on) == (2, "draft", v1)
    assert [q.copied_values() for q in v2.questions.order_by("position")] == [
        q.copied_values() for q in v1.questions.order_by("position")
    ]
    with pytest.raises(ValidationError, match="still a draft"):
        services.version_start_draft(actor=lead, questionnaire=v1.questionnaire)
    services.question_update(
        actor=lead, question=v2.questions.get(key="nationality"), text="Which country are you from?"
    )
    assert v1.questions.get(key="nationality").text == "What is your nationality?"


def test_a_new_version_leaves_earlier_answers_attached_to_their_own_version(world: World) -> None:
    lead, interviewer = world.user("lead"), world.user("interviewer")
    v1 = services.version_publish(actor=lead, version=_worker_draft(world))
    first = response_store(
        actor=interviewer, respondent=_respondent(world), answers={"paid_anything": "yes"}, version=v1
    )

    v2 = services.version_start_draft(actor=lead, questionnaire=v1.questionnaire)
    services.question_update(
        actor=lead, question=v2.questions.get(key="paid_anything"), text="Did anyone ask you to pay?"
    )
    services.question_delete(actor=lead, question=v2.questions.get(key="anything_else"))
    services.version_publish(actor=lead, version=v2)
    second = response_store(
        actor=interviewer, respondent=_respondent(world, "KH"), answers={"paid_anything": "no"}, version=v2
    )

    first.refresh_from_db()
    assert first.questionnaire_version == v1
    assert second.questionnaire_version == v2
    assert list(v1.responses.all()) == [first]
    assert list(v2.responses.all()) == [second]
    assert open_response(first) == {"paid_anything": "yes"}
    # The version the first answers were given in still reads exactly as it did.
    assert v1.questions.get(key="paid_anything").text.startswith("Did you or your family pay")
    assert v1.questions.filter(key="anything_else").exists()
    with pytest.raises(ValidationError):
        services.question_update(actor=lead, question=v1.questions.get(key="paid_anything"), text="Rewritten")


def test_answers_cannot_be_given_in_a_draft_or_in_another_engagements_version(world: World) -> None:
    interviewer = world.user("interviewer")
    draft = _worker_draft(world)
    respondent = _respondent(world)
    with pytest.raises(ValidationError, match="published"):
        response_store(actor=interviewer, respondent=respondent, answers={"x": "y"}, version=draft)
    other_lead = world.user("other_org")
    other = services.questionnaire_copy_template(
        actor=other_lead, engagement=world.other_engagement, template=_template("employer_management")
    )
    services.version_publish(actor=other_lead, version=other)
    with pytest.raises(ValidationError, match="another engagement"):
        response_store(actor=interviewer, respondent=respondent, answers={"x": "y"}, version=other)
    assert not Response.objects.filter(respondent=respondent).exists()


def test_skip_logic_must_keep_pointing_at_an_earlier_question(world: World) -> None:
    lead = world.user("lead")
    draft = _worker_draft(world)
    fee_categories = draft.questions.get(key="fee_categories")  # depends on paid_anything, just above it
    with pytest.raises(ValidationError, match="earlier question"):
        services.question_move(actor=lead, question=fee_categories, direction="up")
    with pytest.raises(ValidationError, match="depends on this question"):
        services.question_delete(actor=lead, question=draft.questions.get(key="paid_anything"))
    with pytest.raises(ValidationError, match="not an option"):
        services.question_update(
            actor=lead, question=fee_categories, show_if={"question": "paid_anything", "op": "equals", "value": "maybe"}
        )
    assert draft.questions.get(key="fee_categories").show_if["value"] == "yes"


def test_a_question_can_be_added_after_another_with_a_translation_and_mappings(world: World) -> None:
    lead = world.user("lead")
    draft = _worker_draft(world)
    added = services.question_add(
        actor=lead,
        version=draft,
        key="migration_channel",
        after="how_found_job",
        section="recruitment",
        type="single_choice",
        text="How did you come to work in this country?",
        options=[
            {"value": "mou", "label": "Through a government agreement"},
            {"value": "other", "label": "Another way"},
        ],
        risks=["b_rd_wrong_visa"],
    )
    keys = list(draft.questions.order_by("position").values_list("key", flat=True))
    assert keys[keys.index("how_found_job") + 1] == "migration_channel"
    assert len(set(draft.questions.values_list("position", flat=True))) == len(keys)
    services.question_set_translation(
        actor=lead, question=added, language="km", text="តើអ្នកមកធ្វើការនៅប្រទេសនេះដោយរបៀបណា?", options={"mou": "តាម MOU"}
    )
    localised = localise(Question.objects.get(pk=added.pk), "km")
    assert localised.translated and [o.translated for o in localised.options] == [True, False]
    with pytest.raises(ValidationError):
        services.question_update(actor=lead, question=added, risks=["not_a_risk_id"])


# --- pages ----------------------------------------------------------------------------------------


def test_the_page_refuses_to_change_a_published_version_and_changes_nothing(world: World, client_for: Any) -> None:
    version = services.version_publish(actor=world.user("lead"), version=_worker_draft(world))
    before = _snapshot(version)
    question = version.questions.get(key="leave_freely")
    client = client_for("lead")
    kw = {"engagement_id": world.engagement.pk, "version_id": version.pk}
    qkw = {**kw, "question_id": question.pk}
    posts = [
        (reverse("questionnaires:question_edit", kwargs=qkw), {"section": "movement", "type": "text", "text": "New?"}),
        (reverse("questionnaires:translation_edit", kwargs={**qkw, "language": "th"}), {"text": "ออกไปได้ไหม"}),
        (
            reverse("questionnaires:question_add", kwargs=kw),
            {"key": "x", "section": "closing", "type": "text", "text": "?"},
        ),
        (reverse("questionnaires:question_delete", kwargs=qkw), {}),
        (reverse("questionnaires:question_move", kwargs=qkw), {"direction": "up"}),
        (reverse("questionnaires:publish", kwargs=kw), {}),
    ]
    for url, data in posts:
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert "is published and can no longer be changed" in response.content.decode(), url
    response = client.get(reverse("questionnaires:question_edit", kwargs=qkw))
    assert response.status_code == 302
    assert _snapshot(version) == before


def test_the_lead_tailors_a_draft_and_publishes_it_through_the_pages(world: World, client_for: Any) -> None:
    client = client_for("lead")
    template = _template("employer_management")
    e = world.engagement.pk
    response = client.post(reverse("questionnaires:copy", args=[e, template.pk]), {"title": "Management, site 1"})
    version = QuestionnaireVersion.objects.get(questionnaire__title="Management, site 1")
    assert response["Location"] == reverse("questionnaires:version", args=[e, version.pk])
    question = version.questions.get(key="pay_method")
    qkw = {"engagement_id": e, "version_id": version.pk, "question_id": question.pk}
    response = client.post(
        reverse("questionnaires:question_edit", kwargs=qkw),
        {
            "section": "wages",
            "type": "single_choice",
            "text": "How are wages paid to migrant workers?",
            "options": "own_bank_account | Into the worker's own account\ncash | In cash",
            "indicators": ["withholding_of_wages"],
            "risks": ["b_em_coercion", "c_wage_deductions"],
            "reported_when": "cash",
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "How are wages paid to migrant workers?"
    assert [o["value"] for o in question.options] == ["own_bank_account", "cash"]
    assert question.risks == ["b_em_coercion", "c_wage_deductions"]
    assert question.reported_when == ["cash"]
    client.post(
        reverse("questionnaires:translation_edit", kwargs={**qkw, "language": "th"}),
        {"text": "จ่ายค่าจ้างให้แรงงานข้ามชาติอย่างไร", "option__cash": "เงินสด"},
    )
    page = client.get(reverse("questionnaires:version", args=[e, version.pk]) + "?lang=th").content.decode()
    assert "จ่ายค่าจ้างให้แรงงานข้ามชาติอย่างไร" in page and "เงินสด" in page
    assert "Not translated: shown in English" in page

    response = client.post(reverse("questionnaires:publish", args=[e, version.pk]))
    version.refresh_from_db()
    assert version.is_published and version.published_by == world.user("lead")
    response = client.post(reverse("questionnaires:new_draft", args=[e, version.pk]))
    draft = version.questionnaire.versions.get(number=2)
    assert response["Location"] == reverse("questionnaires:version", args=[e, draft.pk])


def test_only_the_lead_assessor_may_publish(world: World, client_for: Any) -> None:
    version = _worker_draft(world)
    url = reverse("questionnaires:publish", args=[world.engagement.pk, version.pk])
    assert client_for("assessor").post(url).status_code == 403
    version.refresh_from_db()
    assert not version.is_published


def test_the_questionnaires_page_is_linked_from_phase_three(world: World) -> None:
    pages = phase_pages.pages_by_step(3, frozenset({Capability.VIEW_QUESTIONNAIRES}))
    assert [p.url_name for p in pages["Gather information to design the methodology"]] == ["questionnaires:list"]
    assert not phase_pages.pages_by_step(3, frozenset({Capability.VIEW_ENGAGEMENT, Capability.VIEW_AGGREGATES}))


def test_the_list_page_costs_the_same_queries_whatever_the_number_of_versions(world: World, client_for: Any) -> None:
    client = client_for("interviewer")
    url = reverse("questionnaires:list", args=[world.engagement.pk])
    lead = world.user("lead")
    services.version_publish(actor=lead, version=_worker_draft(world))
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    one = count()
    for key in ("employer_management", "labour_recruiter_management", "migrant_worker"):
        v1 = services.questionnaire_copy_template(actor=lead, engagement=world.engagement, template=_template(key))
        services.version_publish(actor=lead, version=v1)
        services.version_start_draft(actor=lead, questionnaire=v1.questionnaire)
    assert count() == one
    assert client.get(url).content.decode().count("Version 2") == 3


def test_the_version_page_previews_a_translation_and_marks_what_falls_back(world: World, client_for: Any) -> None:
    version = _worker_draft(world)
    url = reverse("questionnaires:version", args=[world.engagement.pk, version.pk])
    page = client_for("interviewer").get(url + "?lang=my").content.decode()
    leave = version.questions.get(key="leave_freely")
    assert leave.translations["my"]["text"] in page
    assert "Which language are you most comfortable speaking?" in page
    assert "Not translated: shown in English" in page
    assert "Asked only if the answer to" in page
    assert "Restriction of movement" in page
    # An interviewer reads, but sees no tailoring controls.
    assert reverse("questionnaires:question_edit", args=[world.engagement.pk, version.pk, leave.pk]) not in page


def test_the_template_page_reads_the_method_s_instrument_in_a_language(world: World, client_for: Any) -> None:
    template = _template("migrant_worker")
    url = reverse("questionnaires:template", args=[world.engagement.pk, template.pk])
    page = client_for("assessor").get(url + "?lang=km").content.decode()
    assert template.questions.get(key="paid_anything").translations["km"]["text"] in page
    assert reverse("questionnaires:copy", args=[world.engagement.pk, template.pk]) in page
    interviewer_page = client_for("interviewer").get(url).content.decode()
    assert "How do you describe your gender?" in interviewer_page
    assert reverse("questionnaires:copy", args=[world.engagement.pk, template.pk]) not in interviewer_page


# --- which answers report a mapping (reported_when) ------------------------------------------------


def test_every_seeded_mapping_names_the_answers_that_report_it() -> None:
    templates_load()
    questions = list(TemplateQuestion.objects.select_related("template"))
    assert mapping_gaps(questions) == []
    mapped = [q for q in questions if q.type in REPORTING_TYPES and (q.indicators or q.risks)]
    assert len(mapped) >= 75
    for question in mapped:
        values = option_values(question)
        assert set(question.reported_when) <= set(values), question.key
        # At least one answer does not report (except "which of these happened" lists, shown only after a yes).
        if question.type != "multiple_choice":
            assert set(values) - set(question.reported_when), question.key
    for question in questions:
        if question.type not in REPORTING_TYPES:
            assert question.reported_when == [], question.key
    worker = {q.key: q for q in questions if q.template.key == "migrant_worker"}
    assert worker["passport_location"].reported_when == ["employer", "agency", "someone_else"]
    assert worker["job_as_described"].reported_when == ["different"]
    assert worker["paid_anything"].reported_when == ["yes"]
    management = {q.key: q for q in questions if q.template.key == "employer_management"}
    assert set(management["document_custody"].reported_when) == {"business_keeps", "recruiter_keeps"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reported_when": ["robot"]}, "Not options of this question: robot"),
        ({"reported_when": ["employer", "employer"]}, "listed twice"),
        ({"reported_when": "employer"}, "must be a list"),
        ({"type": "text", "options": []}, "Only the answers to a choice or yes-or-no question"),
        ({"type": "money", "options": []}, "always reports"),
    ],
)
def test_reported_when_must_name_options_of_a_choice_question(
    world: World, changes: dict[str, Any], message: str
) -> None:
    version = _worker_draft(world)
    question = version.questions.get(key="passport_location")
    before = _snapshot(version)
    with pytest.raises(ValidationError) as caught:
        services.question_update(actor=world.user("lead"), question=question, **changes)
    assert message in " ".join(caught.value.messages)
    assert _snapshot(version) == before


def test_a_mapped_choice_question_without_reporting_answers_blocks_publishing(world: World) -> None:
    lead = world.user("lead")
    version = _worker_draft(world)
    question = version.questions.get(key="rest_day")
    # A draft may be mapped step by step ...
    services.question_update(actor=lead, question=question, reported_when=[])
    # ... but is not published until every mapping says which answers report it.
    with pytest.raises(ValidationError) as caught:
        services.version_publish(actor=lead, version=version)
    assert "rest_day" in caught.value.messages[0]
    version.refresh_from_db()
    assert not version.is_published
    services.question_update(actor=lead, question=question, reported_when=["never"])
    assert services.version_publish(actor=lead, version=version).is_published


def test_the_version_pages_show_what_reports_and_what_is_incomplete(world: World, client_for: Any) -> None:
    lead = world.user("lead")
    version = _worker_draft(world)
    services.question_update(actor=lead, question=version.questions.get(key="rest_day"), reported_when=[])
    client = client_for("lead")
    kw = {"engagement_id": world.engagement.pk, "version_id": version.pk}
    page = client.get(reverse("questionnaires:version", kwargs=kw)).content.decode()
    assert "Reported when:</span> The employer keeps it · The agency keeps it · Someone else keeps it" in page
    assert "any amount above zero" in page
    assert 'data-mapping-gaps="1"' in page and "Complete their mapping" in page
    publish = client.get(reverse("questionnaires:publish", kwargs=kw)).content.decode()
    assert "cannot be published yet" in publish and "<code>rest_day</code>" in publish
    assert "Back to the draft" in publish and "Publish version 1</button>" not in publish
    response = client.post(reverse("questionnaires:publish", kwargs=kw), follow=True)
    assert "rest_day" in response.content.decode()
    version.refresh_from_db()
    assert not version.is_published

    # A version published before the rule existed keeps its gap, and its page says so.
    QuestionnaireVersion.objects.filter(pk=version.pk).update(status="published")
    page = client.get(reverse("questionnaires:version", kwargs=kw)).content.decode()
    assert "Start a new version to complete the mapping" in page


def test_the_question_form_sets_reported_when_and_refuses_values_that_are_not_options(
    world: World, client_for: Any
) -> None:
    version = _worker_draft(world)
    question = version.questions.get(key="phone_contact")
    url = reverse(
        "questionnaires:question_edit",
        kwargs={"engagement_id": world.engagement.pk, "version_id": version.pk, "question_id": question.pk},
    )
    client = client_for("lead")
    page = client.get(url).content.decode()
    assert 'value="sometimes, cannot"' in page
    assert "values: freely, sometimes, cannot." in page
    data = {
        "section": "movement",
        "type": "single_choice",
        "text": question.text,
        "options": "freely | Yes\nsometimes | Only sometimes\ncannot | No",
        "indicators": ["isolation"],
        "risks": ["b_em_limited_communication"],
    }
    before = _snapshot(version)
    response = client.post(url, {**data, "reported_when": "cannot, never"})
    assert response.status_code == 200
    assert "Not options of this question: never" in response.content.decode()
    assert _snapshot(version) == before
    assert client.post(url, {**data, "reported_when": "cannot"}).status_code == 302
    question.refresh_from_db()
    assert question.reported_when == ["cannot"]
    # Changed to a text question, it reports nothing: the values are dropped with the options.
    form = QuestionForm({**data, "type": "text", "reported_when": "cannot"}, editing=True)
    assert form.is_valid(), form.errors
    assert form.service_fields()["reported_when"] == [] and form.service_fields()["options"] == []


def test_the_seed_refuses_a_mapping_no_answer_reports_and_reloads_when_reporting_changes(tmp_path: Any) -> None:
    data = read_seed()
    worker = next(i for i in data["instruments"] if i["key"] == "migrant_worker")
    rest_day = next(q for q in worker["questions"] if q["key"] == "rest_day")

    def write(reported: Any) -> Any:
        rest_day["reported_when"] = reported
        path = tmp_path / f"seed-{len(list(tmp_path.iterdir()))}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return path

    with pytest.raises(ImproperlyConfigured, match="rest_day"):
        instruments(write([]))
    with pytest.raises(ImproperlyConfigured, match="rest_day"):
        instruments(write(["sometimes_never"]))
    templates_load()
    assert templates_load(path=write(["never"]))["migrant_worker"] == "updated"
    assert TemplateQuestion.objects.get(template__key="migrant_worker", key="rest_day").reported_when == ["never"]
    assert templates_load(path=write(["never"]))["migrant_worker"] == "unchanged"
