"""The method's reference data (IOM guide, shipped in reference/domain-reference.yaml)."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml
from django.conf import settings


@cache
def reference_data() -> dict[str, Any]:
    with open(settings.REFERENCE_YAML, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def phases() -> list[dict[str, Any]]:
    """The eight phases, each with its steps and each step's key actions."""
    return reference_data()["phases"]
