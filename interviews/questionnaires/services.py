"""Writes to questionnaires: copy a template, tailor a draft, publish it, start the next draft.

Guide, phase 3 step 4, key action 2. A published version never changes: every service that would
change one refuses with a ValidationError before touching anything (and the database refuses too,
see migration 0002). Tailoring after publishing starts a new draft, a copy of the latest version.
Each change re-validates the whole version (keys unique, skip logic pointing at earlier questions
and at their options, mapped ids present in the reference, answers that report a mapping among the
options), so a version is always publishable as far as its structure goes; publishing also requires
every mapped choice question to name the answers that report it (``rules.mapping_gaps``).
"""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from engagements.models import Engagement
from interviews.questionnaires.catalogue import Language
from interviews.questionnaires.models import (
    Question,
    Questionnaire,
    QuestionnaireTemplate,
    QuestionnaireVersion,
    VersionStatus,
)
from interviews.questionnaires.rules import mapping_gaps, questionnaire_errors

EDITABLE_FIELDS = frozenset(
    {
        "section",
        "type",
        "text",
        "guidance",
        "required",
        "options",
        "show_if",
        "indicators",
        "risks",
        "reported_when",
        "fee_category",
    }
)


def published_refusal(version: QuestionnaireVersion) -> ValidationError:
    return ValidationError(
        _("Version %(n)s of “%(title)s” is published and can no longer be changed. Start a new draft to tailor it.")
        % {"n": version.number, "title": version.questionnaire.title},
        code="published",
    )


def _editable(version: QuestionnaireVersion) -> QuestionnaireVersion:
    """The version, locked, if it is still a draft; a refusal if it was published."""
    locked = QuestionnaireVersion.objects.select_for_update().select_related("questionnaire").get(pk=version.pk)
    if locked.is_published:
        raise published_refusal(locked)
    return locked


def _check_whole_version(version: QuestionnaireVersion) -> None:
    errors = questionnaire_errors(list(version.questions.order_by("position")))
    if errors:
        messages = [f"{key}: {' '.join(m for msgs in fields.values() for m in msgs)}" for key, fields in errors.items()]
        raise ValidationError(messages)


def _check_mapping_complete(version: QuestionnaireVersion) -> None:
    """A choice question mapping indicators or risks must say which answers report them before publishing.

    Only at publishing: a draft may be mapped step by step. Versions published before this rule keep
    their gaps (they never change); the version page shows them.
    """
    gaps = mapping_gaps(version.questions.order_by("position"))
    if gaps:
        raise ValidationError(
            _(
                "Say which answers report the indicators and risks of: %(keys)s. Until then their answers count "
                "for nothing in the debrief and the findings."
            )
            % {"keys": ", ".join(gaps)},
            code="incomplete_mapping",
        )


def _copy_questions(source: Any, version: QuestionnaireVersion) -> int:
    questions = [Question(version=version, **q.copied_values()) for q in source.questions.order_by("position")]
    Question.objects.bulk_create(questions)
    return len(questions)


@transaction.atomic
def questionnaire_copy_template(
    *, actor: Any, engagement: Engagement, template: QuestionnaireTemplate, title: str = ""
) -> QuestionnaireVersion:
    """The template, copied into the engagement as version 1, a draft to tailor."""
    questionnaire = Questionnaire(
        engagement=engagement, template=template, kind=template.kind, title=title.strip() or template.title
    )
    questionnaire.full_clean()
    questionnaire.save()
    version = QuestionnaireVersion.objects.create(engagement=engagement, questionnaire=questionnaire, number=1)
    count = _copy_questions(template, version)
    record(
        actor=actor,
        verb="questionnaire.copied",
        target=questionnaire,
        engagement=engagement,
        detail={"template": template.key, "questions": count},
    )
    return version


@transaction.atomic
def version_start_draft(*, actor: Any, questionnaire: Questionnaire) -> QuestionnaireVersion:
    """A new draft: a copy of the latest version, to tailor after publishing."""
    Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    latest = questionnaire.versions.order_by("-number").first()
    if latest is not None and not latest.is_published:
        raise ValidationError(_("Version %(n)s is still a draft: tailor that one.") % {"n": latest.number})
    number = (latest.number if latest else 0) + 1
    version = QuestionnaireVersion.objects.create(
        engagement=questionnaire.engagement, questionnaire=questionnaire, number=number, based_on=latest
    )
    if latest is not None:
        _copy_questions(latest, version)
    record(
        actor=actor,
        verb="questionnaire_version.drafted",
        target=version,
        engagement=questionnaire.engagement,
        detail={"number": number},
    )
    return version


@transaction.atomic
def version_publish(*, actor: Any, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """Freeze the draft: from now on answers can be given in it, and it never changes.

    The caller's instance is updated too, so that it can be used to store answers straight away.
    """
    locked = _editable(version)
    count = locked.questions.count()
    if not count:
        raise ValidationError(_("A questionnaire with no question cannot be published."))
    _check_whole_version(locked)
    _check_mapping_complete(locked)
    locked.status = VersionStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.published_by = actor
    fields = ["status", "published_at", "published_by", "updated_at"]
    locked.save(update_fields=fields)
    for name in fields:
        setattr(version, name, getattr(locked, name))
    record(
        actor=actor,
        verb="questionnaire_version.published",
        target=locked,
        engagement=locked.engagement,
        detail={"number": locked.number, "questions": count},
    )
    return version


def _audit_question(actor: Any, verb: str, version: QuestionnaireVersion, key: str, **detail: Any) -> None:
    record(
        actor=actor,
        verb=verb,
        target=version,
        engagement=version.engagement,
        detail={"number": version.number, "key": key, **detail},
    )


@transaction.atomic
def question_add(*, actor: Any, version: QuestionnaireVersion, key: str, after: str = "", **fields: Any) -> Question:
    """A new question in the draft, after the question keyed ``after`` (at the end when empty)."""
    version = _editable(version)
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Not question fields: {sorted(unknown)}")
    ordered = list(version.questions.order_by("position"))
    keys = [q.key for q in ordered]
    if after and after not in keys:
        raise ValidationError({"after": _("There is no question “%(key)s” in this version.") % {"key": after}})
    index = keys.index(after) + 1 if after else len(ordered)
    question = Question(version=version, key=key.strip(), position=index + 1, **fields)
    question.full_clean()
    for position, existing in enumerate(ordered[index:], start=index + 2):
        existing.position = position
    Question.objects.bulk_update(ordered[index:], ["position"])
    question.save()
    _check_whole_version(version)
    _audit_question(actor, "question.added", version, question.key)
    return question


@transaction.atomic
def question_update(*, actor: Any, question: Question, **fields: Any) -> Question:
    """Change what a question asks, its options, skip logic or mappings. Its key never changes."""
    version = _editable(question.version)
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Not question fields: {sorted(unknown)}")
    changed = sorted(name for name, value in fields.items() if getattr(question, name) != value)
    for name, value in fields.items():
        setattr(question, name, value)
    question.full_clean()
    question.save()
    _check_whole_version(version)
    _audit_question(actor, "question.updated", version, question.key, fields=changed)
    return question


@transaction.atomic
def question_delete(*, actor: Any, question: Question) -> None:
    version = _editable(question.version)
    dependents = [
        q.key for q in version.questions.exclude(pk=question.pk) if (q.show_if or {}).get("question") == question.key
    ]
    if dependents:
        raise ValidationError(
            _("The skip logic of %(keys)s depends on this question: change it first.") % {"keys": ", ".join(dependents)}
        )
    key = question.key
    question.delete()
    _audit_question(actor, "question.deleted", version, key)


@transaction.atomic
def question_move(*, actor: Any, question: Question, direction: Literal["up", "down"]) -> None:
    """Swap the question with its neighbour; skip logic must still point at earlier questions."""
    version = _editable(question.version)
    ordered = list(version.questions.order_by("position"))
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        item.position = position
    Question.objects.bulk_update(ordered, ["position"])
    _check_whole_version(version)
    _audit_question(actor, "question.moved", version, question.key, direction=direction)


@transaction.atomic
def question_set_translation(
    *,
    actor: Any,
    question: Question,
    language: str,
    text: str,
    guidance: str = "",
    options: dict[str, str] | None = None,
) -> Question:
    """Set (or, with an empty text, remove) the question's wording in a language."""
    version = _editable(question.version)
    if language not in Language.values:
        raise ValidationError(_("No such translation language."))
    translations = dict(question.translations or {})
    if not text.strip():
        translations.pop(language, None)
    else:
        entry: dict[str, Any] = {"text": text.strip()}
        if guidance.strip():
            entry["guidance"] = guidance.strip()
        labels = {value: label.strip() for value, label in (options or {}).items() if label and label.strip()}
        if labels:
            entry["options"] = labels
        translations[language] = entry
    question.translations = translations
    question.full_clean()
    question.save(update_fields=["translations", "updated_at"])
    _check_whole_version(version)
    _audit_question(actor, "question.translated", version, question.key, language=language, removed=not text.strip())
    return question
