"""The site checklist of the reference (``site_checklist`` and ``r115_housing_points``), read once.

Two sections, as the guide walks a site (phase 4 step 5): working areas, and living areas, whose
items with an ``r115_`` id are the ILO Workers' Housing Recommendation (No. 115) points.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext_lazy as _

from engagements.reference import reference_data

WORKING = "working"
LIVING = "living"
R115_PREFIX = "r115_"
GUIDE_SOURCE = re.compile(r"\bguide_p(\d)s(\d)\b")


@dataclass(frozen=True)
class Item:
    id: str
    prompt: str
    source: str
    section: str

    @property
    def source_label(self) -> str:
        """The reference's source ids in words: ``guide_p4s5`` is the IOM guide, phase 4, step 5."""
        return GUIDE_SOURCE.sub(r"IOM guide, phase \1 step \2", self.source)

    @property
    def is_r115(self) -> bool:
        return self.id.startswith(R115_PREFIX)


@dataclass(frozen=True)
class Group:
    key: str
    label: object  # lazy text
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Section:
    key: str
    label: object  # lazy text
    groups: tuple[Group, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for group in self.groups for item in group.items)


def _items(raw: list[dict], section: str) -> tuple[Item, ...]:
    return tuple(Item(id=r["id"], prompt=r["prompt"], source=str(r.get("source", "")), section=section) for r in raw)


@cache
def sections() -> tuple[Section, ...]:
    data = reference_data()["site_checklist"]
    working = _items(data["working_areas"], WORKING)
    living = _items(data["living_areas"], LIVING)
    return (
        Section(WORKING, _("Working areas"), (Group("working", "", working),)),
        Section(
            LIVING,
            _("Living areas"),
            (
                Group("living", "", tuple(i for i in living if not i.is_r115)),
                Group("r115", _("ILO R115 housing points"), tuple(i for i in living if i.is_r115)),
            ),
        ),
    )


@cache
def items_by_id() -> dict[str, Item]:
    return {item.id: item for section in sections() for item in section.items}


def item(item_id: str) -> Item | None:
    return items_by_id().get(item_id)


def r115_points() -> dict[str, list[str]]:
    """The Recommendation's text, shown beside the living-area items as the yardstick."""
    return reference_data()["r115_housing_points"]
