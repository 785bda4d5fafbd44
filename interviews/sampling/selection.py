"""The worker interview sample, as a pure function anyone can re-run (guide, phase 3 step 4).

Nothing here touches the database: given the attendance list (list positions and stratum
attributes only), the size table, the parameters and the seed, :func:`draw` returns the
selection. The same inputs give the same selection on any machine running CPython 3.

The algorithm, step by step (version 1):

1. Rows are taken in list-position order. Supervisors (and team leaders) are set apart from
   workers: they are drawn separately, after the workers, and never counted among them.
2. The workforce ``W`` is the declared number of workers on site (excluding management) when
   given, else the number of worker rows on the list. The table row whose band holds ``W``
   gives the table size ``n``; ``n`` is capped at the number of worker rows ``A`` on the list
   (a site with fewer workers than the table asks for: everyone on the list).
3. The over-sampling margin ``p`` percent gives ``N = min(A, ceil(n * (100 + p) / 100))``, so
   absent workers are not replaced by the business's choice.
4. Workers are grouped into strata by the key ``(value of each stratification attribute)``,
   values compared without regard to case or surrounding space. Strata are ordered by key.
5. Allocation: each stratum ``s`` of ``N_s`` workers has a floor ``m_s = min(M, N_s)``, where
   ``M`` is the minimum per stratum. The sample size is ``T = max(N, sum of m_s)``: every
   stratum present is represented, even when that makes the sample larger than the table.
   Each stratum's quota is ``q_s = T * N_s / A`` (exact fractions). Start from
   ``a_s = min(N_s, max(floor(q_s), m_s))``; while the total is short of ``T``, add one to the
   stratum with the largest ``q_s - a_s`` that still has room (largest remainder); while it is
   over ``T``, take one from the stratum with the largest ``a_s - q_s`` still above ``m_s``.
   Ties go to the first stratum in key order.
6. One generator ``random.Random(seed)`` (Mersenne Twister, integer seed) then runs
   ``rng.sample(rows_of_stratum, a_s)`` for each stratum in key order, rows in list-position
   order; then ``rng.sample(supervisor_rows, min(S, supervisors on the list))`` for the
   ``S`` supervisors asked for.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

ALGORITHM_VERSION = 1

# The attributes a sample is stratified across (reference: sample_criteria.representativeness).
STRATUM_ATTRIBUTES: tuple[str, ...] = ("nationality", "gender", "recruiter", "department", "shift", "contract_type")

StratumKey = tuple[str, ...]


@dataclass(frozen=True)
class ListRow:
    """One row of an attendance list: its position and stratum attributes, never a name or number."""

    position: int
    nationality: str = ""
    gender: str = ""
    recruiter: str = ""
    department: str = ""
    shift: str = ""
    contract_type: str = ""
    is_supervisor: bool = False


@dataclass(frozen=True)
class Band:
    """A row of the size table: sites of ``workers_min`` to ``workers_max`` workers interview ``sample_size``."""

    workers_min: int
    workers_max: int | None
    sample_size: int

    def holds(self, workforce: int) -> bool:
        return self.workers_min <= workforce and (self.workers_max is None or workforce <= self.workers_max)


@dataclass(frozen=True)
class Parameters:
    bands: tuple[Band, ...]
    oversample_percent: int = 20
    min_per_stratum: int = 1
    strata: tuple[str, ...] = STRATUM_ATTRIBUTES
    supervisors: int = 2
    workforce: int | None = None  # declared workers on site; None: count the list

    def as_json(self) -> dict:
        return {
            "algorithm": ALGORITHM_VERSION,
            "bands": [[b.workers_min, b.workers_max, b.sample_size] for b in self.bands],
            "oversample_percent": self.oversample_percent,
            "min_per_stratum": self.min_per_stratum,
            "strata": list(self.strata),
            "supervisors": self.supervisors,
            "workforce": self.workforce,
        }

    @classmethod
    def from_json(cls, data: dict) -> Parameters:
        return cls(
            bands=tuple(Band(*b) for b in data["bands"]),
            oversample_percent=data["oversample_percent"],
            min_per_stratum=data["min_per_stratum"],
            strata=tuple(data["strata"]),
            supervisors=data["supervisors"],
            workforce=data["workforce"],
        )


@dataclass(frozen=True)
class Stratum:
    key: StratumKey
    label: tuple[str, ...]  # the values as first written on the list
    population: int
    allocated: int
    selected: tuple[int, ...]  # list positions, ascending


@dataclass(frozen=True)
class Selection:
    workforce: int
    table_size: int
    with_margin: int
    target: int
    strata: tuple[Stratum, ...] = field(default=())
    supervisors: tuple[int, ...] = ()

    @property
    def workers(self) -> tuple[int, ...]:
        return tuple(sorted(p for s in self.strata for p in s.selected))


def table_size(bands: Iterable[Band], workforce: int) -> int:
    """The table's sample size for a workforce (0 for an empty site or a workforce no band holds)."""
    for band in bands:
        if workforce > 0 and band.holds(workforce):
            return band.sample_size
    return 0


def normal_value(value: str) -> str:
    return " ".join(value.split()).casefold()


def stratum_key(row: ListRow, strata: Sequence[str]) -> StratumKey:
    return tuple(normal_value(getattr(row, attribute)) for attribute in strata)


def allocate(populations: dict[StratumKey, int], total: int, minimum: int) -> dict[StratumKey, int]:
    """Per-stratum sizes: proportional by largest remainder, at least ``min(minimum, N_s)`` each (step 5)."""
    keys = sorted(populations)
    order = {k: i for i, k in enumerate(keys)}
    whole = sum(populations.values())
    if not keys or whole == 0:
        return {}
    floors = {k: min(minimum, populations[k]) for k in keys}
    target = min(whole, max(total, sum(floors.values())))
    quota = {k: Fraction(target * populations[k], whole) for k in keys}
    alloc = {k: min(populations[k], max(math.floor(quota[k]), floors[k])) for k in keys}
    while sum(alloc.values()) < target:
        room = [k for k in keys if alloc[k] < populations[k]]
        best = max(room, key=lambda k: (quota[k] - alloc[k], -order[k]))
        alloc[best] += 1
    while sum(alloc.values()) > target:
        spare = [k for k in keys if alloc[k] > floors[k]]
        best = max(spare, key=lambda k: (alloc[k] - quota[k], -order[k]))
        alloc[best] -= 1
    return alloc


def draw(rows: Iterable[ListRow], seed: int, parameters: Parameters) -> Selection:
    """The sample of an attendance list for a seed, by the algorithm in this module's docstring."""
    ordered = sorted(rows, key=lambda r: r.position)
    workers = [r for r in ordered if not r.is_supervisor]
    supervisors = [r for r in ordered if r.is_supervisor]

    workforce = parameters.workforce if parameters.workforce is not None else len(workers)
    size = min(table_size(parameters.bands, workforce), len(workers))
    with_margin = min(len(workers), math.ceil(size * (100 + parameters.oversample_percent) / 100))

    groups: dict[StratumKey, list[ListRow]] = {}
    for row in workers:
        groups.setdefault(stratum_key(row, parameters.strata), []).append(row)
    populations = {k: len(v) for k, v in groups.items()}
    alloc = allocate(populations, with_margin, parameters.min_per_stratum) if with_margin else {}

    rng = random.Random(seed)  # noqa: S311 - reproducibility is the point; nothing here is a secret
    strata = []
    for key in sorted(groups):
        members = groups[key]
        chosen = rng.sample(members, alloc.get(key, 0))
        strata.append(
            Stratum(
                key=key,
                label=tuple(getattr(members[0], a).strip() for a in parameters.strata),
                population=len(members),
                allocated=len(chosen),
                selected=tuple(sorted(r.position for r in chosen)),
            )
        )
    chosen_supervisors = rng.sample(supervisors, min(parameters.supervisors, len(supervisors)))
    return Selection(
        workforce=workforce,
        table_size=size,
        with_margin=with_margin,
        target=sum(alloc.values()),
        strata=tuple(strata),
        supervisors=tuple(sorted(r.position for r in chosen_supervisors)),
    )
