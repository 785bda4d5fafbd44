"""What the supply-chain map tells, derived from its actors and links (guide, phase 2, step 1).

Pure functions over plain data: no database, no request. ``selectors.graph_for`` builds the
``Graph`` from an engagement; tests build it by hand.

Direction. Every link points from the actor further from the business toward the one closer
to it: a supplier *supplies* its buyer, a recruiter *recruits for* an employer, a subagent
*subcontracts for* a recruiter, a medical centre *provides a service to* a recruiter.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from engagements.supplychain.models import (
    EMPLOYER_TYPES,
    LICENSABLE_TYPES,
    RECRUITING_TYPES,
    RECRUITMENT_KINDS,
    ActorType,
    LicenceStatus,
    LinkKind,
)

MAX_PATHS = 500


@dataclass(frozen=True)
class Node:
    id: Any
    name: str
    actor_type: str
    country: str = ""
    location: str = ""
    location_role: str = ""
    licence_status: str = LicenceStatus.UNKNOWN
    migrant_workers: int | None = None
    service_kind: str = ""


@dataclass(frozen=True)
class Edge:
    source: Any
    target: Any
    kind: str
    id: Any = None


@dataclass(frozen=True)
class WorkforceFact:
    """Workers at a site of ``employer``: how many, of which nationality, through which recruiter (or none)."""

    employer: Any
    nationality: str
    count: int
    recruiter: Any = None


@dataclass
class Graph:
    nodes: dict[Any, Node]
    edges: list[Edge]
    workforce: list[WorkforceFact] = field(default_factory=list)

    @classmethod
    def build(cls, nodes: Iterable[Node], edges: Iterable[Edge], workforce: Iterable[WorkforceFact] = ()) -> Graph:
        by_id = {node.id: node for node in nodes}
        return cls(
            nodes=by_id,
            edges=[e for e in edges if e.source in by_id and e.target in by_id],
            workforce=list(workforce),
        )

    def outgoing(self, kinds: frozenset[str] | None = None) -> dict[Any, list[Any]]:
        result: dict[Any, list[Any]] = defaultdict(list)
        for edge in self.edges:
            if kinds is None or edge.kind in kinds:
                result[edge.source].append(edge.target)
        return result

    def incoming(self, kinds: frozenset[str] | None = None) -> dict[Any, list[Any]]:
        result: dict[Any, list[Any]] = defaultdict(list)
        for edge in self.edges:
            if kinds is None or edge.kind in kinds:
                result[edge.target].append(edge.source)
        return result


def tiers(graph: Graph) -> dict[Any, int | None]:
    """Each actor's tier: how many links separate it from the business.

    Definition: every actor of type "the business itself" is tier 0. The tier of any other actor A
    is the number of links in the shortest chain A -> X1 -> ... -> B that follows links in their
    direction (from -> to, i.e. toward the business) and ends at a tier-0 actor B; links of every
    kind count. An actor from which no such chain exists has no tier (``None``): it is not
    connected to the business. A direct supplier of the business is tier 1, that supplier's
    recruiter tier 2, the recruiter's subagent tier 3.

    Computed by one breadth-first search from the tier-0 actors against the links' direction.
    """
    result: dict[Any, int | None] = dict.fromkeys(graph.nodes)
    incoming = graph.incoming()
    queue: deque[Any] = deque()
    for node in graph.nodes.values():
        if node.actor_type == ActorType.BUSINESS:
            result[node.id] = 0
            queue.append(node.id)
    while queue:
        current = queue.popleft()
        for source in incoming.get(current, ()):
            if result[source] is None:
                result[source] = result[current] + 1  # type: ignore[operator]
                queue.append(source)
    return result


@dataclass(frozen=True)
class CorridorPath:
    """A recruitment chain from its furthest known actor to the workplace."""

    nodes: tuple[Any, ...]
    countries: tuple[str, ...]
    nationalities: tuple[str, ...] = ()

    @property
    def start(self) -> Any:
        return self.nodes[0]

    @property
    def workplace(self) -> Any:
        return self.nodes[-1]


def _distinct(values: Iterable[str]) -> tuple[str, ...]:
    """Consecutive repeats dropped: MM, MM, TH -> MM, TH."""
    out: list[str] = []
    for value in values:
        if value and (not out or out[-1] != value):
            out.append(value)
    return tuple(out)


def corridor_paths(graph: Graph) -> list[CorridorPath]:
    """Every recruitment chain that ends at a workplace, from origin to destination.

    Only "recruits for" and "subcontracts for" links are followed. A path starts at an actor that is
    not an employer and that no recruitment link leads into (the furthest known link of the chain:
    usually a subagent in the origin community), follows recruitment links without revisiting an
    actor, and ends at the first employer reached (a supplier or the business itself): the
    workplace. ``countries`` lists the countries along the path with consecutive repeats merged;
    ``nationalities`` are those of the workers at the workplace recruited through an actor of the
    path (from the workforce breakdown). Paths are sorted by workplace, then by the names along them.
    """
    outgoing = graph.outgoing(RECRUITMENT_KINDS)
    incoming = graph.incoming(RECRUITMENT_KINDS)
    is_employer = {nid: node.actor_type in EMPLOYER_TYPES for nid, node in graph.nodes.items()}
    starts = [nid for nid in graph.nodes if not is_employer[nid] and outgoing.get(nid) and not incoming.get(nid)]
    found: list[tuple[Any, ...]] = []

    def walk(path: list[Any]) -> None:
        if len(found) >= MAX_PATHS:
            return
        for nxt in outgoing.get(path[-1], ()):
            if nxt in path:
                continue
            if is_employer[nxt]:
                found.append((*path, nxt))
            else:
                walk([*path, nxt])

    for start in starts:
        walk([start])

    nationalities = _nationalities_by_employer_and_recruiter(graph)
    paths = []
    for nodes in sorted(set(found), key=lambda p: [graph.nodes[n].name for n in (p[-1], *p)]):
        countries = _distinct(graph.nodes[n].country for n in nodes)
        seen: set[str] = set()
        for nid in nodes[:-1]:
            seen |= nationalities.get((nodes[-1], nid), set())
        paths.append(CorridorPath(nodes=nodes, countries=countries, nationalities=tuple(sorted(seen))))
    return paths


def _nationalities_by_employer_and_recruiter(graph: Graph) -> dict[tuple[Any, Any], set[str]]:
    result: dict[tuple[Any, Any], set[str]] = defaultdict(set)
    for fact in graph.workforce:
        if fact.recruiter is not None and fact.count > 0:
            result[(fact.employer, fact.recruiter)].add(fact.nationality)
    return result


class GapKind:
    NO_BUSINESS = "no_business"
    NOT_CONNECTED = "not_connected"
    RECRUITER_WITHOUT_SUBAGENT = "recruiter_without_subagent"
    EMPLOYER_WITHOUT_RECRUITER = "employer_without_recruiter"
    SUPPLIER_WITHOUT_UPSTREAM = "supplier_without_upstream"
    LICENCE_UNKNOWN = "licence_unknown"
    RECRUITER_NOT_LINKED = "recruiter_not_linked"


@dataclass(frozen=True)
class Gap:
    """Where the map cannot see (guide, phase 2 step 1: "note areas where visibility is lacking")."""

    kind: str
    actor: Any
    reason: str


def _workers_by_employer(graph: Graph) -> dict[Any, int]:
    counts: dict[Any, int] = defaultdict(int)
    for fact in graph.workforce:
        counts[fact.employer] += fact.count
    return counts


def _recruited_employers(graph: Graph) -> set[Any]:
    """Actors someone recruits for: a "recruits for" link, or a recruiter or subagent subcontracting for them."""
    return {
        e.target
        for e in graph.edges
        if e.kind == LinkKind.RECRUITS_FOR
        or (e.kind == LinkKind.SUBCONTRACTS and graph.nodes[e.source].actor_type in RECRUITING_TYPES)
    }


def _reaches(graph: Graph, start: Any, goal: Any, kinds: frozenset[str]) -> bool:
    outgoing = graph.outgoing(kinds)
    seen, queue = {start}, deque([start])
    while queue:
        current = queue.popleft()
        if current == goal:
            return True
        for nxt in outgoing.get(current, ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return False


def visibility_gaps(graph: Graph, tier_of: dict[Any, int | None] | None = None) -> list[Gap]:
    """Where the map is blind, each with a reason a person can act on. Rules, in order:

    * no actor is "the business itself": tiers cannot be counted (one gap for the map, actor None);
    * an actor with no chain of links to the business (no tier), the business excepted;
    * a labour recruiter that no subagent or other recruiter "recruits for" or "subcontracts for":
      who finds its workers in their communities is unknown;
    * an employer (supplier or the business) with migrant workers (an estimate above zero, or a
      workforce breakdown) that no actor "recruits for", directly or through a subcontractor;
    * a supplier that nothing leads into at all (no recruiter, no service provider, no supplier):
      no visibility beyond it;
    * a recruiter, subagent or service provider whose licence status is unknown;
    * workers at an employer's site recruited through a recruiter from which no chain of
      recruitment links reaches that employer.
    """
    tier_of = tiers(graph) if tier_of is None else tier_of
    nodes = graph.nodes
    gaps: list[Gap] = []
    has_business = any(n.actor_type == ActorType.BUSINESS for n in nodes.values())
    if nodes and not has_business:
        gaps.append(Gap(GapKind.NO_BUSINESS, None, _("No actor is the business itself, so tiers cannot be counted.")))
    recruit_in = graph.incoming(RECRUITMENT_KINDS)
    any_in = graph.incoming()
    recruited = _recruited_employers(graph)
    workers = _workers_by_employer(graph)
    for node in sorted(nodes.values(), key=lambda n: n.name):
        if has_business and tier_of.get(node.id) is None:
            gaps.append(Gap(GapKind.NOT_CONNECTED, node.id, _("No chain of links leads from it to the business.")))
        if node.actor_type == ActorType.RECRUITER and not recruit_in.get(node.id):
            gaps.append(
                Gap(
                    GapKind.RECRUITER_WITHOUT_SUBAGENT,
                    node.id,
                    _("No known subagent or partner recruiter: who finds its workers in their communities is unknown."),
                )
            )
        if node.actor_type in EMPLOYER_TYPES:
            has_migrants = (node.migrant_workers or 0) > 0 or workers.get(node.id, 0) > 0
            if has_migrants and node.id not in recruited:
                gaps.append(
                    Gap(
                        GapKind.EMPLOYER_WITHOUT_RECRUITER,
                        node.id,
                        _("Employs migrant workers but no recruiter is known: how they were recruited is unknown."),
                    )
                )
        if node.actor_type == ActorType.SUPPLIER and not any_in.get(node.id):
            gaps.append(
                Gap(
                    GapKind.SUPPLIER_WITHOUT_UPSTREAM,
                    node.id,
                    _("Nothing is known beyond this supplier: no recruiter, service provider or supplier of its own."),
                )
            )
        if node.actor_type in LICENSABLE_TYPES and node.licence_status == LicenceStatus.UNKNOWN:
            gaps.append(Gap(GapKind.LICENCE_UNKNOWN, node.id, _("Licence status unknown.")))
    gaps.extend(_unlinked_recruiters(graph))
    return gaps


def _unlinked_recruiters(graph: Graph) -> list[Gap]:
    gaps = []
    pairs = sorted(
        {(f.employer, f.recruiter) for f in graph.workforce if f.recruiter is not None and f.recruiter in graph.nodes},
        key=lambda p: (graph.nodes[p[1]].name, graph.nodes.get(p[0], Node(None, "", "")).name),
    )
    for employer, recruiter in pairs:
        if employer in graph.nodes and not _reaches(graph, recruiter, employer, RECRUITMENT_KINDS):
            gaps.append(
                Gap(
                    GapKind.RECRUITER_NOT_LINKED,
                    recruiter,
                    _("Named as recruiter of workers at %(employer)s, but no recruitment link leads there.")
                    % {"employer": graph.nodes[employer].name},
                )
            )
    return gaps
