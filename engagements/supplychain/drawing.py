"""The drawn supply-chain map: a layered layout and its server-side SVG (guide, phase 2, step 1).

Pure functions: the same SVG goes into the page and, later, into the PDF report. No script and no
``style`` attribute (the Content-Security-Policy forbids inline styles): colours are presentation
attributes, so the SVG is self-contained.

Layout. Actors are placed in columns, left to right toward the business: by tier (the business,
tier 0, on the right; actors not connected to it in a column of their own on the far left), or by
migration stage (origin, transit, destination, then actors off the route), each stage split by
tier. Within a column, actors are ordered to keep links short (a few barycentre sweeps), so a
corridor reads from the origin community on the left to the workplace on the right.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from django.utils.html import escape
from django.utils.translation import gettext as _

from engagements.supplychain.graph import Gap, Graph
from engagements.supplychain.models import ActorType, LinkKind, LocationRole, ServiceKind

NODE_W = 212
NODE_H = 44
ROW_GAP = 14
COL_GAP = 104
MARGIN = 16
HEADER_H = 40
LEGEND_ROW_H = 24
MIN_WIDTH = 640
NAME_CHARS = 27
DETAIL_CHARS = 34
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# (fill, stroke, text) per actor type. Okabe-Ito hues, light fills so that dark text reads on them.
TYPE_COLOURS: dict[str, tuple[str, str, str]] = {
    ActorType.BUSINESS: ("#0b3d5c", "#0b3d5c", "#ffffff"),
    ActorType.SUPPLIER: ("#fde7c2", "#a85f00", "#212529"),
    ActorType.RECRUITER: ("#d6ecfa", "#1f6fa8", "#212529"),
    ActorType.SUBAGENT: ("#d4f0e5", "#0b7a55", "#212529"),
    ActorType.SERVICE_PROVIDER: ("#f7f1c4", "#7d6f00", "#212529"),
    ActorType.GOVERNMENT: ("#f1dcea", "#8e3b74", "#212529"),
}

# (stroke, dash pattern) per link kind.
LINK_STYLES: dict[str, tuple[str, str]] = {
    LinkKind.RECRUITS_FOR: ("#1f4e79", ""),
    LinkKind.SUBCONTRACTS: ("#1f4e79", "7 4"),
    LinkKind.SUPPLIES: ("#6c757d", ""),
    LinkKind.SERVES: ("#6c757d", "2 4"),
}
HIGHLIGHT = "#d63384"
GAP_COLOUR = "#b02a37"


def short_type(actor_type: str, service_kind: str = "") -> str:
    if actor_type == ActorType.SERVICE_PROVIDER and service_kind:
        return str(ServiceKind(service_kind).label)
    return {
        ActorType.BUSINESS: _("Business"),
        ActorType.SUPPLIER: _("Supplier"),
        ActorType.RECRUITER: _("Recruiter"),
        ActorType.SUBAGENT: _("Subagent"),
        ActorType.SERVICE_PROVIDER: _("Service"),
        ActorType.GOVERNMENT: _("Government"),
    }.get(actor_type, actor_type)


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Box:
    id: Any
    x: float
    y: float
    w: float
    h: float
    column: int

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def overlaps(self, other: Box) -> bool:
        return not (
            self.x + self.w <= other.x
            or other.x + other.w <= self.x
            or self.y + self.h <= other.y
            or other.y + other.h <= self.y
        )


@dataclass(frozen=True)
class Column:
    label: str
    x: float
    band: int = -1  # in the stage layout, the stage's index: columns of one stage share a band


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    boxes: dict[Any, Box]
    columns: list[Column]
    map_height: float


STAGE_ORDER = [LocationRole.ORIGIN, LocationRole.TRANSIT, LocationRole.DESTINATION, ""]


def _tier_label(tier: int | None) -> str:
    if tier is None:
        return _("Not connected")
    if tier == 0:
        return _("Tier 0: the business")
    return _("Tier %(n)s") % {"n": tier}


def _column_keys(graph: Graph, tier_of: dict[Any, int | None], mode: str) -> dict[Any, tuple[Any, ...]]:
    """A sortable key per actor: equal keys share a column, smaller keys stand further left."""
    max_tier = max((t for t in tier_of.values() if t is not None), default=0)
    keys = {}
    for nid, node in graph.nodes.items():
        tier = tier_of.get(nid)
        distance = -1 if tier is None else max_tier - tier  # far from the business: left
        if mode == "stage":
            stage = node.location_role if node.location_role in STAGE_ORDER else ""
            keys[nid] = (STAGE_ORDER.index(stage), distance)
        else:
            keys[nid] = (distance,)
    return keys


def _column_label(key: tuple[Any, ...], max_tier: int, mode: str) -> str:
    tier = None if key[-1] == -1 else max_tier - key[-1]
    if mode != "stage":
        return _tier_label(tier)
    stage = STAGE_ORDER[key[0]]
    stage_label = str(LocationRole(stage).label) if stage else _("Off the route")
    return f"{stage_label} · {_tier_label(tier)}" if tier is not None else f"{stage_label} · {_('not connected')}"


def _barycentre(nid: Any, col: list[Any], position: dict[Any, float], neighbours: dict[Any, list[Any]]) -> float:
    """Mean relative position of the actor's neighbours in other columns; its own place if it has none."""
    own = set(col)
    near = [position[m] for m in neighbours[nid] if m in position and m not in own]
    return sum(near) / len(near) if near else position[nid]


def _order_columns(graph: Graph, columns: list[list[Any]]) -> list[list[Any]]:
    """Barycentre ordering: each actor moves toward the mean position of its neighbours."""
    neighbours: dict[Any, list[Any]] = defaultdict(list)
    for edge in graph.edges:
        neighbours[edge.source].append(edge.target)
        neighbours[edge.target].append(edge.source)
    type_rank = {t: i for i, t in enumerate(ActorType.values)}
    columns = [
        sorted(col, key=lambda n: (type_rank.get(graph.nodes[n].actor_type, 9), graph.nodes[n].name)) for col in columns
    ]
    position = {nid: (i + 0.5) / len(col) for col in columns for i, nid in enumerate(col)}
    for sweep in range(6):
        order = range(len(columns) - 1, -1, -1) if sweep % 2 == 0 else range(len(columns))
        for index in order:
            col = columns[index]
            weights = {nid: _barycentre(nid, col, position, neighbours) for nid in col}
            columns[index] = sorted(col, key=lambda n: (weights[n], graph.nodes[n].name))
            position.update({nid: (i + 0.5) / len(col) for i, nid in enumerate(columns[index])})
    return columns


def _pack(desired: list[float | None], low: float, high: float) -> list[float]:
    """Tops as close to the desired ones as the order and the spacing allow, within [low, high].

    A forward pass keeps each box at least one row below the previous one; a backward pass pulls
    boxes up from below ``high``. When ``high - low`` holds the column (it is sized on the tallest),
    every top ends within bounds and consecutive boxes never overlap.
    """
    step = NODE_H + ROW_GAP
    tops: list[float] = []
    for wanted in desired:
        floor = tops[-1] + step if tops else low
        tops.append(max(floor, wanted if wanted is not None else floor))
    for i in range(len(tops) - 1, -1, -1):
        ceiling = high if i == len(tops) - 1 else tops[i + 1] - step
        tops[i] = max(low + i * step, min(tops[i], ceiling))
    return tops


def _place_rows(graph: Graph, columns: list[list[Any]], low: float, column_height: float) -> dict[Any, float]:
    """Each actor's top: the tallest column packed, every other column drawn toward its neighbours' rows,
    so that a recruiter sits beside its subagents and links stay short."""
    if not columns:
        return {}
    step = NODE_H + ROW_GAP
    high = low + column_height - NODE_H
    tallest = max(range(len(columns)), key=lambda i: len(columns[i]))
    tops = {nid: low + row * step for row, nid in enumerate(columns[tallest])}
    neighbours: dict[Any, list[Any]] = defaultdict(list)
    for edge in graph.edges:
        neighbours[edge.source].append(edge.target)
        neighbours[edge.target].append(edge.source)
    nearest_first = sorted((i for i in range(len(columns)) if i != tallest), key=lambda i: (abs(i - tallest), i))
    for _round in range(2):
        for index in nearest_first:
            col = columns[index]
            own = set(col)
            desired: list[float | None] = []
            for nid in col:
                near = [tops[m] for m in neighbours[nid] if m in tops and m not in own]
                desired.append(sum(near) / len(near) if near else None)
            tops.update(zip(col, _pack(desired, low, high), strict=True))
    return tops


def layout(graph: Graph, tier_of: dict[Any, int | None], mode: str = "tier") -> Layout:
    """Boxes for every actor, none overlapping: columns ``NODE_W + COL_GAP`` apart, rows ``NODE_H + ROW_GAP``."""
    keys = _column_keys(graph, tier_of, mode)
    distinct = sorted(set(keys.values()))
    by_key: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
    for nid, key in keys.items():
        by_key[key].append(nid)
    columns = _order_columns(graph, [by_key[k] for k in distinct])
    max_tier = max((t for t in tier_of.values() if t is not None), default=0)
    tallest = max((len(c) for c in columns), default=0)
    column_height = tallest * (NODE_H + ROW_GAP) - ROW_GAP if tallest else 0
    tops = _place_rows(graph, columns, MARGIN + HEADER_H, column_height)
    boxes: dict[Any, Box] = {}
    labelled: list[Column] = []
    for index, (key, col) in enumerate(zip(distinct, columns, strict=True)):
        x = MARGIN + index * (NODE_W + COL_GAP)
        band = key[0] if mode == "stage" else -1
        labelled.append(Column(label=_column_label(key, max_tier, mode), x=x, band=band))
        for nid in col:
            boxes[nid] = Box(nid, x, tops[nid], NODE_W, NODE_H, index)
    width = max(MIN_WIDTH, MARGIN * 2 + len(columns) * NODE_W + max(len(columns) - 1, 0) * COL_GAP)
    map_height = MARGIN + HEADER_H + column_height + MARGIN
    legend_rows = _legend_rows(width)
    height = map_height + len(legend_rows) * LEGEND_ROW_H + MARGIN
    return Layout(width=width, height=height, boxes=boxes, columns=labelled, map_height=map_height)


def _legend_items() -> list[tuple[str, str, str]]:
    """(kind, key, label): actor types first, then link kinds."""
    items = [("actor", t.value, str(t.label)) for t in ActorType]
    items += [("link", k.value, str(k.label)) for k in LinkKind]
    items.append(("gap", "", _("visibility gap")))
    return items


LEGEND_ITEM_W = 300


def _legend_rows(width: float) -> list[list[tuple[str, str, str]]]:
    per_row = max(1, int((width - 2 * MARGIN) // LEGEND_ITEM_W))
    items = _legend_items()
    return [items[i : i + per_row] for i in range(0, len(items), per_row)]


def _edge_path(a: Box, b: Box) -> str:
    if b.column > a.column:
        x1, y1, x2, y2 = a.x + a.w, a.cy, b.x, b.cy
        dx = (x2 - x1) / 2
        return f"M{x1:.1f},{y1:.1f} C{x1 + dx:.1f},{y1:.1f} {x2 - dx:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
    if b.column == a.column:
        x1, y1, x2, y2 = a.x + a.w, a.cy, b.x + b.w, b.cy
        bulge = min(COL_GAP * 0.45, 18 + abs(y2 - y1) / 6)
        return f"M{x1:.1f},{y1:.1f} C{x1 + bulge:.1f},{y1:.1f} {x2 + bulge:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
    x1, y1, x2, y2 = a.x, a.cy, b.x + b.w, b.cy
    return f"M{x1:.1f},{y1:.1f} C{x1 - 60:.1f},{y1:.1f} {x2 + 60:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"


def _attrs(**attrs: Any) -> str:
    return " ".join(f'{name.rstrip("_").replace("_", "-")}="{escape(value)}"' for name, value in attrs.items())


def render_svg(
    graph: Graph,
    the_layout: Layout,
    *,
    tier_of: dict[Any, int | None],
    gaps: Iterable[Gap] = (),
    highlight: tuple[Any, ...] = (),
    title: str = "",
) -> str:
    """The map as one SVG document (a string, escaped throughout)."""
    gap_reasons: dict[Any, list[str]] = defaultdict(list)
    for gap in gaps:
        if gap.actor is not None:
            gap_reasons[gap.actor].append(gap.reason)
    on_path = set(highlight)
    path_edges = set(pairwise(highlight))
    w, h = the_layout.width, the_layout.height
    title = title or _("Supply-chain map")
    desc = _("%(actors)s actors and %(links)s links; a table of both follows the map.") % {
        "actors": len(graph.nodes),
        "links": len(graph.edges),
    }
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0f} {h:.0f}" width="{w:.0f}" height="{h:.0f}" '
        'class="chain-map" role="img" aria-labelledby="chain-map-title chain-map-desc" '
        f'font-family="{escape(FONT)}">',
        f'<title id="chain-map-title">{escape(title)}</title><desc id="chain-map-desc">{escape(desc)}</desc>',
        "<defs>",
    ]
    for name, colour, size in (("arrow", "#495057", 10), ("arrow-hl", HIGHLIGHT, 13)):
        out.append(
            f'<marker id="{name}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" '
            f'markerWidth="{size}" markerHeight="{size}" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    out.append("</defs>")
    out.append(f'<rect x="0" y="0" width="{w:.0f}" height="{h:.0f}" fill="#ffffff"/>')
    out.extend(_bands(the_layout))
    for column in the_layout.columns:
        out.append(
            f'<text x="{column.x + NODE_W / 2:.1f}" y="{MARGIN + 16}" text-anchor="middle" font-size="13" '
            f'font-weight="600" fill="#495057">{escape(column.label)}</text>'
        )
    out.append('<g class="links" fill="none">')
    for edge in graph.edges:
        a, b = the_layout.boxes.get(edge.source), the_layout.boxes.get(edge.target)
        if a is None or b is None:
            continue
        stroke, dash = LINK_STYLES.get(edge.kind, ("#6c757d", ""))
        lit = (edge.source, edge.target) in path_edges
        attrs = {
            "d": _edge_path(a, b),
            "stroke": HIGHLIGHT if lit else stroke,
            "stroke_width": "3.5" if lit else "1.6",
            "marker_end": "url(#arrow-hl)" if lit else "url(#arrow)",
        }
        if dash:
            attrs["stroke_dasharray"] = dash
        if highlight and not lit:
            attrs["opacity"] = "0.25"
        label = f"{graph.nodes[edge.source].name} {LinkKind(edge.kind).label} {graph.nodes[edge.target].name}"
        out.append(f'<path class="link" {_attrs(**attrs)}><title>{escape(label)}</title></path>')
    out.append("</g>")
    out.append('<g class="actors">')
    for nid, box in the_layout.boxes.items():
        out.append(_node_svg(graph, nid, box, tier_of, gap_reasons.get(nid, []), on_path, highlight))
    out.append("</g>")
    out.extend(_legend_svg(the_layout))
    out.append("</svg>")
    return "".join(out)


def _bands(the_layout: Layout) -> list[str]:
    """A light background behind the columns of each migration stage (stage layout only)."""
    spans: dict[int, list[float]] = {}
    for column in the_layout.columns:
        if column.band >= 0:
            left, right = spans.get(column.band, [column.x, column.x])
            spans[column.band] = [min(left, column.x), max(right, column.x)]
    out = []
    for index, (_band, (left, right)) in enumerate(sorted(spans.items())):
        fill = "#eef3f7" if index % 2 == 0 else "#f8f9fa"
        x = max(0.0, left - COL_GAP / 4)
        width = right + NODE_W + COL_GAP / 4 - x
        out.append(
            f'<rect class="stage-band" x="{x:.1f}" y="{MARGIN / 2:.1f}" width="{width:.1f}" '
            f'height="{the_layout.map_height - MARGIN:.1f}" rx="8" fill="{fill}"/>'
        )
    return out


def _node_svg(
    graph: Graph,
    nid: Any,
    box: Box,
    tier_of: dict[Any, int | None],
    reasons: list[str],
    on_path: set[Any],
    highlight: tuple[Any, ...],
) -> str:
    node = graph.nodes[nid]
    fill, stroke, ink = TYPE_COLOURS.get(node.actor_type, ("#ffffff", "#6c757d", "#212529"))
    lit = nid in on_path
    kind = short_type(node.actor_type, node.service_kind)
    detail = " · ".join(p for p in (kind, node.country, node.location) if p)
    tier = tier_of.get(nid)
    tooltip = [node.name, detail, _tier_label(tier), *reasons]
    group_attrs = {"class_": "actor", "data_actor": str(nid)}
    if highlight and not lit:
        group_attrs["opacity"] = "0.35"
    parts = [
        f"<g {_attrs(**group_attrs)}><title>{escape(chr(10).join(tooltip))}</title>",
        f'<rect class="actor-box" {_attrs(x=f"{box.x:.1f}", y=f"{box.y:.1f}", width=box.w, height=box.h)} rx="6" '
        f'fill="{fill}" stroke="{HIGHLIGHT if lit else stroke}" stroke-width="{"3.5" if lit else "1.5"}"/>',
        f'<text x="{box.x + 10:.1f}" y="{box.y + 18:.1f}" font-size="13" font-weight="600" fill="{ink}">'
        f"{escape(truncate(node.name, NAME_CHARS))}</text>",
        f'<text x="{box.x + 10:.1f}" y="{box.y + 35:.1f}" font-size="11" fill="{ink}">'
        f"{escape(truncate(detail, DETAIL_CHARS))}</text>",
    ]
    if reasons:
        cx, cy = box.x + box.w - 2, box.y + 2
        parts.append(
            f'<circle class="gap-mark" cx="{cx:.1f}" cy="{cy:.1f}" r="8" fill="{GAP_COLOUR}"/>'
            f'<text x="{cx:.1f}" y="{cy + 4:.1f}" text-anchor="middle" font-size="12" font-weight="700" '
            f'fill="#ffffff">!</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def _legend_svg(the_layout: Layout) -> list[str]:
    out = ['<g class="legend" font-size="12" fill="#212529">']
    for row_index, row in enumerate(_legend_rows(the_layout.width)):
        y = the_layout.map_height + row_index * LEGEND_ROW_H
        for col_index, (kind, key, label) in enumerate(row):
            x = MARGIN + col_index * LEGEND_ITEM_W
            if kind == "actor":
                fill, stroke, _ink = TYPE_COLOURS[key]
                out.append(
                    f'<rect x="{x}" y="{y:.1f}" width="22" height="14" rx="3" fill="{fill}" stroke="{stroke}" '
                    f'stroke-width="1.5"/>'
                )
            elif kind == "link":
                stroke, dash = LINK_STYLES[key]
                dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
                out.append(
                    f'<path d="M{x},{y + 7:.1f} L{x + 22},{y + 7:.1f}" stroke="{stroke}" stroke-width="1.6" '
                    f'fill="none" marker-end="url(#arrow)"{dash_attr}/>'
                )
            else:
                out.append(f'<circle cx="{x + 11}" cy="{y + 7:.1f}" r="7" fill="{GAP_COLOUR}"/>')
            text = label if kind != "link" else _("A %(link)s B") % {"link": label}
            out.append(f'<text x="{x + 30}" y="{y + 11:.1f}">{escape(text)}</text>')
    out.append("</g>")
    return out
