"""Questionnaire pages: the engagement's instruments and versions, a version read in any language,
tailoring a draft, and publishing it (guide, phase 3 step 4)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engagements.views.helpers import show_validation_error
from interviews.questionnaires import selectors, services
from interviews.questionnaires.catalogue import Language
from interviews.questionnaires.display import chosen_language, grouped_rows, language_tabs
from interviews.questionnaires.forms import CopyTemplateForm, MoveForm, QuestionForm, TranslationForm
from interviews.questionnaires.models import QuestionnaireVersion
from interviews.questionnaires.rules import mapping_gaps
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability

PHASE = 3


def _page(request: HttpRequest, template_name: str, engagement: Any, title: str, **context: Any) -> HttpResponse:
    context = {"engagement": engagement, "phase_number": PHASE, "page_title": title, **context}
    return render(request, template_name, context)


def _to_version(version: QuestionnaireVersion) -> HttpResponse:
    return redirect("questionnaires:version", version.engagement_id, version.pk)


def _refused_if_published(request: HttpRequest, version: QuestionnaireVersion) -> HttpResponse | None:
    """The page-level guard: a published version's editing pages send back to it, saying why."""
    if not version.is_published:
        return None
    messages.error(request, services.published_refusal(version).messages[0])
    return _to_version(version)


@login_required
@require_GET
def questionnaire_list(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_QUESTIONNAIRES)
    return _page(
        request,
        "questionnaires/list.html",
        engagement,
        _("Questionnaires"),
        questionnaires=selectors.questionnaires_of(engagement),
        templates=selectors.templates(),
        copy_form=CopyTemplateForm(),
    )


@login_required
@require_GET
def template_detail(request: HttpRequest, engagement_id: UUID, template_id: UUID) -> HttpResponse:
    engagement, template = selectors.get_template_for_user(
        request.user, engagement_id, template_id, Capability.VIEW_QUESTIONNAIRES
    )
    questions = list(template.questions.order_by("position"))
    language = chosen_language(request.GET.get("lang"))
    return _page(
        request,
        "questionnaires/template.html",
        engagement,
        template.title,
        template=template,
        groups=grouped_rows(questions, language),
        tabs=language_tabs(questions, language),
        language=language,
        copy_form=CopyTemplateForm(),
    )


@login_required
@require_POST
def template_copy(request: HttpRequest, engagement_id: UUID, template_id: UUID) -> HttpResponse:
    engagement, template = selectors.get_template_for_user(
        request.user, engagement_id, template_id, Capability.EDIT_QUESTIONNAIRES
    )
    form = CopyTemplateForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("questionnaires:list", engagement.pk)
    version = services.questionnaire_copy_template(
        actor=request.user, engagement=engagement, template=template, title=form.cleaned_data["title"]
    )
    messages.success(request, _("Copied into this engagement as a draft: tailor it, then publish it."))
    return _to_version(version)


@login_required
@require_GET
def version_detail(request: HttpRequest, engagement_id: UUID, version_id: UUID) -> HttpResponse:
    engagement, version = selectors.get_version_for_user(
        request.user, engagement_id, version_id, Capability.VIEW_QUESTIONNAIRES
    )
    questions = list(version.questions.order_by("position"))
    language = chosen_language(request.GET.get("lang"))
    siblings = list(selectors.versions_annotated().filter(questionnaire=version.questionnaire_id))
    return _page(
        request,
        "questionnaires/version.html",
        engagement,
        version.questionnaire.title,
        version=version,
        siblings=siblings,
        open_draft=next((v for v in siblings if not v.is_published), None),
        groups=grouped_rows(questions, language),
        tabs=language_tabs(questions, language),
        language=language,
        translate_language=language if language in Language.values else Language.values[0],
        editable=not version.is_published and Capability.EDIT_QUESTIONNAIRES in engagement.capabilities,
        gaps=mapping_gaps(questions),
    )


@login_required
@require_POST
def version_new_draft(request: HttpRequest, engagement_id: UUID, version_id: UUID) -> HttpResponse:
    _engagement, version = selectors.get_version_for_user(
        request.user, engagement_id, version_id, Capability.EDIT_QUESTIONNAIRES
    )
    try:
        draft = services.version_start_draft(actor=request.user, questionnaire=version.questionnaire)
    except ValidationError as error:
        show_validation_error(request, error)
        return _to_version(version)
    messages.success(request, _("Version %(n)s started as a copy of the latest version.") % {"n": draft.number})
    return _to_version(draft)


@login_required
@require_http_methods(["GET", "POST"])
def version_publish(request: HttpRequest, engagement_id: UUID, version_id: UUID) -> HttpResponse:
    engagement, version = selectors.get_version_for_user(
        request.user, engagement_id, version_id, Capability.PUBLISH_QUESTIONNAIRES
    )
    if refused := _refused_if_published(request, version):
        return refused
    if request.method == "POST":
        try:
            services.version_publish(actor=request.user, version=version)
        except ValidationError as error:
            show_validation_error(request, error)
        else:
            messages.success(request, _("Version %(n)s is published. It can no longer change.") % {"n": version.number})
            return _to_version(version)
    questions = list(version.questions.order_by("position"))
    return _page(
        request,
        "questionnaires/publish.html",
        engagement,
        _("Publish version %(n)s") % {"n": version.number},
        version=version,
        tabs=language_tabs(questions, "en")[1:],
        gaps=mapping_gaps(questions),
    )


def _question_page(request: HttpRequest, engagement: Any, version: Any, form: QuestionForm, **extra: Any) -> Any:
    title = _("Edit question") if extra.get("question") else _("Add a question")
    return _page(request, "questionnaires/question_form.html", engagement, title, version=version, form=form, **extra)


@login_required
@require_http_methods(["GET", "POST"])
def question_add(request: HttpRequest, engagement_id: UUID, version_id: UUID) -> HttpResponse:
    engagement, version = selectors.get_version_for_user(
        request.user, engagement_id, version_id, Capability.EDIT_QUESTIONNAIRES
    )
    if refused := _refused_if_published(request, version):
        return refused
    form = QuestionForm(request.POST or None, earlier=list(version.questions.order_by("position")))
    if request.method == "POST" and form.is_valid():
        try:
            services.question_add(
                actor=request.user,
                version=version,
                key=form.cleaned_data["key"],
                after=form.cleaned_data["after"],
                **form.service_fields(),
            )
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Question %(key)s added.") % {"key": form.cleaned_data["key"]})
            return _to_version(version)
    return _question_page(request, engagement, version, form)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, engagement_id: UUID, version_id: UUID, question_id: UUID) -> HttpResponse:
    engagement, version, question = selectors.get_question_for_user(
        request.user, engagement_id, version_id, question_id, Capability.EDIT_QUESTIONNAIRES
    )
    if refused := _refused_if_published(request, version):
        return refused
    earlier = list(version.questions.filter(position__lt=question.position).order_by("position"))
    form = QuestionForm(
        request.POST or None,
        initial=QuestionForm.initial_for(question),
        earlier=earlier,
        editing=True,
        question=question,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(actor=request.user, question=question, **form.service_fields())
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Question %(key)s saved.") % {"key": question.key})
            return _to_version(version)
    return _question_page(request, engagement, version, form, question=question)


@login_required
@require_POST
def question_delete(request: HttpRequest, engagement_id: UUID, version_id: UUID, question_id: UUID) -> HttpResponse:
    _engagement, version, question = selectors.get_question_for_user(
        request.user, engagement_id, version_id, question_id, Capability.EDIT_QUESTIONNAIRES
    )
    try:
        services.question_delete(actor=request.user, question=question)
    except ValidationError as error:
        show_validation_error(request, error)
    else:
        messages.success(request, _("Question %(key)s removed from this draft.") % {"key": question.key})
    return _to_version(version)


@login_required
@require_POST
def question_move(request: HttpRequest, engagement_id: UUID, version_id: UUID, question_id: UUID) -> HttpResponse:
    _engagement, version, question = selectors.get_question_for_user(
        request.user, engagement_id, version_id, question_id, Capability.EDIT_QUESTIONNAIRES
    )
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.question_move(actor=request.user, question=question, direction=form.cleaned_data["direction"])
        except ValidationError as error:
            show_validation_error(request, error)
    response = _to_version(version)
    response["Location"] += f"#q-{question.pk}"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def translation_edit(
    request: HttpRequest, engagement_id: UUID, version_id: UUID, question_id: UUID, language: str
) -> HttpResponse:
    engagement, version, question = selectors.get_question_for_user(
        request.user, engagement_id, version_id, question_id, Capability.EDIT_QUESTIONNAIRES
    )
    if language not in Language.values:
        raise Http404
    if refused := _refused_if_published(request, version):
        return refused
    form = TranslationForm(
        request.POST or None,
        initial=TranslationForm.initial_for(question, language),
        question=question,
        language=language,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.question_set_translation(
                actor=request.user,
                question=question,
                language=language,
                text=form.cleaned_data["text"],
                guidance=form.cleaned_data["guidance"],
                options=form.option_labels(),
            )
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Translation saved."))
            return redirect(f"{_to_version(version)['Location']}?lang={language}#q-{question.pk}")
    return _page(
        request,
        "questionnaires/translation_form.html",
        engagement,
        _("Translate question %(key)s") % {"key": question.key},
        version=version,
        question=question,
        form=form,
        language_label=Language(language).label,
        language=language,
        languages=Language.choices,
    )
