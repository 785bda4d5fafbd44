"""The supply-chain map: the drawing, its corridors, its visibility gaps, and the tables behind it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_countries.fields import Country

from engagements.supplychain import selectors
from engagements.supplychain.views.common import page
from tenancy.access import get_engagement_for_user
from tenancy.roles import Capability


def _choice(request: HttpRequest, paths: list[Any]) -> tuple[str, int | None]:
    """The layout (?layout=tier|stage) and the highlighted corridor path (?path=<n>, from 1)."""
    mode = "stage" if request.GET.get("layout") == "stage" else "tier"
    raw = request.GET.get("path", "")
    number = int(raw) if raw.isdigit() and 1 <= int(raw) <= len(paths) else None
    return mode, number


@login_required
@require_GET
def chain_map(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_PREPARATION)
    view = selectors.map_view(engagement)
    mode, number = _choice(request, view.paths)
    highlight = view.paths[number - 1].nodes if number else ()
    by_id = view.by_id
    gaps_by_actor: dict[Any, list[str]] = {}
    for gap in view.gaps:
        gaps_by_actor.setdefault(gap.actor, []).append(gap.reason)
    return page(
        request,
        "supplychain/map.html",
        engagement,
        _("Supply-chain map"),
        svg=view.svg(mode=mode, highlight=highlight),
        mode=mode,
        path_number=number,
        full_size=request.GET.get("size") == "full",
        paths=[
            {
                "number": i,
                "actors": [by_id[n] for n in p.nodes],
                "countries": [Country(code=c).name for c in p.countries],
                "nationalities": [Country(code=c).name for c in p.nationalities],
            }
            for i, p in enumerate(view.paths, start=1)
        ],
        highlighted=[by_id[n] for n in highlight],
        actors=[(a, view.tiers.get(a.pk), gaps_by_actor.get(a.pk, [])) for a in view.actors],
        links=list(selectors.links_for(engagement)),
        gaps=[(by_id.get(g.actor), g) for g in view.gaps],
    )


@login_required
@require_GET
def map_svg(request: HttpRequest, engagement_id: UUID) -> HttpResponse:
    """The drawing alone, as an SVG document (same ?layout= and ?path= as the page)."""
    engagement = get_engagement_for_user(request.user, engagement_id, Capability.VIEW_PREPARATION)
    view = selectors.map_view(engagement)
    mode, number = _choice(request, view.paths)
    highlight = view.paths[number - 1].nodes if number else ()
    svg = view.svg(mode=mode, highlight=highlight, title=_("Supply-chain map: %(e)s") % {"e": engagement.title})
    response = HttpResponse(f'<?xml version="1.0" encoding="UTF-8"?>\n{svg}', content_type="image/svg+xml")
    response["Content-Disposition"] = 'inline; filename="supply-chain-map.svg"'
    return response
