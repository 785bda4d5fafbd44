"""The access matrix, one module per part of the product.

Each module here defines ``ROWS`` (URL name -> Row) and may define ``prepare(world)`` to create
what its rows point at, and ``NEEDS`` (names of other modules whose ``prepare`` must run first).
``collect()`` merges them; a URL name defined twice is an error. A row's test runs only its own
module's preparation (and what that needs), so the matrix costs rows, not rows x modules.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

Prepare = Callable[[Any], None]


def collect() -> tuple[dict[str, Any], dict[str, list[Prepare]]]:
    """The rows, and for each URL name the preparations its row needs, in order."""
    rows: dict[str, Any] = {}
    modules = {}
    owner: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name == "common":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        duplicated = set(rows) & set(module.ROWS)
        if duplicated:
            raise AssertionError(f"{info.name} defines rows already defined elsewhere: {sorted(duplicated)}")
        rows.update(module.ROWS)
        modules[info.name] = module
        owner.update(dict.fromkeys(module.ROWS, info.name))

    def chain(name: str, seen: tuple[str, ...] = ()) -> list[Prepare]:
        module = modules[name]
        out: list[Prepare] = []
        for needed in getattr(module, "NEEDS", ()):
            if needed not in seen:
                out += [p for p in chain(needed, (*seen, name)) if p not in out]
        if hasattr(module, "prepare"):
            out.append(module.prepare)
        return out

    return rows, {url_name: chain(name) for url_name, name in owner.items()}
