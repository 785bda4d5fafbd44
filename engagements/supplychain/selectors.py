"""Reads of the supply-chain map: a fixed number of queries, whatever the number of actors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, QuerySet, Sum, Value, When

from engagements.models import Engagement
from engagements.supplychain import drawing
from engagements.supplychain.graph import CorridorPath, Edge, Gap, Graph, Node, WorkforceFact
from engagements.supplychain.graph import corridor_paths as derive_paths
from engagements.supplychain.graph import tiers as derive_tiers
from engagements.supplychain.graph import visibility_gaps as derive_gaps
from engagements.supplychain.models import (
    EMPLOYER_TYPES,
    RECRUITING_TYPES,
    Actor,
    Link,
    Priority,
    Risk,
    RiskStage,
    SelectedEnterprise,
    Site,
    WorkforceRow,
)


def actors_for(engagement: Engagement) -> QuerySet[Actor]:
    return Actor.objects.filter(engagement=engagement).order_by("name")


def employers_for(engagement: Engagement) -> QuerySet[Actor]:
    return actors_for(engagement).filter(actor_type__in=EMPLOYER_TYPES)


def recruiters_for(engagement: Engagement) -> QuerySet[Actor]:
    return actors_for(engagement).filter(actor_type__in=RECRUITING_TYPES)


def links_for(engagement: Engagement) -> QuerySet[Link]:
    return Link.objects.filter(engagement=engagement).select_related("source", "target")


def graph_for(engagement: Engagement, actors: list[Actor] | None = None) -> Graph:
    """The map as plain data: three queries (actors, links, workforce totals)."""
    actors = list(actors_for(engagement)) if actors is None else actors
    nodes = [
        Node(
            id=a.pk,
            name=a.name,
            actor_type=a.actor_type,
            country=a.country.code or "",
            location=a.location,
            location_role=a.location_role,
            licence_status=a.licence_status,
            migrant_workers=a.migrant_workers,
            service_kind=a.service_kind,
        )
        for a in actors
    ]
    edges = [
        Edge(source=s, target=t, kind=k, id=pk)
        for pk, s, t, k in Link.objects.filter(engagement=engagement).values_list("pk", "source", "target", "kind")
    ]
    facts = [
        WorkforceFact(
            employer=row["site__employer"],
            nationality=row["nationality"],
            count=row["total"],
            recruiter=row["recruiter"],
        )
        for row in WorkforceRow.objects.filter(engagement=engagement)
        .values("site__employer", "nationality", "recruiter")
        .annotate(total=Sum("count"))
        .order_by()
    ]
    return Graph.build(nodes, edges, facts)


@dataclass
class MapView:
    """Everything the map page shows, derived once."""

    actors: list[Actor]
    graph: Graph
    tiers: dict[Any, int | None]
    paths: list[CorridorPath]
    gaps: list[Gap]

    @property
    def by_id(self) -> dict[Any, Actor]:
        return {a.pk: a for a in self.actors}

    def svg(self, *, mode: str = "tier", highlight: tuple[Any, ...] = (), title: str = "") -> str:
        mode = mode if mode == "stage" or self.has_business else "stage"
        the_layout = drawing.layout(self.graph, self.tiers, mode)
        return drawing.render_svg(
            self.graph, the_layout, tier_of=self.tiers, gaps=self.gaps, highlight=highlight, title=title
        )

    @property
    def has_business(self) -> bool:
        return any(t == 0 for t in self.tiers.values())


def map_view(engagement: Engagement) -> MapView:
    actors = list(actors_for(engagement))
    graph = graph_for(engagement, actors)
    tier_of = derive_tiers(graph)
    return MapView(
        actors=actors,
        graph=graph,
        tiers=tier_of,
        paths=derive_paths(graph),
        gaps=derive_gaps(graph, tier_of),
    )


def sites_with_totals(engagement: Engagement) -> QuerySet[Site]:
    return (
        Site.objects.filter(engagement=engagement)
        .select_related("employer")
        .annotate(workers=Sum("rows__count"), groups=Count("rows"))
        .order_by("name")
    )


def workforce_rows(site: Site) -> QuerySet[WorkforceRow]:
    return WorkforceRow.objects.filter(site=site).select_related("recruiter")


def workforce_totals(engagement: Engagement, dimension: str) -> list[dict[str, Any]]:
    """Head counts across every site, by one dimension (nationality, gender...)."""
    return list(
        WorkforceRow.objects.filter(engagement=engagement)
        .values(dimension)
        .annotate(total=Sum("count"))
        .order_by("-total", dimension)
    )


def risks_for(engagement: Engagement) -> QuerySet[Risk]:
    return (
        Risk.objects.filter(engagement=engagement)
        .select_related("corridor")
        .annotate(
            n_sources=Count("sources"),
            rank=Case(
                When(priority=Priority.HIGH, then=Value(0)),
                When(priority=Priority.MEDIUM, then=Value(1)),
                default=Value(2),
            ),
        )
        .annotate(
            stage_rank=Case(
                *(When(stage=stage, then=Value(i)) for i, stage in enumerate(RiskStage.values)), default=Value(9)
            )
        )
        .order_by("stage_rank", "rank", "title")
    )


def selected_for(engagement: Engagement) -> QuerySet[SelectedEnterprise]:
    return SelectedEnterprise.objects.filter(engagement=engagement).select_related("actor")


def workforce_by_recruiter(engagement: Engagement) -> list[dict[str, Any]]:
    return list(
        WorkforceRow.objects.filter(engagement=engagement)
        .values("recruiter__name")
        .annotate(total=Sum("count"))
        .order_by("-total", "recruiter__name")
    )
