"""All actors and their profiles, with the drawn map (report section "Actors"; guide, phase 5 step 1, key
action 4: "all actors ... including comprehensive profiles of all intermediaries")."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Sum
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_countries import countries

from engagements.models import Engagement
from engagements.supplychain.models import LicenceStatus, LinkKind, LocationRole, SelectedEnterprise, WorkforceRow
from engagements.supplychain.selectors import map_view


@dataclass(frozen=True)
class Relation:
    kind: str
    other: str


@dataclass
class ActorProfile:
    name: str
    type_label: str
    country: str
    location: str
    route: str
    tier: int | None
    licence: str
    licence_unknown: bool
    migrant_workers: int | None
    recruited: int | None  # workers in the workforce breakdown recruited through it
    works_for: list[Relation] = field(default_factory=list)
    worked_for_by: list[Relation] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    selected: str = ""  # its participation, when selected for assessment
    notes: str = ""  # the team's own notes: in the team's copy only


@dataclass
class PathRow:
    names: list[str]
    countries: list[str]
    nationalities: list[str]


# Scripts WeasyPrint can set inside an SVG drawing: its SVG text is neither shaped nor reordered, so
# Burmese, Khmer, Thai, Devanagari, Bengali and Arabic labels come out as broken glyphs there.
UNSHAPED_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")


@dataclass
class Chain:
    svg: SafeString
    actors: list[ActorProfile]
    paths: list[PathRow]
    gaps: list[str]
    map_in_english: bool = False  # the part's script cannot be set in the drawing: its labels are English

    @property
    def intermediaries(self) -> list[ActorProfile]:
        return [a for a in self.actors if a.tier != 0]


def _country(code: str) -> str:
    return str(countries.name(code)) if code else ""


def drawable_in_svg(text: str) -> bool:
    """Whether every letter of the text is of a script set without shaping (Latin, Greek, Cyrillic)."""
    return all(unicodedata.name(char, "").startswith(UNSHAPED_SCRIPTS) for char in text if char.isalpha())


def chain(engagement: Engagement, *, confidential: bool) -> Chain:
    """The map as the report shows it: four queries besides the map's own."""
    view = map_view(engagement)
    names = {a.pk: a.name for a in view.actors}
    works_for: dict[Any, list[Relation]] = defaultdict(list)
    worked_for_by: dict[Any, list[Relation]] = defaultdict(list)
    for edge in view.graph.edges:
        label = str(LinkKind(edge.kind).label)
        works_for[edge.source].append(Relation(label, names[edge.target]))
        worked_for_by[edge.target].append(Relation(label, names[edge.source]))
    gaps_by_actor: dict[Any, list[str]] = defaultdict(list)
    for gap in view.gaps:
        if gap.actor is not None:
            gaps_by_actor[gap.actor].append(gap.reason)
    recruited = dict(
        WorkforceRow.objects.filter(engagement=engagement, recruiter__isnull=False)
        .values_list("recruiter")
        .annotate(n=Sum("count"))
        .order_by()
    )
    selected = {
        s.actor_id: str(s.get_participation_display()) for s in SelectedEnterprise.objects.filter(engagement=engagement)
    }
    profiles = [
        ActorProfile(
            name=a.name,
            type_label=a.type_label,
            country=_country(a.country.code or ""),
            location=a.location,
            route=str(LocationRole(a.location_role).label) if a.location_role else _("Off the migration route"),
            tier=view.tiers.get(a.pk),
            licence=str(LicenceStatus(a.licence_status).label),
            licence_unknown=a.licence_status == LicenceStatus.UNKNOWN,
            migrant_workers=a.migrant_workers,
            recruited=recruited.get(a.pk),
            works_for=works_for.get(a.pk, []),
            worked_for_by=worked_for_by.get(a.pk, []),
            gaps=gaps_by_actor.get(a.pk, []),
            selected=selected.get(a.pk, ""),
            notes=a.notes if confidential else "",
        )
        for a in view.actors
    ]
    profiles.sort(key=lambda p: (p.tier is None, -(p.tier or 0), p.name.casefold()))
    paths = [
        PathRow(
            names=[names[n] for n in path.nodes],
            countries=[_country(c) for c in path.countries],
            nationalities=[_country(c) for c in path.nationalities],
        )
        for path in view.paths
    ]
    # The drawing's labels in the part's language when its script can be set in SVG; in English otherwise
    # (the profiles below name every actor and link in the part's language).
    in_english = not drawable_in_svg(_("Supply-chain map"))
    svg = ""
    if view.actors:
        with translation.override("en" if in_english else translation.get_language()):
            svg = view.svg(mode="stage", title=_("Supply-chain map"))
    # The map's SVG is built and escaped by engagements.supplychain.drawing (no script, no style attribute).
    return Chain(
        svg=mark_safe(svg),
        actors=profiles,
        paths=paths,
        gaps=[gap.reason for gap in view.gaps if gap.actor is None],
        map_in_english=in_english and bool(svg),
    )
