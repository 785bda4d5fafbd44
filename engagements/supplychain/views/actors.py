"""Actors of the map and the links between them."""

from __future__ import annotations

import copy
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from engagements.supplychain import selectors, services
from engagements.supplychain.forms import ActorForm, LinkForm
from engagements.supplychain.models import Actor, Link
from engagements.supplychain.views.common import page
from engagements.views.helpers import show_validation_error
from tenancy.access import get_engagement_for_user, get_in_engagement_for_user
from tenancy.roles import Capability


@login_required
@require_http_methods(["GET", "POST"])
def actor_new(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_PREPARATION)
    form = ActorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            chain_actor = services.actor_create(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("%(a)s added to the map.") % {"a": chain_actor})
            if "another" in request.POST:
                return redirect("supplychain:actor_new", engagement.pk)
            return redirect("supplychain:map", engagement.pk)
    return page(request, "supplychain/actor_form.html", engagement, _("Add an actor"), form=form)


@login_required
@require_http_methods(["GET", "POST"])
def actor_detail(request: HttpRequest, engagement_id: UUID, actor_id: UUID) -> HttpResponse:
    """The actor with its links; its form for those who may edit the map."""
    if request.method == "POST":
        engagement, chain_actor = get_in_engagement_for_user(
            request.user, Actor.objects.all(), engagement_id, actor_id, Capability.EDIT_PREPARATION
        )
    else:
        engagement, chain_actor = get_in_engagement_for_user(
            request.user, Actor.objects.all(), engagement_id, actor_id, Capability.VIEW_PREPARATION
        )
    form = ActorForm(request.POST or None, instance=copy.copy(chain_actor))  # the service compares
    if request.method == "POST" and form.is_valid():
        try:
            services.actor_update(actor=request.user, chain_actor=chain_actor, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("%(a)s saved.") % {"a": chain_actor})
            return redirect("supplychain:actor", engagement.pk, chain_actor.pk)
    view = selectors.map_view(engagement)
    by_id = view.by_id
    return page(
        request,
        "supplychain/actor.html",
        engagement,
        chain_actor.name,
        chain_actor=chain_actor,
        form=form,
        links=[link for link in selectors.links_for(engagement) if chain_actor.pk in (link.source_id, link.target_id)],
        tier=view.tiers.get(chain_actor.pk),
        gaps=[g.reason for g in view.gaps if g.actor == chain_actor.pk],
        paths=[
            (number, [by_id[n] for n in p.nodes])
            for number, p in enumerate(view.paths, start=1)
            if chain_actor.pk in p.nodes
        ],
    )


@login_required
@require_POST
def actor_delete(request: HttpRequest, engagement_id: UUID, actor_id: UUID) -> HttpResponse:
    engagement, chain_actor = get_in_engagement_for_user(
        request.user, Actor.objects.all(), engagement_id, actor_id, Capability.EDIT_PREPARATION
    )
    try:
        services.actor_delete(actor=request.user, chain_actor=chain_actor)
    except ValidationError as error:
        show_validation_error(request, error)
        return redirect("supplychain:actor", engagement.pk, chain_actor.pk)
    messages.success(request, _("%(a)s removed from the map, with its links.") % {"a": chain_actor})
    return redirect("supplychain:map", engagement.pk)


@login_required
@require_http_methods(["GET", "POST"])
def link_new(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.EDIT_PREPARATION)
    initial = {"source": request.GET.get("from")} if request.GET.get("from") else {}
    form = LinkForm(request.POST or None, engagement=engagement, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            link = services.link_create(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_validation_error(request, error, form)
        else:
            messages.success(request, _("Link added: %(l)s.") % {"l": link})
            if "another" in request.POST:
                return redirect("supplychain:link_new", engagement.pk)
            return redirect("supplychain:map", engagement.pk)
    return page(request, "supplychain/link_form.html", engagement, _("Add a link"), form=form)


@login_required
@require_POST
def link_delete(request: HttpRequest, engagement_id: UUID, link_id: UUID) -> HttpResponse:
    engagement, link = get_in_engagement_for_user(
        request.user,
        Link.objects.select_related("source", "target"),
        engagement_id,
        link_id,
        Capability.EDIT_PREPARATION,
    )
    services.link_delete(actor=request.user, link=link)
    messages.success(request, _("Link removed: %(l)s.") % {"l": link})
    return redirect("supplychain:map", engagement.pk)
