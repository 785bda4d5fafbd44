"""The procedures checklist and its senior-leadership sign-off (phase 3, step 2)."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from interviews.preparation.forms import ProcedureAnswerForm, SignOffForm
from interviews.preparation.models import CONCERN_GUIDANCE, Concern, ProcedureAnswer, ProcedureSignOff
from interviews.preparation.services import business, procedures
from interviews.preparation.views.common import form_page, page
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability


def _procedures_url(engagement_id: UUID) -> str:
    return reverse("preparation:procedures", args=[engagement_id])


@login_required
@require_GET
def procedures_checklist(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_PREPARATION)
    answers = {a.concern: a for a in ProcedureAnswer.objects.filter(engagement=engagement)}
    sign_offs = list(ProcedureSignOff.objects.filter(engagement=engagement).select_related("recorded_by"))
    last = sign_offs[0] if sign_offs else None
    rows = [
        {
            "concern": concern,
            "label": label,
            "guidance": CONCERN_GUIDANCE[concern],
            "answer": answers.get(concern),
            "changed_since_sign_off": bool(
                last and concern in answers and answers[concern].updated_at > last.created_at
            ),
        }
        for concern, label in Concern.choices
    ]
    return page(
        request,
        "preparation/procedures.html",
        engagement,
        _("Procedures"),
        rows=rows,
        answered=sum(1 for row in rows if row["answer"]),
        sign_offs=sign_offs,
    )


@login_required
@require_http_methods(["GET", "POST"])
def procedure_edit(request: HttpRequest, engagement_id: UUID, concern: str) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_PREPARATION)
    if concern not in Concern.values:
        raise Http404
    current = ProcedureAnswer.objects.filter(engagement=engagement, concern=concern).first()
    form = ProcedureAnswerForm(
        request.POST or None, request.FILES or None, initial={"answer": getattr(current, "answer", "")}
    )
    if not (current and current.file):
        del form.fields["remove_document"]
    return form_page(
        request,
        engagement,
        title=str(Concern(concern).label),
        form=form,
        save=lambda: procedures.procedure_answer_set(
            actor=request.user,
            engagement=engagement,
            concern=concern,
            answer=form.cleaned_data["answer"],
            upload=form.cleaned_data["document"],
            remove_document=form.cleaned_data.get("remove_document", False),
        ),
        success=_("Procedure saved."),
        next_url=_procedures_url(engagement.pk),
        intro=str(CONCERN_GUIDANCE[Concern(concern)]),
    )


@login_required
@require_GET
def procedure_document(request: HttpRequest, engagement_id: UUID, answer_id: UUID) -> HttpResponse:
    _engagement, answer = get_in_engagement_for_user(
        request.user, ProcedureAnswer.objects.all(), engagement_id, answer_id, Capability.VIEW_PREPARATION
    )
    if not answer.file:
        raise Http404
    return business.file_download(actor=request.user, obj=answer)


@login_required
@require_http_methods(["GET", "POST"])
def procedures_sign_off(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    """Recorded by the lead assessor (who alone manages the tracker); every sign-off is audited."""
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.MANAGE_TRACKER)
    form = SignOffForm(request.POST or None)
    return form_page(
        request,
        engagement,
        title=_("Record senior leadership's sign-off"),
        form=form,
        save=lambda: procedures.procedures_sign_off(actor=request.user, engagement=engagement, **form.cleaned_data),
        success=_("Sign-off recorded."),
        next_url=_procedures_url(engagement.pk),
        intro=_(
            "Brief senior leadership on the risks found in desk research, stressing victim confidentiality, and record "
            "who signed the assessment and engagement procedures off."
        ),
    )
