"""Reads for the questionnaire pages, always through the access layer (404 outside, 403 without capability)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from engagements.models import Engagement
from interviews.questionnaires.models import (
    Question,
    Questionnaire,
    QuestionnaireTemplate,
    QuestionnaireVersion,
    TemplateQuestion,
)
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability
from vault.models import Response


def _count(model: Any, field: str) -> Coalesce:
    rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), 0)


def versions_annotated() -> QuerySet[QuestionnaireVersion]:
    """Versions with their number of questions and of answers given in them, one query for any number."""
    return (
        QuestionnaireVersion.objects.select_related("questionnaire", "published_by")
        .annotate(n_questions=_count(Question, "version"), n_responses=_count(Response, "questionnaire_version"))
        .order_by("number")
    )


def templates() -> QuerySet[QuestionnaireTemplate]:
    return QuestionnaireTemplate.objects.annotate(n_questions=_count(TemplateQuestion, "template"))


def questionnaires_of(engagement: Engagement) -> QuerySet[Questionnaire]:
    return (
        Questionnaire.objects.filter(engagement=engagement)
        .select_related("template")
        .prefetch_related(Prefetch("versions", queryset=versions_annotated()))
        .order_by("created_at")
    )


def get_version_for_user(
    user: Any, engagement_id: Any, version_id: Any, capability: Capability
) -> tuple[Engagement, QuestionnaireVersion]:
    return get_in_engagement_for_user(user, versions_annotated(), engagement_id, version_id, capability)


def get_question_for_user(
    user: Any, engagement_id: Any, version_id: Any, question_id: Any, capability: Capability
) -> tuple[Engagement, QuestionnaireVersion, Question]:
    """A question, reached only through its version, which is reached only through the engagement."""
    engagement, version = get_version_for_user(user, engagement_id, version_id, capability)
    question = Question.objects.filter(version=version, pk=question_id).first()
    if question is None:
        raise Http404
    question.version = version
    return engagement, version, question


def get_template_for_user(
    user: Any, engagement_id: Any, template_id: Any, capability: Capability
) -> tuple[Engagement, QuestionnaireTemplate]:
    """An organisation-wide template, seen from an engagement the user may tailor questionnaires in."""
    engagement = get_engagement_for_user(user, engagement_id, capability)
    template = templates().filter(pk=template_id).first()
    if template is None:
        raise Http404
    return engagement, template
