"""Phase 5 aggregation (issue 6 items 1 and 4): on a fixture whose every figure was worked out by hand,
the indicator counts per site and group, isolated or systemic, the fee statistics, the conversions and the
repayment owed match exactly.

The fixture: twelve migrant workers interviewed one by one (one of them twice), a management interview and
a group interview (neither counted as workers), at two sites; fees in MMK (a rate is recorded), USD (the
reporting currency) and THB (no rate: listed unconverted). The hand computation is in the comments.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache

from engagements.services.engagements import corridor_add
from findings.analysis import selectors
from findings.analysis.fees import FeeGroup, Stats, Unconverted
from findings.analysis.rules import Presence, SystemicRule
from findings.analysis.services import analysis_settings_set, exchange_rate_record
from interviews.debrief.tallies import Cell
from interviews.questionnaires import services as questionnaires
from interviews.questionnaires.answers import clean_answers
from interviews.questionnaires.models import QuestionnaireTemplate, QuestionnaireVersion
from tests.conftest import World
from tests.vault_helpers import CONSENT
from vault.services import respondent_create, response_store

pytestmark = pytest.mark.django_db

RET, THREAT, WAGES, DEBT, MOVEMENT, DECEPTION = (
    "retention_of_identity_documents",
    "intimidation_and_threats",
    "withholding_of_wages",
    "debt_bondage",
    "restriction_of_movement",
    "deception",
)
DOC_RISK, FEES_RISK = "b_em_document_retention", "b_rd_worker_paid_fees"
NORTH, SOUTH = "Site North (test)", "Site South (test)"
AGENCY_A, AGENCY_B, AGENCY_C = "Agency A (test)", "Agency B (test)", "Agency C (test)"


def _yes_no(key: str, section: str, indicators: list[str], risks: list[str] | None = None) -> dict[str, Any]:
    return {
        "key": key,
        "section": section,
        "type": "yes_no",
        "text": f"{key}?",
        "indicators": indicators,
        "risks": risks or [],
        "reported_when": ["yes"],
    }


def _money(key: str, category: str, indicators: list[str], risks: list[str]) -> dict[str, Any]:
    return {
        "key": key,
        "section": "fees",
        "type": "money",
        "text": f"{key}?",
        "show_if": {"question": "paid_anything", "op": "equals", "value": "yes"},
        "indicators": indicators,
        "risks": risks,
        "fee_category": category,
    }


QUESTIONS: list[dict[str, Any]] = [
    {
        "key": "passport_location",
        "section": "documents",
        "type": "single_choice",
        "text": "Where is your passport?",
        "options": [{"value": v, "label": v} for v in ("self", "employer")],
        "indicators": [RET],
        "risks": [DOC_RISK],
        "reported_when": ["employer"],
    },
    _yes_no("threats", "movement", [THREAT]),
    _yes_no("locked_in", "movement", [MOVEMENT]),
    _yes_no("wages_withheld", "wages", [WAGES]),
    _yes_no("paid_anything", "fees", [DEBT], [FEES_RISK]),
    _money("fee_recruitment", "recruitment_fee", [DEBT], [FEES_RISK]),
    _money("fee_medical", "medical", [], [FEES_RISK]),
    _money("fee_bribe", "illegitimate", [], []),
]


def mmk(amount: int) -> dict[str, str]:
    return {"amount": str(amount), "currency": "MMK"}


def usd(amount: int) -> dict[str, str]:
    return {"amount": str(amount), "currency": "USD"}


def thb(amount: int) -> dict[str, str]:
    return {"amount": str(amount), "currency": "THB"}


def answers(passport: str, threats: str | None, wages: str, paid: str, **fees: dict[str, str]) -> dict[str, Any]:
    given = {"passport_location": passport, "locked_in": "no", "wages_withheld": wages, "paid_anything": paid}
    if threats is not None:
        given["threats"] = threats
    return {**given, **{f"fee_{k}": v for k, v in fees.items()}}


# (site, nationality, gender, age band, recruiter, recruitment year, contract type, [answers per interview])
WORKERS: list[tuple[str, str, str, str, str, int | None, str, list[dict[str, Any]]]] = [
    (NORTH, "MM", "woman", "25_34", AGENCY_A, 2024, "direct",  # W1: 1,100,000 MMK = 550.00 USD
     [answers("employer", "no", "no", "yes", recruitment=mmk(1_000_000), medical=mmk(100_000))]),
    (NORTH, "MM", "woman", "18_24", AGENCY_A, 2024, "direct",  # W2: 1,000.00
     [answers("employer", "no", "no", "yes", recruitment=mmk(2_000_000))]),
    (NORTH, "MM", "man", "25_34", AGENCY_A, 2025, "agency",  # W3: 750.00 converted + THB 3,000 unconverted
     [answers("self", "no", "yes", "yes", recruitment=mmk(1_500_000), medical=thb(3_000))]),
    (NORTH, "KH", "man", "25_34", "", 2025, "direct",  # W4: 650.00
     [answers("self", "no", "no", "yes", recruitment=usd(600), medical=usd(50))]),
    (NORTH, "KH", "woman", "18_24", "", 2025, "direct",  # W5: paid nothing
     [answers("employer", "no", "no", "no")]),
    (SOUTH, "MM", "woman", "25_34", AGENCY_B, 2024, "direct",  # W6, twice: threats once, the larger fee 1,500.00
     [answers("employer", "yes", "no", "yes", recruitment=mmk(3_000_000)),
      {"paid_anything": "yes", "fee_recruitment": mmk(2_500_000), "threats": "no"}]),
    (SOUTH, "MM", "man", "35_44", AGENCY_B, 2024, "",  # W7: 400.00 + THB 1,000 (a bribe), no contract recorded
     [answers("self", "no", "no", "yes", recruitment=mmk(800_000), bribe=thb(1_000))]),
    (SOUTH, "KH", "man", "25_34", "", 2025, "direct",  # W8: threats not asked; 900.00
     [answers("self", None, "yes", "yes", recruitment=usd(900))]),
    (SOUTH, "KH", "woman", "25_34", "", None, "direct",  # W9: recruitment year not recorded
     [answers("employer", "no", "no", "no")]),
    (SOUTH, "LA", "woman", "18_24", AGENCY_C, 2025, "direct",  # W10: 400.00
     [answers("employer", "no", "no", "yes", recruitment=usd(400))]),
    (SOUTH, "", "man", "", "", 2025, "direct",  # W11: nationality and age not recorded
     [answers("self", "no", "no", "no")]),
    (NORTH, "MM", "woman", "45_54", AGENCY_A, 2023, "direct",  # W12: 1,400,000 MMK = 700.00
     [answers("self", "no", "no", "yes", recruitment=mmk(1_200_000), medical=mmk(200_000))]),
]  # fmt: skip


def _version(world: World) -> QuestionnaireVersion:
    template = QuestionnaireTemplate.objects.create(key="aggregation-test", kind="worker", title="Aggregation test")
    for position, question in enumerate(QUESTIONS, start=1):
        template.questions.create(position=position, **question)
    lead = world.user("lead")
    draft = questionnaires.questionnaire_copy_template(actor=lead, engagement=world.engagement, template=template)
    return questionnaires.version_publish(actor=lead, version=draft)


def _respondent(world: World, **demographics: Any) -> Any:
    return respondent_create(
        actor=world.user("interviewer"), engagement=world.engagement, consent=dict(CONSENT), demographics=demographics
    )


def _store(world: World, respondent: Any, version: QuestionnaireVersion, given: dict[str, Any]) -> None:
    cleaned = clean_answers(list(version.questions.order_by("position")), given)
    response_store(actor=world.user("interviewer"), respondent=respondent, answers=cleaned, version=version)


def build_fixture(world: World, *, systemic_percent: int = 30, systemic_sites: int | None = 2) -> None:
    """The twelve workers, the rates, the corridors and the rules; the expectations below are worked from it."""
    version = _version(world)
    for site, nationality, gender, age, recruiter, year, contract, interviews in WORKERS:
        respondent = _respondent(
            world,
            site=site,
            nationality=nationality,
            gender=gender,
            age_band=age,
            recruiter=recruiter,
            recruitment_year=year,
            contract_type=contract,
        )
        for given in interviews:
            _store(world, respondent, version, given)
    # Neither is a worker interviewed one by one: listed apart, never counted.
    _store(world, _respondent(world, kind="management", site=NORTH), version, answers("employer", "yes", "yes", "no"))
    group = _respondent(world, kind="group", site=SOUTH, group_size=6, group_composition={"gender": {"woman": 6}})
    _store(world, group, version, answers("employer", "yes", "yes", "yes", recruitment=usd(5_000)))

    lead, owner = world.user("lead"), world.user("lead")
    # The world has Myanmar → Thailand; Laos has two corridors, so its workers are grouped by origin.
    corridor_add(actor=owner, engagement=world.engagement, origin="KH", destination="TH")
    corridor_add(actor=owner, engagement=world.engagement, origin="LA", destination="TH")
    corridor_add(actor=owner, engagement=world.engagement, origin="LA", destination="MY")
    analysis_settings_set(
        actor=lead,
        engagement=world.engagement,
        k=5,
        systemic_percent=systemic_percent,
        systemic_sites=systemic_sites,
        reporting_currency="USD",
    )
    for currency, rate, day in (("MMK", "0.0004", date(2025, 6, 1)), ("MMK", "0.0005", date(2026, 1, 10))):
        exchange_rate_record(
            actor=world.user("assessor"),
            engagement=world.engagement,
            currency=currency,
            rate=Decimal(rate),
            rate_date=day,
            source="Test central bank (fictional)",
        )


def _cells(group: Any) -> dict[str, tuple[int, int]]:
    return {item: (c.reported, c.asked) for item, c in {**group.indicators, **group.risks}.items()}


def _breakdown(aggregates: selectors.Aggregates, dimension: str) -> dict[str, Any]:
    found = next(b for b in aggregates.tally.breakdowns if b.dimension == dimension)
    return {g.value: g for g in found.groups}


def _fees(aggregates: selectors.Aggregates, dimension: str) -> dict[str, FeeGroup]:
    found = next(b for b in aggregates.fees.breakdowns if b.dimension == dimension)
    return {g.value: g for g in found.groups}


def stats(workers: int, low: str, high: str, mean: str, median: str) -> Stats:
    return Stats(workers, Decimal(low), Decimal(high), Decimal(mean), Decimal(median))


@pytest.fixture
def figures(world: World) -> selectors.Aggregates:
    build_fixture(world)
    return selectors.compute_aggregates(world.engagement)


# --- indicators and risks -----------------------------------------------------------------------------


def test_overall_counts_of_workers_who_reported_each_issue_of_those_asked(figures: selectors.Aggregates) -> None:
    assert figures.workers == 12  # management and group interviews are not workers
    assert _cells(figures.tally.overall) == {
        RET: (6, 12),  # passport with the employer: W1, W2, W5, W6, W9, W10
        THREAT: (1, 11),  # W6 (first interview); W8 was not asked
        MOVEMENT: (0, 12),
        WAGES: (2, 12),  # W3, W8
        DEBT: (9, 12),  # everyone who paid: W1-W4, W6-W8, W10, W12
        DOC_RISK: (6, 12),
        FEES_RISK: (9, 12),
    }
    assert DECEPTION in figures.tally.indicator_ids and DECEPTION not in figures.tally.overall.indicators


def test_counts_per_site(figures: selectors.Aggregates) -> None:
    sites = _breakdown(figures, "site")
    assert list(sites) == [NORTH, SOUTH]
    assert (sites[NORTH].workers, sites[SOUTH].workers) == (6, 6)
    north, south = _cells(sites[NORTH]), _cells(sites[SOUTH])
    assert (north[RET], north[THREAT], north[WAGES], north[DEBT]) == ((3, 6), (0, 6), (1, 6), (5, 6))
    assert (south[RET], south[THREAT], south[WAGES], south[DEBT]) == ((3, 6), (1, 5), (1, 6), (4, 6))


def test_counts_per_demographic_group_with_a_not_recorded_group_so_that_cells_add_up(
    figures: selectors.Aggregates,
) -> None:
    dimensions = [b.dimension for b in figures.tally.breakdowns]
    assert dimensions == ["site", "nationality", "gender", "age_band", "recruiter", "recruitment_year", "contract_type"]

    nationality = _breakdown(figures, "nationality")
    assert {v: g.workers for v, g in nationality.items()} == {"KH": 4, "LA": 1, "MM": 6, "": 1}
    assert list(nationality)[-1] == ""  # "not recorded" last
    assert {v: _cells(g).get(RET) for v, g in nationality.items()} == {
        "KH": (2, 4), "LA": (1, 1), "MM": (3, 6), "": (0, 1)
    }  # fmt: skip
    assert {v: _cells(g).get(DEBT) for v, g in nationality.items()} == {
        "KH": (2, 4), "LA": (1, 1), "MM": (6, 6), "": (0, 1)
    }  # fmt: skip

    gender = _breakdown(figures, "gender")
    assert list(gender) == ["woman", "man"]  # the reference's order
    assert (_cells(gender["woman"])[RET], _cells(gender["man"])[RET]) == ((6, 7), (0, 5))
    assert (_cells(gender["woman"])[DEBT], _cells(gender["man"])[DEBT]) == ((5, 7), (4, 5))

    assert {v: g.workers for v, g in _breakdown(figures, "age_band").items()} == {
        "18_24": 3, "25_34": 6, "35_44": 1, "45_54": 1, "": 1
    }  # fmt: skip
    assert {v: g.workers for v, g in _breakdown(figures, "recruiter").items()} == {
        AGENCY_A: 4, AGENCY_B: 2, AGENCY_C: 1, "": 5
    }  # fmt: skip
    years = _breakdown(figures, "recruitment_year")
    assert {v: g.workers for v, g in years.items()} == {"2023": 1, "2024": 4, "2025": 6, "": 1}
    assert {v: _cells(g)[DEBT] for v, g in years.items()} == {
        "2023": (1, 1), "2024": (4, 4), "2025": (4, 6), "": (0, 1)
    }  # fmt: skip
    contracts = _breakdown(figures, "contract_type")
    assert {v: g.workers for v, g in contracts.items()} == {"direct": 10, "agency": 1, "": 1}
    assert {v: _cells(g)[WAGES] for v, g in contracts.items()} == {"direct": (1, 10), "agency": (1, 1), "": (0, 1)}

    # Every line adds up to its total: the groups of a dimension partition the workers.
    for breakdown in figures.tally.breakdowns:
        for item, total in {**figures.tally.overall.indicators, **figures.tally.overall.risks}.items():
            cells = [{**g.indicators, **g.risks}.get(item, Cell(0, 0)) for g in breakdown.groups]
            assert sum(c.reported for c in cells) == total.reported
            assert sum(c.asked for c in cells) == total.asked


# --- isolated or systemic -----------------------------------------------------------------------------


def test_isolated_or_systemic_by_the_leads_rule(world: World) -> None:
    build_fixture(world)
    presence = selectors.isolated_or_systemic(world.engagement)
    assert presence[RET] == Presence.SYSTEMIC  # 6 of 12 = 50% >= 30%
    assert presence[DEBT] == Presence.SYSTEMIC  # 75%
    assert presence[WAGES] == Presence.SYSTEMIC  # 2 of 12 = 17%, but at both sites
    assert presence[THREAT] == Presence.ISOLATED  # 1 of 11, at one site
    assert presence[MOVEMENT] == Presence.NOT_REPORTED
    assert presence[DECEPTION] == Presence.NOT_ASKED
    sentence = selectors.analysis_settings(world.engagement).systemic_rule
    assert "at least 30% of the workers asked" in sentence and "2 or more different sites" in sentence


def test_without_the_site_test_an_issue_at_two_sites_below_the_share_is_isolated(world: World) -> None:
    build_fixture(world, systemic_sites=None)
    presence = selectors.isolated_or_systemic(world.engagement)
    assert presence[WAGES] == Presence.ISOLATED
    assert "sites" not in selectors.analysis_settings(world.engagement).systemic_rule


def test_the_share_is_compared_in_whole_numbers_at_the_threshold() -> None:
    rule = SystemicRule(percent=25)
    assert rule.classify(Cell(1, 4)) == Presence.SYSTEMIC  # exactly 25%
    assert rule.classify(Cell(1, 5)) == Presence.ISOLATED
    assert SystemicRule(percent=34).classify(Cell(1, 3)) == Presence.ISOLATED  # 33.3% < 34%
    assert rule.classify(Cell(0, 0)) == Presence.NOT_ASKED and rule.classify(None) == Presence.NOT_ASKED
    sites = [("A", Cell(1, 10)), ("", Cell(1, 10)), ("B", Cell(0, 10))]
    assert SystemicRule(percent=50, sites=2).classify(Cell(2, 30), sites) == Presence.ISOLATED  # "" is no site


# --- fees, conversion and repayment ---------------------------------------------------------------------


def test_fee_statistics_conversion_and_repayment_overall(figures: selectors.Aggregates) -> None:
    fees = figures.fees
    assert fees.reporting_currency == "USD"
    # Converted totals of the workers whose every payment converted: W10 400, W1 550, W4 650, W12 700,
    # W8 900, W2 1000, W6 1500 (sum 5,700; mean 814.2857 -> 814.29). W3 (750 + THB 3,000) and W7
    # (400 + THB 1,000) paid in THB too: counted in the repayment, not in the statistics.
    assert fees.overall == FeeGroup(
        value="",
        asked=12,
        paid=9,
        converted=7,
        stats=stats(7, "400.00", "1500.00", "814.29", "700.00"),
        repayment=Decimal("6850.00"),  # 5,700 + 750 + 400
        unconverted=(Unconverted("THB", Decimal("4000.00"), 2),),
    )
    # The latest MMK rate is used (0.0005 of 2026-01-10, not 0.0004 of 2025-06-01); THB has none.
    assert [(r.currency, r.rate, r.rate_date) for r in fees.rates] == [("MMK", Decimal("0.0005"), date(2026, 1, 10))]
    assert fees.missing_rates == ("THB",) and fees.currencies == ("MMK", "THB", "USD")


def test_each_payment_is_classified_by_its_ilo_category(figures: selectors.Aggregates) -> None:
    categories = {c.category: c for c in figures.fees.categories}
    assert list(categories) == ["recruitment_fee", "medical", "illegitimate"]  # the reference's order
    recruitment = categories["recruitment_fee"]
    # 400 (W7), 400 (W10), 500 (W1), 600 (W4), 600 (W12), 750 (W3), 900, 1000, 1500: sum 6,650
    assert (recruitment.paid, recruitment.converted, recruitment.repayment) == (9, 9, Decimal("6650.00"))
    assert recruitment.stats == stats(9, "400.00", "1500.00", "738.89", "600.00")
    medical = categories["medical"]  # W1 50.00, W4 50.00, W12 100.00; W3 THB 3,000 unconverted
    assert (medical.paid, medical.converted, medical.repayment) == (4, 3, Decimal("200.00"))
    assert medical.stats == stats(3, "50.00", "100.00", "66.67", "50.00")
    assert medical.unconverted == (Unconverted("THB", Decimal("3000.00"), 1),)
    bribe = categories["illegitimate"]
    assert (bribe.paid, bribe.converted, bribe.stats, bribe.repayment) == (1, 0, None, Decimal(0))
    assert bribe.unconverted == (Unconverted("THB", Decimal("1000.00"), 1),)
    assert sum(c.repayment for c in categories.values()) == figures.fees.overall.repayment


def test_repayment_per_nationality_and_corridor(figures: selectors.Aggregates) -> None:
    nationality = _fees(figures, "nationality")
    assert nationality["MM"] == FeeGroup(
        "MM", 6, 6, 4, stats(4, "550.00", "1500.00", "937.50", "850.00"), Decimal("4900.00"),
        (Unconverted("THB", Decimal("4000.00"), 2),),
    )  # fmt: skip
    assert nationality["KH"] == FeeGroup(
        "KH", 4, 2, 2, stats(2, "650.00", "900.00", "775.00", "775.00"), Decimal("1550.00")
    )
    assert nationality["LA"] == FeeGroup(
        "LA", 1, 1, 1, stats(1, "400.00", "400.00", "400.00", "400.00"), Decimal("400.00")
    )
    assert nationality[""] == FeeGroup("", 1, 0, 0, None, Decimal(0))

    corridors = _fees(figures, "corridor")
    assert list(corridors) == ["Cambodia → Thailand", "Laos → several corridors", "Myanmar → Thailand", ""]
    assert [g.repayment for g in corridors.values()] == [
        Decimal("1550.00"), Decimal("400.00"), Decimal("4900.00"), Decimal(0)
    ]  # fmt: skip


def test_repayment_per_gender_recruitment_year_and_recruiter(figures: selectors.Aggregates) -> None:
    gender = _fees(figures, "gender")
    assert gender["woman"] == FeeGroup(
        "woman", 7, 5, 5, stats(5, "400.00", "1500.00", "830.00", "700.00"), Decimal("4150.00")
    )
    assert gender["man"] == FeeGroup(
        "man", 5, 4, 2, stats(2, "650.00", "900.00", "775.00", "775.00"), Decimal("2700.00"),
        (Unconverted("THB", Decimal("4000.00"), 2),),
    )  # fmt: skip

    years = _fees(figures, "recruitment_year")
    assert list(years) == ["2023", "2024", "2025", ""]
    assert years["2024"] == FeeGroup(
        "2024", 4, 4, 3, stats(3, "550.00", "1500.00", "1016.67", "1000.00"), Decimal("3450.00"),
        (Unconverted("THB", Decimal("1000.00"), 1),),
    )  # fmt: skip
    assert years["2025"].stats == stats(3, "400.00", "900.00", "650.00", "650.00")
    assert (years["2025"].repayment, years["2023"].repayment, years[""].paid) == (
        Decimal("2700.00"), Decimal("700.00"), 0
    )  # fmt: skip

    recruiters = _fees(figures, "recruiter")
    assert recruiters[AGENCY_A].stats == stats(3, "550.00", "1000.00", "750.00", "700.00")
    assert [g.repayment for g in recruiters.values()] == [
        Decimal("3000.00"), Decimal("1900.00"), Decimal("400.00"), Decimal("1550.00")
    ]  # fmt: skip
    for dimension in ("nationality", "gender", "recruitment_year", "corridor", "recruiter"):
        assert sum(g.repayment for g in _fees(figures, dimension).values()) == Decimal("6850.00")


def test_with_no_rate_at_all_nothing_is_dropped(world: World) -> None:
    build_fixture(world)
    analysis_settings_set(
        actor=world.user("lead"), engagement=world.engagement, k=5, systemic_percent=30, systemic_sites=2,
        reporting_currency="EUR",
    )  # fmt: skip
    fees = selectors.compute_aggregates(world.engagement).fees
    # The MMK rates were recorded into USD: not used for EUR. Every amount is listed, per currency.
    assert fees.rates == () and fees.missing_rates == ("MMK", "THB", "USD")
    assert fees.overall.repayment == 0 and fees.overall.converted == 0 and fees.overall.stats is None
    assert fees.overall.unconverted == (
        Unconverted("MMK", Decimal("9800000.00"), 6),  # 1.1M + 2M + 1.5M + 3M + 0.8M + 1.4M
        Unconverted("THB", Decimal("4000.00"), 2),
        Unconverted("USD", Decimal("1950.00"), 3),  # 650 + 900 + 400
    )


# --- one decryption pass, cached ----------------------------------------------------------------------------


def test_aggregates_are_cached_until_a_response_a_rate_or_the_currency_changes(world: World) -> None:
    build_fixture(world)
    cache.clear()
    first = selectors.aggregates(world.engagement)
    assert selectors.aggregates(world.engagement).fees == first.fees  # served from the cache

    from unittest import mock

    with mock.patch.object(selectors, "compute_aggregates", wraps=selectors.compute_aggregates) as computed:
        selectors.aggregates(world.engagement)
        assert computed.call_count == 0
        exchange_rate_record(
            actor=world.user("lead"), engagement=world.engagement, currency="THB", rate=Decimal("0.03"),
            rate_date=date(2026, 1, 10), source="Test (fictional)",
        )  # fmt: skip
        after_rate = selectors.aggregates(world.engagement)
        assert computed.call_count == 1
    # THB 4,000 x 0.03 = 120.00 more: W3 750 + 90 = 840, W7 400 + 30 = 430; nothing left unconverted.
    assert after_rate.fees.overall.repayment == Decimal("6970.00")
    assert after_rate.fees.overall.unconverted == () and after_rate.fees.overall.converted == 9
