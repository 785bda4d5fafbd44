"""The version of an action plan that a signature binds.

``plan_fingerprint`` is a sha256 over a canonical JSON of every action's substance (``SUBSTANCE_FIELDS``)
and the ids of the findings it answers, in the order of the actions' numbers. A note, the resources or the
status are not part of it: changing them does not ask for signatures again; adding, removing or relinking an
action does.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from typing import Any

from actionplans.models import SUBSTANCE_FIELDS, Action, ActionPlan


def substance_of(plan: ActionPlan) -> list[dict[str, Any]]:
    """Each action's substance and findings answered, in two queries (portable: SQLite runs `make run`)."""
    links: dict[Any, list[str]] = defaultdict(list)
    for action_id, finding_id in Action.findings.through.objects.filter(action__plan=plan).values_list(
        "action_id", "finding_id"
    ):
        links[action_id].append(str(finding_id))
    rows = Action.objects.filter(plan=plan).order_by("number").values("id", "number", *SUBSTANCE_FIELDS)
    return [
        {
            **{key: str(row[key]) for key in SUBSTANCE_FIELDS},
            "number": row["number"],
            "findings": sorted(links[row["id"]]),
        }
        for row in rows
    ]


def fingerprint_of(substance: list[dict[str, Any]]) -> str:
    canonical = json.dumps(substance, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def plan_fingerprint(plan: ActionPlan) -> str:
    return fingerprint_of(substance_of(plan))
