"""The access matrix, one module per part of the product.

Each module here defines ``ROWS`` (URL name -> Row) and may define ``prepare(world)`` to create
what its rows point at. ``collect()`` merges them; a URL name defined twice is an error.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any


def collect() -> tuple[dict[str, Any], list[Callable[[Any], None]]]:
    rows: dict[str, Any] = {}
    prepares: list[Callable[[Any], None]] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name == "common":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        duplicated = set(rows) & set(module.ROWS)
        if duplicated:
            raise AssertionError(f"{info.name} defines rows already defined elsewhere: {sorted(duplicated)}")
        rows.update(module.ROWS)
        if hasattr(module, "prepare"):
            prepares.append(module.prepare)
    return rows, prepares
