"""Shared writer of bench/results.md: each bench script replaces its own section with its figures.

Usage, at the end of a bench script::

    from bench.results import record  # the scripts put the repository root on sys.path
    record("a. Decrypt all responses", [f"ratio {ratio:.2f}x (goal <= 2.0x) OK", ...])

Sections are ``## <section>`` blocks sorted by title (so "a. ...", "b. ..." follow the issue's items
whatever order the scripts ran in); each carries the machine (uname, CPU count) and the date it was
measured on, since scripts may be rerun one at a time.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import platform
import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.md"
TITLE = "# Benchmark results"
INTRO = (
    "Written by the bench scripts (`make bench`); each figure is a ratio to a baseline measured in the same run. "
    "Do not edit by hand: rerunning a script replaces its section."
)
_SECTION = re.compile(r"^## (.+)$", re.MULTILINE)


def interleaved(runs: int, *funcs):  # type: ignore[no-untyped-def]
    """Best time of each function over ``runs`` rounds, taken in turn so that load on the machine
    weighs on each alike."""
    import time

    best = [float("inf")] * len(funcs)
    for _ in range(runs):
        for index, func in enumerate(funcs):
            start = time.perf_counter()
            func()
            best[index] = min(best[index], time.perf_counter() - start)
    return best


def machine() -> str:
    """One line naming the machine the figures were measured on."""
    uname = platform.uname()
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cpus = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
    described = f"{cpus} CPUs" + (f" ({usable} usable)" if usable != cpus else "")
    return f"{uname.system} {uname.release} {uname.machine}, {described}" + (f", {cpu}" if cpu else "")


def _parse(text: str) -> dict[str, str]:
    """Sections of an existing results file, by title, in file order."""
    sections: dict[str, str] = {}
    matches = list(_SECTION.finditer(text))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        sections[match.group(1).strip()] = text[match.end() : end].strip("\n")
    return sections


def record(section: str, lines: list[str], *, path: Path = RESULTS) -> None:
    """Replace (or add) ``section`` of the results file with ``lines``, stamped with machine and date."""
    section = section.strip()
    if not section or "\n" in section:
        raise ValueError("section must be a single non-empty line")
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = "\n".join([f"_Measured {now} on {machine()}._", "", *(f"- {line}" for line in lines)])
    path.parent.mkdir(parents=True, exist_ok=True)
    # A lock, because `make -j bench` or two helpers may write their sections at the same time.
    with open(path, "a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.seek(0)
            sections = _parse(handle.read())
            sections[section] = body
            text = "\n\n".join([TITLE, INTRO, *(f"## {title}\n\n{sections[title]}" for title in sorted(sections))])
            handle.seek(0)
            handle.truncate()
            handle.write(text + "\n")
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    print(f"recorded '{section}' in {path}")
