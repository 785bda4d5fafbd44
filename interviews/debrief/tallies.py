"""The daily debrief's running tally: how many workers reported each issue, and the fees they paid.

Guide, phase 4 ("Assessment"): the team meets each day to debrief, keeping a running tally of how many
workers report each issue, and presents the range, mean and median of the recruitment fees reported at
the preliminary findings meeting (phase 4 step 6). Phase 5 aggregates the same way, with suppression.

Pure: no database. What an answer reports is decided by ``interviews.questionnaires.evidence`` (the one
rule); this module only counts. Per ILO forced-labour indicator and Annex B/C risk it counts the workers
who REPORTED it out of the workers ASKED about it, overall, per site and per demographic group; a worker
interviewed twice counts once (what they reported in any interview). Fees are kept per currency (never
mixed; conversion is phase 5): per worker who paid, the total, then its range, mean and median.

Only migrant workers interviewed one by one (``kind == "worker"``) are counted; a group interview's answers
speak for several people at once, so groups are listed apart (how many, how many took part).

Speed (``bench/debrief.py``): answers are read by ``reading.py`` (the rule once per distinct answer, items
as bits of an int); workers are summed per demographic profile, then per group.
"""

from __future__ import annotations

import operator
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from interviews.debrief.reading import Items, VersionReader, reader_for
from interviews.questionnaires.evidence import FeePayment, QuestionEvidence

_UNKNOWN: Any = object()
WORKER = "worker"
GROUP = "group"
# The groups a debrief is broken down by, in page order (recruiter only shows when recorded).
DIMENSIONS: tuple[str, ...] = ("site", "gender", "nationality", "age_band", "recruiter")
# Dimensions left out of a tally when no worker's record gives them.
OPTIONAL_DIMENSIONS = frozenset({"recruiter"})
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Profile:
    """What the debrief knows of a respondent: the kind of interview and coarse demographics."""

    kind: str = WORKER
    site: str = ""
    gender: str = ""
    nationality: str = ""
    age_band: str = ""
    recruiter: str = ""
    group_size: int | None = None
    group_composition: Mapping[str, Any] | None = None
    # Phase 5 breaks down by these too ("" when not recorded); the debrief does not.
    contract_type: str = ""
    recruitment_year: str = ""
    corridor: str = ""

    def group_key(self, dimensions: Sequence[str] = DIMENSIONS) -> tuple[str, ...]:
        return tuple(getattr(self, dimension) for dimension in dimensions)


@dataclass(frozen=True, slots=True)
class Cell:
    """Workers who reported an item, of the workers asked about it."""

    reported: int
    asked: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.reported / self.asked) if self.asked else None


@dataclass(frozen=True, slots=True)
class AmountStats:
    """Amounts in one currency: one per worker (what they paid in all, or in one category)."""

    currency: str
    workers: int
    minimum: Decimal
    maximum: Decimal
    mean: Decimal
    median: Decimal


@dataclass(frozen=True, slots=True)
class Fees:
    """Recruitment fees and related costs reported by a group of workers."""

    asked: int  # workers who answered a question on recruitment fees and related costs
    paid: int  # of them, workers who gave an amount above zero in a fee category
    totals: tuple[AmountStats, ...]  # per currency: the total each worker paid in it
    categories: tuple[tuple[str, tuple[AmountStats, ...]], ...]  # per fee category, per currency


@dataclass(frozen=True, slots=True)
class Group:
    """The tally of one group of workers (everyone, one site, one gender...)."""

    value: str  # "" when the respondent's record does not say
    workers: int
    indicators: Mapping[str, Cell]
    risks: Mapping[str, Cell]
    fees: Fees


@dataclass(frozen=True, slots=True)
class Breakdown:
    dimension: str
    groups: tuple[Group, ...]


@dataclass(frozen=True, slots=True)
class GroupInterviews:
    """Group interviews: counted apart, participants in numbers only."""

    interviews: int
    participants: int
    composition: Mapping[str, Mapping[str, int]]  # e.g. {"gender": {"woman": 4, "man": 3}}


@dataclass(frozen=True, slots=True)
class Debrief:
    as_of: datetime
    interviews: int  # responses synced, of every kind
    by_kind: tuple[tuple[str, int], ...]
    not_tallied: int  # worker interviews with no questionnaire version: nothing says what they report
    indicator_ids: tuple[str, ...]  # the rows of the indicator tables, in reference order
    risk_ids: tuple[str, ...]  # the risks asked of at least one worker, in reference order
    overall: Group
    breakdowns: tuple[Breakdown, ...]
    groups: GroupInterviews = field(default_factory=lambda: GroupInterviews(0, 0, {}))


# --- counting -------------------------------------------------------------------------------------


def cents(amount: Decimal) -> int | Decimal:
    """An amount in hundredths, as an int when exact (sorting and adding ints is several times faster)."""
    scaled = amount.scaleb(2)
    return int(scaled) if scaled == scaled.to_integral_value() else scaled


def _by_category(payments: Iterable[FeePayment]) -> dict[tuple[str, str], int | Decimal]:
    """(category, currency) -> amount in hundredths: two answers in one category of one interview add up."""
    sums: dict[tuple[str, str], int | Decimal] = {}
    for payment in payments:
        key = (payment.category, payment.currency)
        sums[key] = sums.get(key, 0) + cents(payment.amount)
    return sums


def _merge_interview(worker: list[Any], bits: int, payments: list[FeePayment] | None, fee_asked: bool) -> None:
    """A worker interviewed again: items from either interview; per fee category and currency the
    larger amount (a second interview restates a payment, it does not add one)."""
    worker[0] |= bits
    worker[1] = worker[1] or fee_asked
    if payments:
        merged = dict(worker[2] or {})
        for key, amount in _by_category(payments).items():
            merged[key] = max(amount, merged.get(key, amount))
        worker[2] = merged


_BYTE_BITS = tuple(tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256))


class _Sums:
    """Workers of one demographic profile, or of a group of profiles, summed: per bit, how many."""

    def __init__(self, nbits: int) -> None:
        self.workers = 0
        self.per_bit = [0] * nbits
        self.fee_asked = 0
        self.paid = 0
        # Amounts in hundredths (``cents``), one per worker.
        self.totals: dict[str, list[int | Decimal]] = defaultdict(list)
        self.by_category: dict[tuple[str, str], list[int | Decimal]] = defaultdict(list)

    @classmethod
    def of_workers(cls, workers: Sequence[list[Any]], nbits: int) -> _Sums:
        sums = cls(nbits)
        sums.workers = len(workers)
        # Every worker's bits as bytes, one run; then per byte position the workers per byte value,
        # counted in C, and spread over the bits of that byte.
        nbytes = max(1, (nbits + 7) // 8)
        joined = b"".join([worker[0].to_bytes(nbytes, "little") for worker in workers])
        per_bit = sums.per_bit
        for position in range(nbytes):
            for value, count in Counter(joined[position::nbytes]).items():
                for bit in _BYTE_BITS[value]:
                    per_bit[position * 8 + bit] += count
        for _bits, fee_asked, payments in workers:
            sums.fee_asked += fee_asked
            if payments:
                sums.add_payments(payments)
        return sums

    def add_payments(self, payments: Mapping[tuple[str, str], int | Decimal]) -> None:
        self.paid += 1
        totals: dict[str, int | Decimal] = {}
        for (category, currency), amount in payments.items():
            totals[currency] = totals.get(currency, 0) + amount
            self.by_category[(category, currency)].append(amount)
        for currency, amount in totals.items():
            self.totals[currency].append(amount)

    def add(self, other: _Sums) -> None:
        self.workers += other.workers
        self.per_bit = list(map(operator.add, self.per_bit, other.per_bit))
        self.fee_asked += other.fee_asked
        self.paid += other.paid
        for currency, amounts in other.totals.items():
            self.totals[currency].extend(amounts)
        for key, amounts in other.by_category.items():
            self.by_category[key].extend(amounts)


def amount_stats(currency: str, cents: Sequence[int | Decimal]) -> AmountStats:
    """Range, mean and median of amounts given in hundredths; mean and median rounded to the cent."""
    ordered = sorted(cents)
    n, middle = len(ordered), len(ordered) // 2
    median = Decimal(ordered[middle]) if n % 2 else (Decimal(ordered[middle - 1]) + ordered[middle]) / 2
    return AmountStats(
        currency=currency,
        workers=n,
        minimum=Decimal(ordered[0]).scaleb(-2),
        maximum=Decimal(ordered[-1]).scaleb(-2),
        mean=(Decimal(sum(ordered)) / n).scaleb(-2).quantize(CENT, rounding=ROUND_HALF_UP),
        median=median.scaleb(-2).quantize(CENT, rounding=ROUND_HALF_UP),
    )


def reference_order(ids: Iterable[str], reference: Sequence[str]) -> tuple[str, ...]:
    """Reference order; ids the reference does not know (yet) after them, sorted."""
    wanted = set(ids)
    known = [i for i in reference if i in wanted]
    return (*known, *sorted(wanted - set(known)))


class _Finisher:
    def __init__(self, items: Items, fee_category_order: Sequence[str]) -> None:
        self.items = items
        self.fee_category_order = fee_category_order

    def group(self, value: str, sums: _Sums) -> Group:
        width, per_bit = self.items.width, sums.per_bit
        cells: dict[str, dict[str, Cell]] = {"i": {}, "r": {}}
        for bit, (namespace, item) in enumerate(self.items.items):
            asked, reported = per_bit[bit], per_bit[bit + width]
            if asked or reported:
                cells[namespace][item] = Cell(reported=reported, asked=asked)
        currencies = sorted(sums.totals)
        categories = reference_order({c for c, _cur in sums.by_category}, self.fee_category_order)
        fees = Fees(
            asked=sums.fee_asked,
            paid=sums.paid,
            totals=tuple(amount_stats(c, sums.totals[c]) for c in currencies),
            categories=tuple(
                (
                    category,
                    tuple(
                        amount_stats(cur, sums.by_category[(category, cur)])
                        for cur in currencies
                        if (category, cur) in sums.by_category
                    ),
                )
                for category in categories
            ),
        )
        return Group(value=value, workers=sums.workers, indicators=cells["i"], risks=cells["r"], fees=fees)


def _group_interviews(profiles: Iterable[Profile]) -> GroupInterviews:
    interviews = participants = 0
    composition: dict[str, Counter[str]] = defaultdict(Counter)
    for profile in profiles:
        interviews += 1
        participants += profile.group_size or 0
        raw = profile.group_composition
        for dimension, counts in raw.items() if isinstance(raw, Mapping) else ():
            if isinstance(counts, Mapping):
                for value, n in counts.items():
                    if type(n) is int and n > 0:
                        composition[str(dimension)][str(value)] += n
    return GroupInterviews(
        interviews=interviews,
        participants=participants,
        composition={d: dict(sorted(c.items())) for d, c in sorted(composition.items())},
    )


def group_order(dimension: str, values: Iterable[str], choice_order: Mapping[str, Sequence[str]]) -> list[str]:
    """Choice order where the dimension has choices, else alphabetical; "not recorded" last."""
    order = {v: i for i, v in enumerate(choice_order.get(dimension, ()))}
    return sorted(values, key=lambda v: (v == "", order.get(v, len(order)), v))


@dataclass
class Reading:
    """What one pass over the answers learnt, before any counting: phase 4 and phase 5 count from it.

    Per worker (respondent id): [asked and reported bits, asked about fees, fee payments as
    {(category, currency): hundredths}]. Held in memory only, never cached: it is per worker.
    """

    items: Items
    workers: dict[str, list[Any]]
    profiles: Mapping[str, Profile]
    interviews: int = 0
    not_tallied: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    group_profiles: dict[str, Profile] = field(default_factory=dict)

    def worker_fees(self) -> Iterable[tuple[Profile, bool, Mapping[tuple[str, str], int | Decimal] | None]]:
        """(profile, asked about fees, payments by category and currency in hundredths) of each worker."""
        profiles = self.profiles
        for respondent_id, (_bits, fee_asked, payments) in self.workers.items():
            yield profiles[respondent_id], bool(fee_asked), payments


def read(
    records: Iterable[tuple[str, str, Mapping[str, Any]]],
    versions: Mapping[str, str | None],
    profiles: Mapping[str, Profile],
    evidence: Mapping[str, Mapping[str, QuestionEvidence]],
    fee_questions: Mapping[str, frozenset[str]] | None = None,
) -> Reading:
    """Apply the rule to interviews given as (response id, respondent id, answers), as the vault streams them.

    ``versions``: response id -> the questionnaire version it was given in (None: none); a record it
    does not know was stored after it was read, and waits for the next tally. ``profiles``: respondent
    id -> Profile (a record whose respondent is missing is skipped: withdrawn between the reads).
    ``evidence``: version id -> question key -> QuestionEvidence (``evidence_by_version``).
    ``fee_questions``: version id -> keys of its questions on recruitment fees and related costs
    (answering one is being asked about fees).
    """
    fee_questions = fee_questions or {}
    items = Items(evidence.values())
    readers: dict[str, VersionReader] = {}
    workers: dict[str, list[Any]] = {}  # respondent id -> [bits, asked about fees, payments by category]
    kinds: Counter[str] = Counter()
    group_profiles: dict[str, Profile] = {}
    interviews = not_tallied = 0
    for response_id, respondent_id, answers in records:
        version_id = versions.get(response_id, _UNKNOWN)
        profile = profiles.get(respondent_id)
        if profile is None or version_id is _UNKNOWN:
            continue
        interviews += 1
        kinds[profile.kind] += 1
        if profile.kind != WORKER:
            if profile.kind == GROUP:
                group_profiles[respondent_id] = profile
            continue
        reader = readers.get(version_id) if version_id else None
        if reader is None:
            if not version_id or version_id not in evidence:
                not_tallied += 1
                continue
            reader = readers[version_id] = reader_for(
                version_id, evidence[version_id], fee_questions.get(version_id, frozenset()), items
            )
        bits, payments, fee_asked = reader.read(answers)
        worker = workers.get(respondent_id)
        if worker is None:
            workers[respondent_id] = [bits, fee_asked, _by_category(payments) if payments else None]
        else:
            _merge_interview(worker, bits, payments, fee_asked)
    return Reading(items, workers, profiles, interviews, not_tallied, kinds, group_profiles)


def count(
    reading: Reading,
    *,
    as_of: datetime,
    dimensions: Sequence[str] = DIMENSIONS,
    optional_dimensions: frozenset[str] = OPTIONAL_DIMENSIONS,
    indicator_order: Sequence[str] = (),
    risk_order: Sequence[str] = (),
    fee_category_order: Sequence[str] = (),
    choice_order: Mapping[str, Sequence[str]] | None = None,
) -> Debrief:
    """Count a reading overall and per group of each dimension (a Profile attribute), in that order.

    An optional dimension that no worker's record gives is left out. The orders are the reference's
    (indicators, risks, fee categories) and the choices' (e.g. gender, age band), for stable pages.
    """
    items, profiles = reading.items, reading.profiles
    nbits = 2 * items.width
    by_profile: dict[tuple[str, ...], list[list[Any]]] = defaultdict(list)
    keys: dict[int, tuple[str, ...]] = {}  # respondents with the same facts share one Profile: key it once
    for respondent_id, worker in reading.workers.items():
        profile = profiles[respondent_id]
        key = keys.get(id(profile))
        if key is None:
            key = keys[id(profile)] = profile.group_key(dimensions)
        by_profile[key].append(worker)

    finisher = _Finisher(items, fee_category_order)
    overall = _Sums(nbits)
    per_dimension: list[dict[str, _Sums]] = [defaultdict(lambda: _Sums(nbits)) for _ in dimensions]
    for key, profile_workers in by_profile.items():
        sums = _Sums.of_workers(profile_workers, nbits)
        overall.add(sums)
        for index, value in enumerate(key):
            per_dimension[index][value].add(sums)

    breakdowns = []
    for dimension, groups in zip(dimensions, per_dimension, strict=True):
        if dimension in optional_dimensions and set(groups) <= {""}:
            continue  # nobody's record gives it: nothing to break down
        ordered = group_order(dimension, groups, choice_order or {})
        breakdowns.append(Breakdown(dimension, tuple(finisher.group(v, groups[v]) for v in ordered)))

    overall_group = finisher.group("", overall)
    return Debrief(
        as_of=as_of,
        interviews=reading.interviews,
        by_kind=tuple((kind, reading.kinds[kind]) for kind in group_order("kind", reading.kinds, choice_order or {})),
        not_tallied=reading.not_tallied,
        indicator_ids=reference_order([*indicator_order, *overall_group.indicators], indicator_order),
        risk_ids=reference_order(overall_group.risks, risk_order),
        overall=overall_group,
        breakdowns=tuple(breakdowns),
        groups=_group_interviews(reading.group_profiles.values()),
    )


def tally(
    records: Iterable[tuple[str, str, Mapping[str, Any]]],
    versions: Mapping[str, str | None],
    profiles: Mapping[str, Profile],
    evidence: Mapping[str, Mapping[str, QuestionEvidence]],
    fee_questions: Mapping[str, frozenset[str]] | None = None,
    *,
    as_of: datetime,
    indicator_order: Sequence[str] = (),
    risk_order: Sequence[str] = (),
    fee_category_order: Sequence[str] = (),
    choice_order: Mapping[str, Sequence[str]] | None = None,
) -> Debrief:
    """The debrief of interviews given as (response id, respondent id, answers): ``read`` then ``count``."""
    return count(
        read(records, versions, profiles, evidence, fee_questions),
        as_of=as_of,
        indicator_order=indicator_order,
        risk_order=risk_order,
        fee_category_order=fee_category_order,
        choice_order=choice_order,
    )
