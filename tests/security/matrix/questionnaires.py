"""Rows for the questionnaires (phase 3): the assessment team reads them; the lead and assessors tailor
drafts; only the lead publishes. Business reviewers, worker representatives and organisation admins
never see them."""

from __future__ import annotations

from typing import Any

from interviews.questionnaires import services
from interviews.questionnaires.models import Question, QuestionnaireTemplate, QuestionnaireVersion
from interviews.questionnaires.seed import templates_load
from tests.conftest import World
from tests.security.matrix.common import Row, e_kw, engagement_rule

DRAFT_TITLE = "Matrix draft questionnaire"
PUBLISHED_TITLE = "Matrix published questionnaire"

READERS = engagement_rule("lead", "assessor", "interviewer")
TAILORS = engagement_rule("lead", "assessor")
PUBLISHER = engagement_rule("lead")


def _template_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "template_id": QuestionnaireTemplate.objects.get(key="migrant_worker").pk}


def _draft(w: World) -> QuestionnaireVersion:
    return QuestionnaireVersion.objects.get(engagement=w.engagement, questionnaire__title=DRAFT_TITLE)


def _draft_kw(w: World) -> dict[str, Any]:
    return {**e_kw(w), "version_id": _draft(w).pk}


def _published_kw(w: World) -> dict[str, Any]:
    version = QuestionnaireVersion.objects.get(engagement=w.engagement, questionnaire__title=PUBLISHED_TITLE)
    return {**e_kw(w), "version_id": version.pk}


def _question_kw(key: str) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        return {**_draft_kw(w), "question_id": Question.objects.get(version=_draft(w), key=key).pk}

    return kwargs


ROWS: dict[str, Row] = {
    "questionnaires:list": Row({"GET": READERS}, kwargs=e_kw),
    "questionnaires:template": Row({"GET": READERS}, kwargs=_template_kw),
    "questionnaires:copy": Row({"POST": TAILORS}, kwargs=_template_kw, data=lambda w: {"title": "Matrix copy"}),
    "questionnaires:version": Row({"GET": READERS}, kwargs=_draft_kw),
    "questionnaires:new_draft": Row({"POST": TAILORS}, kwargs=_published_kw),
    "questionnaires:publish": Row({"GET": PUBLISHER, "POST": PUBLISHER}, kwargs=_draft_kw),
    "questionnaires:question_add": Row(
        {"GET": TAILORS, "POST": TAILORS},
        kwargs=_draft_kw,
        data=lambda w: {"key": "matrix_added", "section": "closing", "type": "text", "text": "Anything to add?"},
    ),
    "questionnaires:question_edit": Row(
        {"GET": TAILORS, "POST": TAILORS},
        kwargs=_question_kw("nationality"),
        data=lambda w: {"section": "about", "type": "text", "text": "What is your nationality, if you wish to say?"},
    ),
    "questionnaires:question_delete": Row({"POST": TAILORS}, kwargs=_question_kw("anything_else")),
    "questionnaires:question_move": Row(
        {"POST": TAILORS}, kwargs=_question_kw("job_role"), data=lambda w: {"direction": "down"}
    ),
    "questionnaires:translation_edit": Row(
        {"GET": TAILORS, "POST": TAILORS},
        kwargs=lambda w: {**_question_kw("job_role")(w), "language": "my"},
        data=lambda w: {"text": "ဒီမှာ ဘာအလုပ် လုပ်ပါသလဲ။"},
    ),
}


def prepare(world: World) -> None:
    """A draft copied from the worker template, and a published management questionnaire with no draft."""
    templates_load()
    lead = world.user("lead")
    by_key = {t.key: t for t in QuestionnaireTemplate.objects.all()}
    services.questionnaire_copy_template(
        actor=lead, engagement=world.engagement, template=by_key["migrant_worker"], title=DRAFT_TITLE
    )
    published = services.questionnaire_copy_template(
        actor=lead, engagement=world.engagement, template=by_key["employer_management"], title=PUBLISHED_TITLE
    )
    services.version_publish(actor=lead, version=published)
