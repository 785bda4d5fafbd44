"""The information letter to workers, per language, printable (phase 3, step 7)."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from engagements.models import Engagement
from interviews.preparation import selectors
from interviews.preparation.forms import LetterForm
from interviews.preparation.letter_texts import ENGLISH, LETTERS, LetterText, fill
from interviews.preparation.models import InformationLetter
from interviews.preparation.services import team
from interviews.preparation.views.common import form_page, page
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability


def _letter_content(engagement: Engagement, settings: InformationLetter, text: LetterText) -> dict:
    values = {
        "organisation": engagement.organisation.name,
        "business": settings.workplace or (engagement.enterprises[0] if engagement.enterprises else engagement.title),
        "commissioned_by": settings.commissioned_by,
        "period": settings.interview_period,
        "place": settings.interview_place,
        "phone": settings.follow_up_phone,
        "hours": settings.follow_up_hours,
    }
    services = selectors.shown_to_workers(engagement)
    if text.countries:
        services = services.filter(
            country__in=[*text.countries, *selectors.corridor_countries(engagement)["destinations"]]
        )
    return {
        "text": text,
        "title": text.title,
        "sections": [(heading, fill(paragraph, values)) for heading, paragraph in text.sections],
        "by_country": selectors.services_by_country(services),
        "settings": settings,
    }


@login_required
@require_GET
def letter(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_PREPARATION)
    settings = InformationLetter.objects.filter(engagement=engagement).first() or InformationLetter(
        engagement=engagement
    )
    text = LETTERS.get(request.GET.get("lang", ""), ENGLISH)
    return page(
        request,
        "preparation/letter.html",
        engagement,
        _("Information letter to workers"),
        letter=_letter_content(engagement, settings, text),
        languages=list(LETTERS.values()),
        missing=[
            str(settings._meta.get_field(name).verbose_name)
            for name in team.LETTER_FIELDS
            if name not in ("workplace", "commissioned_by") and not getattr(settings, name)
        ],
    )


@login_required
@require_http_methods(["GET", "POST"])
def letter_settings(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_PREPARATION)
    current = InformationLetter.objects.filter(engagement=engagement).first() or InformationLetter(
        engagement=engagement
    )
    form = LetterForm(request.POST or None, instance=current)
    return form_page(
        request,
        engagement,
        title=_("Details for the information letter"),
        form=form,
        save=lambda: team.information_letter_save(actor=request.user, engagement=engagement, **form.cleaned_data),
        success=_("Letter details saved."),
        next_url=reverse("preparation:letter", args=[engagement.pk]),
        intro=_(
            "These fill every language version of the letter. A detail left empty prints as a line to fill by hand."
        ),
    )
