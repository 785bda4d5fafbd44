"""The assessment team: languages, gender, skills, declarations and training (phase 3, step 6).

Every page here needs VIEW_TEAM, because conflict-of-interest declarations are on it.
"""

from __future__ import annotations

import copy
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from interviews.preparation import selectors
from interviews.preparation.access import get_team_engagement_for_user, require
from interviews.preparation.forms import TeamMemberForm, TrainingForm
from interviews.preparation.languages import language_name, languages_of_country
from interviews.preparation.models import TeamMember, TrainingTopic
from interviews.preparation.services import team
from interviews.preparation.views.common import done, form_page, page
from tenancy.access import get_in_engagement_for_user
from tenancy.roles import Capability


def _team_url(engagement_id: UUID) -> str:
    return reverse("preparation:team", args=[engagement_id])


def _member_for(request: HttpRequest, engagement_id: UUID, member_id: UUID) -> tuple:
    engagement, member = get_in_engagement_for_user(
        request.user,
        TeamMember.objects.select_related("participant__user").prefetch_related("trainings"),
        engagement_id,
        member_id,
        Capability.VIEW_TEAM,
    )
    require(engagement, Capability.EDIT_PREPARATION)
    return engagement, member


@login_required
@require_GET
def team_list(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_team_engagement_for_user(request.user, engagement_id)
    members = list(selectors.team_members(engagement))
    nationalities = [
        (code, ", ".join(language_name(c) for c in languages_of_country(code)) or "—")
        for code in selectors.nationalities(engagement)
    ]
    return page(
        request,
        "preparation/team.html",
        engagement,
        _("Assessment team"),
        members=[(m, {r.topic: r.completed_on for r in m.trainings.all()}) for m in members],
        topics=TrainingTopic.choices,
        warnings=selectors.team_warnings(engagement, members),
        nationalities=nationalities,
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_member_add(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_team_engagement_for_user(request.user, engagement_id, edit=True)
    form = TeamMemberForm(request.POST or None, engagement=engagement)
    return form_page(
        request,
        engagement,
        title=_("Add a team member"),
        form=form,
        save=lambda: team.team_member_add(actor=request.user, engagement=engagement, **form.cleaned_data),
        success=_("Team member added."),
        next_url=_team_url(engagement.pk),
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_member_edit(request: HttpRequest, engagement_id: UUID, member_id: UUID) -> HttpResponse:
    engagement, member = _member_for(request, engagement_id, member_id)
    form = TeamMemberForm(request.POST or None, instance=copy.copy(member), engagement=engagement)
    return form_page(
        request,
        engagement,
        title=_("Edit %(name)s") % {"name": member.display_name},
        form=form,
        save=lambda: team.team_member_update(actor=request.user, member=member, **form.cleaned_data),
        success=_("Team member saved."),
        next_url=_team_url(engagement.pk),
    )


@login_required
@require_POST
def team_member_delete(request: HttpRequest, engagement_id: UUID, member_id: UUID) -> HttpResponse:
    _engagement, member = _member_for(request, engagement_id, member_id)
    team.team_member_remove(actor=request.user, member=member)
    return done(request, _("Team member removed."), _team_url(engagement_id))


@login_required
@require_http_methods(["GET", "POST"])
def team_member_training(request: HttpRequest, engagement_id: UUID, member_id: UUID) -> HttpResponse:
    engagement, member = _member_for(request, engagement_id, member_id)
    form = TrainingForm(request.POST or None, member=member)
    return form_page(
        request,
        engagement,
        title=_("Training of %(name)s") % {"name": member.display_name},
        form=form,
        save=lambda: team.training_record_set(actor=request.user, member=member, completed=form.completed()),
        success=_("Training record saved."),
        next_url=_team_url(engagement.pk),
        intro=_("The guide's minimum training for every team member. Enter the date each topic was completed."),
    )
