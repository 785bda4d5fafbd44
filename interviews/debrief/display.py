"""The debrief as the page shows it: names for ids, labels for groups, one table per breakdown."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django_countries import countries

from engagements.demographics import UNDISCLOSED, AgeBand, gender_choices
from engagements.models import Engagement
from interviews.debrief import selectors
from interviews.debrief.tallies import AmountStats, Breakdown, Cell, Debrief, Fees, Group
from interviews.questionnaires.catalogue import fee_category_names, indicator_names, risk_groups
from mapping_platform.caching import cache_get, cache_set
from vault.models import RespondentKind

DIMENSION_TITLES = {
    "site": gettext_lazy("By site"),
    "gender": gettext_lazy("By gender"),
    "nationality": gettext_lazy("By nationality"),
    "age_band": gettext_lazy("By age band"),
    "recruiter": gettext_lazy("By recruiter"),
}

DIMENSION_NAMES = {
    "site": gettext_lazy("Site"),
    "gender": gettext_lazy("Gender"),
    "nationality": gettext_lazy("Nationality"),
    "age_band": gettext_lazy("Age band"),
    "recruiter": gettext_lazy("Recruiter"),
}


@dataclass(frozen=True)
class Column:
    label: str
    workers: int


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    cells: tuple[Cell | None, ...]


@dataclass(frozen=True)
class RiskGroup:
    label: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class FeeRow:
    label: str
    fees: Fees


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    columns: tuple[Column, ...]
    indicators: tuple[Row, ...]
    risks: tuple[RiskGroup, ...]
    fees: tuple[FeeRow, ...]


def group_label(dimension: str, value: str) -> str:
    if dimension == "gender":
        labels = dict(gender_choices())
    elif dimension == "age_band":
        labels = dict([*AgeBand.choices, UNDISCLOSED])
    elif dimension == "nationality":
        labels = {value: countries.name(value) or value} if value else {}
    else:
        labels = {}
    return str(labels.get(value, value)) if value else _("Not recorded")


def kind_label(kind: str) -> str:
    return str(dict(RespondentKind.choices).get(kind, kind))


def _rows(ids: tuple[str, ...], names: dict[str, str], groups: tuple[Group, ...], risks: bool) -> tuple[Row, ...]:
    return tuple(
        Row(id=i, name=names.get(i, i), cells=tuple((g.risks if risks else g.indicators).get(i) for g in groups))
        for i in ids
    )


def _risk_groups(debrief: Debrief, groups: tuple[Group, ...]) -> tuple[RiskGroup, ...]:
    asked = set(debrief.risk_ids)
    result = []
    placed: set[str] = set()
    for label, items in risk_groups():
        ids = tuple(i for i, _text in items if i in asked)
        placed.update(ids)
        if ids:
            result.append(RiskGroup(label, _rows(ids, dict(items), groups, risks=True)))
    unknown = tuple(i for i in debrief.risk_ids if i not in placed)
    if unknown:
        result.append(RiskGroup(_("Other risks"), _rows(unknown, {}, groups, risks=True)))
    return tuple(result)


def _section(
    debrief: Debrief, anchor: str, title: str, columns: tuple[Column, ...], groups: tuple[Group, ...]
) -> Section:
    return Section(
        anchor=anchor,
        title=title,
        columns=columns,
        indicators=_rows(debrief.indicator_ids, indicator_names(), groups, risks=False),
        risks=_risk_groups(debrief, groups),
        fees=tuple(FeeRow(c.label, g.fees) for c, g in zip(columns, groups, strict=True)),
    )


def _breakdown_section(debrief: Debrief, breakdown: Breakdown) -> Section:
    columns = tuple(Column(group_label(breakdown.dimension, g.value), g.workers) for g in breakdown.groups)
    return _section(
        debrief, f"by-{breakdown.dimension}", str(DIMENSION_TITLES[breakdown.dimension]), columns, breakdown.groups
    )


def sections(debrief: Debrief) -> list[Section]:
    """Overall first, then per site, then per demographic group."""
    overall = _section(
        debrief, "overall", _("All workers"), (Column(_("All workers"), debrief.overall.workers),), (debrief.overall,)
    )
    return [overall, *(_breakdown_section(debrief, b) for b in debrief.breakdowns)]


def composition(debrief: Debrief) -> list[tuple[str, list[tuple[str, int]]]]:
    """Group interviews' participants in numbers: (dimension name, [(group label, participants)])."""
    return [
        (str(DIMENSION_NAMES.get(d, d)), [(group_label(d, v), n) for v, n in counts.items()])
        for d, counts in debrief.groups.composition.items()
    ]


def fee_categories(fees: Fees) -> list[tuple[str, tuple[AmountStats, ...]]]:
    names = fee_category_names()
    return [(names.get(category, category), stats) for category, stats in fees.categories]


def amount(value: Decimal) -> str:
    """1234567.50 -> "1,234,567.50"; whole amounts without decimals."""
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def tables_html(engagement: Engagement) -> tuple[int, SafeString]:
    """(interviews, the debrief's tables as HTML): rendered once per change of the responses and per language,
    then read from the cache, so that a page polled every 20 seconds by the whole team renders nothing.
    The tables are the same for everyone who may see them (the team; nothing personal, nothing suppressed)."""
    tally_key = selectors.cache_key(engagement)
    key = f"{tally_key}:html:{get_language()}"
    found = cache_get(key)
    if found is None:
        debrief = selectors.debrief_under(tally_key, engagement)
        html = render_to_string(
            "debrief/debrief.html#tables",
            {
                "engagement": engagement,
                "debrief": debrief,
                "sections": sections(debrief),
                "kinds": [(kind_label(kind), n) for kind, n in debrief.by_kind],
                "overall_fee_categories": fee_categories(debrief.overall.fees),
                "composition": composition(debrief),
            },
        )
        found = (debrief.interviews, str(html))
        cache_set(key, found, selectors.CACHE_SECONDS)
    interviews, html = found
    return interviews, mark_safe(html)
