"""The daily debrief (issue 5 item 8): tallies that match hand-computed figures, a page that follows the
records as they sync, at a query count that does not grow with the number of interviews."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given, settings
from hypothesis import strategies as st

from engagements import phase_pages
from interviews.debrief import display, selectors
from interviews.debrief.tallies import AmountStats, Cell, Debrief, Group, tally
from interviews.questionnaires import services
from interviews.questionnaires.answers import clean_answers
from interviews.questionnaires.models import QuestionnaireTemplate, QuestionnaireVersion
from tenancy.roles import Capability
from tests.conftest import World
from tests.vault_helpers import CONSENT
from vault.models import Respondent, Response
from vault.services import respondent_create, response_store

pytestmark = pytest.mark.django_db

RET, MOV, DEBT, THREAT, DECEPTION = (
    "retention_of_identity_documents",
    "restriction_of_movement",
    "debt_bondage",
    "intimidation_and_threats",
    "deception",
)
DOC_RISK, FEES_RISK = "b_em_document_retention", "b_rd_worker_paid_fees"
NORTH, SOUTH = "Site North (test)", "Site South (test)"
AGENCY = "Agency One (test)"

QUESTIONS: list[dict[str, Any]] = [
    {
        "key": "passport_location",
        "section": "documents",
        "type": "single_choice",
        "text": "Where is your passport?",
        "options": [{"value": v, "label": v} for v in ("self", "employer", "agency")],
        "indicators": [RET],
        "risks": [DOC_RISK],
        "reported_when": ["employer", "agency"],
    },
    {
        "key": "passport_retrieval",
        "section": "documents",
        "type": "single_choice",
        "text": "Could you get it back if you asked?",
        "options": [{"value": v, "label": v} for v in ("easy", "hard")],
        "show_if": {"question": "passport_location", "op": "not_equals", "value": "self"},
        "indicators": [MOV],
        "reported_when": ["hard"],
    },
    {
        "key": "paid_anything",
        "section": "fees",
        "type": "yes_no",
        "text": "Did you pay anything to get this job?",
        "indicators": [DEBT],
        "risks": [FEES_RISK],
        "reported_when": ["yes"],
    },
    {
        "key": "fee_recruitment_amount",
        "section": "fees",
        "type": "money",
        "text": "How much in recruitment fees?",
        "show_if": {"question": "paid_anything", "op": "equals", "value": "yes"},
        "indicators": [DEBT],
        "risks": [FEES_RISK],
        "fee_category": "recruitment_fee",
    },
    {
        "key": "fee_medical_amount",
        "section": "fees",
        "type": "money",
        "text": "How much for medical checks?",
        "show_if": {"question": "paid_anything", "op": "equals", "value": "yes"},
        "risks": [FEES_RISK],
        "fee_category": "medical",
    },
    {
        "key": "threats",
        "section": "movement",
        "type": "multiple_choice",
        "text": "Has anyone threatened you?",
        "options": [{"value": v, "label": v} for v in ("none", "deport", "violence")],
        "indicators": [THREAT],
        "reported_when": ["deport", "violence"],
    },
    {"key": "last_month_pay", "section": "wages", "type": "money", "text": "Pay last month?"},
    {"key": "story", "section": "closing", "type": "text", "text": "Anything else?", "indicators": [DECEPTION]},
]


EMPTY_MAPPING = {"indicators": [], "risks": [], "reported_when": [], "fee_category": ""}
FEE_KEYS = frozenset(q["key"] for q in QUESTIONS if q["section"] == "fees")


def _version(world: World) -> QuestionnaireVersion:
    """A small published worker questionnaire whose mapping the expectations below are computed from."""
    template = QuestionnaireTemplate.objects.create(key="debrief-test", kind="worker", title="Debrief test")
    for position, question in enumerate(QUESTIONS, start=1):
        template.questions.create(position=position, **question)
    lead = world.user("lead")
    draft = services.questionnaire_copy_template(actor=lead, engagement=world.engagement, template=template)
    return services.version_publish(actor=lead, version=draft)


def mmk(amount: int) -> dict[str, str]:
    return {"amount": str(amount), "currency": "MMK"}


def usd(amount: int) -> dict[str, str]:
    return {"amount": str(amount), "currency": "USD"}


# (site, gender, nationality, age band, recruiter, [answers of each interview])
WORKERS: list[tuple[str, str, str, str, str, list[dict[str, Any]]]] = [
    # W1
    (NORTH, "woman", "MM", "25_34", AGENCY, [{
        "passport_location": "employer", "passport_retrieval": "hard", "paid_anything": "yes",
        "fee_recruitment_amount": mmk(1_000_000), "fee_medical_amount": mmk(200_000), "threats": ["none"],
        "last_month_pay": {"amount": "9000", "currency": "THB"}, "story": "Test answer only.",
    }]),
    # W2: a hidden question (passport_retrieval after "self") is not asked
    (NORTH, "woman", "MM", "18_24", AGENCY, [{
        "passport_location": "self", "paid_anything": "yes", "fee_recruitment_amount": mmk(1_500_000),
        "threats": ["deport"],
    }]),
    # W3: wages are money but no fee
    (NORTH, "man", "MM", "25_34", AGENCY, [{
        "passport_location": "agency", "passport_retrieval": "easy", "paid_anything": "no", "threats": ["none"],
        "last_month_pay": {"amount": "9500", "currency": "THB"},
    }]),
    # W4: paid in a second currency
    (NORTH, "man", "KH", "25_34", "", [{
        "passport_location": "self", "paid_anything": "yes", "fee_recruitment_amount": usd(600),
        "fee_medical_amount": usd(50), "threats": ["deport", "violence"],
    }]),
    # W5: threats left unanswered
    (NORTH, "woman", "KH", "18_24", "", [{"passport_location": "self", "paid_anything": "no"}]),
    # W6: interviewed twice; counted once, the fee not doubled
    (SOUTH, "woman", "MM", "25_34", "", [
        {"passport_location": "employer", "passport_retrieval": "hard", "paid_anything": "yes",
         "fee_recruitment_amount": mmk(2_000_000), "threats": ["none"]},
        {"paid_anything": "yes", "fee_recruitment_amount": mmk(2_000_000), "threats": ["deport"]},
    ]),
    # W7: one payment in MMK, another in THB
    (SOUTH, "man", "MM", "18_24", "", [{
        "passport_location": "self", "paid_anything": "yes", "fee_recruitment_amount": mmk(500_000),
        "fee_medical_amount": {"amount": "3000", "currency": "THB"}, "threats": ["violence"],
    }]),
    # W8
    (SOUTH, "man", "KH", "25_34", "", [{
        "passport_location": "self", "paid_anything": "yes", "fee_recruitment_amount": usd(800), "threats": ["none"],
    }]),
    # W9: passport_retrieval shown but not answered
    (SOUTH, "woman", "KH", "25_34", "", [{
        "passport_location": "employer", "paid_anything": "no", "threats": ["none"],
    }]),
    # W10: passport_location not answered
    (SOUTH, "man", "MM", "25_34", "", [{
        "paid_anything": "yes", "fee_recruitment_amount": mmk(1_000_000), "threats": ["none"],
    }]),
]  # fmt: skip


def _respondent(world: World, **demographics: Any) -> Respondent:
    return respondent_create(
        actor=world.user("interviewer"), engagement=world.engagement, consent=dict(CONSENT), demographics=demographics
    )


def _store(world: World, respondent: Respondent, version: QuestionnaireVersion | None, answers: dict) -> Response:
    if version is not None:
        answers = clean_answers(list(version.questions.order_by("position")), answers)
    return response_store(actor=world.user("interviewer"), respondent=respondent, answers=answers, version=version)


def _fixture(world: World) -> QuestionnaireVersion:
    version = _version(world)
    for site, gender, nationality, age_band, recruiter, interviews in WORKERS:
        respondent = _respondent(
            world, site=site, gender=gender, nationality=nationality, age_band=age_band, recruiter=recruiter
        )
        for answers in interviews:
            _store(world, respondent, version, answers)
    # Counted apart, never as workers: management, a group, and an answer sheet without a version.
    _store(world, _respondent(world, kind="management", site=NORTH), version, {"passport_location": "employer"})
    group = _respondent(
        world, kind="group", site=SOUTH, group_size=5, group_composition={"gender": {"woman": 3, "man": 2}}
    )
    _store(world, group, version, {"passport_location": "employer", "paid_anything": "yes"})
    _store(world, _respondent(world, site=NORTH, gender="man"), None, {"paid_recruitment_fees": "yes"})
    return version


def _group(debrief: Debrief, dimension: str, value: str) -> Group:
    breakdown = next(b for b in debrief.breakdowns if b.dimension == dimension)
    return next(g for g in breakdown.groups if g.value == value)


def _cells(group: Group) -> dict[str, tuple[int, int]]:
    return {item: (c.reported, c.asked) for item, c in {**group.indicators, **group.risks}.items()}


def stats(currency: str, workers: int, low: str, high: str, mean: str, median: str) -> AmountStats:
    return AmountStats(currency, workers, Decimal(low), Decimal(high), Decimal(mean), Decimal(median))


# --- the tallies, against figures worked out by hand ------------------------------------------------


def test_overall_counts_each_worker_once_out_of_those_asked(world: World) -> None:
    _fixture(world)
    debrief = selectors.compute_debrief(world.engagement.pk)

    assert debrief.overall.workers == 10
    assert _cells(debrief.overall) == {
        RET: (4, 9),  # W1, W3, W6, W9 of everyone who answered where their passport is (not W10)
        MOV: (2, 3),  # asked only where the passport was not with the worker, and answered (not W9)
        DEBT: (7, 10),
        THREAT: (4, 9),  # W6 reported it in the second interview; W5 was not asked
        DOC_RISK: (4, 9),
        FEES_RISK: (7, 10),
    }
    # A text answer reports nothing and asks nothing; indicators are all listed, in reference order.
    assert DECEPTION not in debrief.overall.indicators
    assert DECEPTION in debrief.indicator_ids
    assert debrief.indicator_ids.index(DECEPTION) < debrief.indicator_ids.index(DEBT)
    assert debrief.risk_ids == (FEES_RISK, DOC_RISK)  # Annex B order: recruitment stage before employment


def test_counts_per_site_and_per_demographic_group(world: World) -> None:
    _fixture(world)
    debrief = selectors.compute_debrief(world.engagement.pk)

    assert [b.dimension for b in debrief.breakdowns] == ["site", "gender", "nationality", "age_band", "recruiter"]
    assert [g.value for g in debrief.breakdowns[0].groups] == [NORTH, SOUTH]
    assert _cells(_group(debrief, "site", NORTH)) == {
        RET: (2, 5), MOV: (1, 2), DEBT: (3, 5), THREAT: (2, 4), DOC_RISK: (2, 5), FEES_RISK: (3, 5)
    }  # fmt: skip
    assert _cells(_group(debrief, "site", SOUTH)) == {
        RET: (2, 4), MOV: (1, 1), DEBT: (4, 5), THREAT: (2, 5), DOC_RISK: (2, 4), FEES_RISK: (4, 5)
    }  # fmt: skip
    assert [g.value for g in debrief.breakdowns[1].groups] == ["woman", "man"]  # the reference's order
    women, men = _cells(_group(debrief, "gender", "woman")), _cells(_group(debrief, "gender", "man"))
    assert (women[RET], women[MOV], women[DEBT], women[THREAT]) == ((3, 5), (2, 2), (3, 5), (2, 4))
    assert (men[RET], men[MOV], men[DEBT], men[THREAT]) == ((1, 4), (0, 1), (4, 5), (2, 5))
    myanmar, cambodia = _cells(_group(debrief, "nationality", "MM")), _cells(_group(debrief, "nationality", "KH"))
    assert (myanmar[RET], myanmar[DEBT], myanmar[THREAT]) == ((3, 5), (5, 6), (3, 6))
    assert (cambodia[RET], cambodia[DEBT], cambodia[THREAT]) == ((1, 4), (2, 4), (1, 3))
    assert MOV not in cambodia  # no Cambodian worker was asked about it
    assert _cells(_group(debrief, "age_band", "18_24"))[DEBT] == (2, 3)
    assert _cells(_group(debrief, "age_band", "25_34"))[DEBT] == (5, 7)
    assert [(g.value, g.workers) for g in debrief.breakdowns[4].groups] == [(AGENCY, 3), ("", 7)]


def test_fees_per_currency_never_mixed_with_range_mean_and_median(world: World) -> None:
    _fixture(world)
    fees = selectors.compute_debrief(world.engagement.pk).overall.fees

    assert (fees.paid, fees.asked) == (7, 10)  # W3's wages are money, not a fee
    assert fees.totals == (
        stats("MMK", 5, "500000", "2000000", "1240000.00", "1200000.00"),  # W6's fee counted once
        stats("THB", 1, "3000", "3000", "3000.00", "3000.00"),  # W7's medical check, kept apart
        stats("USD", 2, "650", "800", "725.00", "725.00"),
    )
    assert fees.categories == (
        (
            "recruitment_fee",
            (
                stats("MMK", 5, "500000", "2000000", "1200000.00", "1000000.00"),
                stats("USD", 2, "600", "800", "700.00", "700.00"),
            ),
        ),
        (
            "medical",
            (
                stats("MMK", 1, "200000", "200000", "200000.00", "200000.00"),
                stats("THB", 1, "3000", "3000", "3000.00", "3000.00"),
                stats("USD", 1, "50", "50", "50.00", "50.00"),
            ),
        ),
    )  # fmt: skip


def test_fees_per_site_round_the_mean_to_cents(world: World) -> None:
    _fixture(world)
    south = _group(selectors.compute_debrief(world.engagement.pk), "site", SOUTH).fees

    assert (south.paid, south.asked) == (4, 5)
    assert south.totals[0] == stats("MMK", 3, "500000", "2000000", "1166666.67", "1000000.00")


def test_other_interviews_are_listed_apart_and_never_counted_as_workers(world: World) -> None:
    _fixture(world)
    debrief = selectors.compute_debrief(world.engagement.pk)

    assert debrief.interviews == 14
    assert dict(debrief.by_kind) == {"worker": 12, "management": 1, "group": 1}
    assert debrief.not_tallied == 1
    assert (debrief.groups.interviews, debrief.groups.participants) == (1, 5)
    assert debrief.groups.composition == {"gender": {"man": 2, "woman": 3}}


def test_tally_of_nothing_is_empty_not_an_error() -> None:
    debrief = tally([], {}, {}, {}, as_of=timezone.now(), indicator_order=["deception"])
    assert debrief.overall.workers == 0 and debrief.indicator_ids == ("deception",)
    assert debrief.overall.fees.totals == () and debrief.breakdowns[0].groups == ()


def test_records_of_an_unknown_version_a_withdrawn_respondent_or_stored_late_are_not_counted() -> None:
    from interviews.debrief.tallies import Profile

    records = [
        ("a", "w1", {"x": "yes"}),  # a version no longer known
        ("b", "gone", {}),  # the respondent withdrew between the reads
        ("c", "w2", {"x": "yes"}),  # no version
        ("d", "w2", {"x": "yes"}),  # stored after the versions were read: waits for the next tally
    ]
    versions = {"a": "v-gone", "b": None, "c": None}
    debrief = tally(records, versions, {"w1": Profile(), "w2": Profile()}, {}, as_of=timezone.now())
    assert (debrief.interviews, debrief.not_tallied, debrief.overall.workers) == (2, 2, 0)


def test_cell_percent() -> None:
    assert Cell(2, 3).percent == 67 and Cell(0, 0).percent is None


# --- the page -----------------------------------------------------------------------------------------


def test_the_team_reads_the_tables_with_a_warning_that_they_are_not_for_sharing(world: World, client_for: Any) -> None:
    _fixture(world)
    response = client_for("interviewer").get(reverse("debrief:debrief", args=[world.engagement.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Team only — not for sharing" in html
    assert "As of " in html and "14 interviews synced" in html
    assert "Retention of identity documents" in html and "Site North (test)" in html
    assert "1,240,000" in html and "1,166,666.67" in html  # MMK mean overall, and the southern site's
    assert 'hx-trigger="every 20s' in html and reverse("debrief:live", args=[world.engagement.pk]) in html
    assert "Test answer only." not in html  # no answer is ever shown, only counts


def test_polling_follows_new_records_and_reuses_the_tally_until_one_arrives(world: World, client_for: Any) -> None:
    version = _fixture(world)
    client = client_for("assessor")
    url = reverse("debrief:live", args=[world.engagement.pk])

    first = client.get(url, HTTP_HX_REQUEST="true")
    assert first.status_code == 200 and "14 interviews synced" in first.content.decode()
    assert "<html" not in first.content.decode()  # the partial only

    with CaptureQueriesContext(connection) as polled:
        again = client.get(url, HTTP_HX_REQUEST="true")
    assert "14 interviews synced" in again.content.decode()
    # Nothing changed: no response row, question or key is read again.
    assert not [q for q in polled.captured_queries if "ciphertext" in q["sql"] or "questionnaires_question" in q["sql"]]

    _store(world, _respondent(world, site=NORTH, gender="woman"), version, {"paid_anything": "no"})
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "15 interviews synced" in html and "11 workers" in html


def test_a_polled_page_renders_the_tables_once_per_change_of_the_records(
    world: World, client_for: Any, monkeypatch: Any
) -> None:
    version = _fixture(world)
    client = client_for("lead")
    url = reverse("debrief:live", args=[world.engagement.pk])
    first = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    with monkeypatch.context() as patched:
        # Nothing changed: neither the tally nor the tables' rendering may run again.
        patched.setattr(display, "sections", lambda *a: pytest.fail("the tables were rendered again"))
        patched.setattr(selectors, "compute_debrief", lambda *a: pytest.fail("the tally was computed again"))
        again = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert again.split("interviews synced", 1)[1] == first.split("interviews synced", 1)[1]
    _store(world, _respondent(world, site=NORTH, gender="woman"), version, {"paid_anything": "no"})
    assert "15 interviews synced" in client.get(url, HTTP_HX_REQUEST="true").content.decode()


@pytest.mark.parametrize("page", ["debrief:debrief", "analysis:overview"])
def test_the_figures_are_worked_out_when_the_cache_cannot_be_reached(
    world: World, client_for: Any, settings: Any, page: str
) -> None:
    _fixture(world)
    # A Redis nobody listens on: every cache read and write fails, as while Redis restarts.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    }
    response = client_for("lead").get(reverse(page, args=[world.engagement.pk]))
    assert response.status_code == 200
    assert "Retention of identity documents" in response.content.decode()


def test_a_changed_respondent_record_refreshes_the_tally(world: World) -> None:
    _fixture(world)
    before = selectors.debrief_for(world.engagement)
    respondent = Respondent.objects.get(engagement=world.engagement, site=NORTH, nationality="KH", gender="woman")
    respondent.site = "Site East (test)"
    respondent.save()
    after = selectors.debrief_for(world.engagement)
    assert [g.value for g in before.breakdowns[0].groups] == [NORTH, SOUTH]
    assert "Site East (test)" in [g.value for g in after.breakdowns[0].groups]


def _page_queries(world: World, client: Any, interviews: int) -> int:
    version = QuestionnaireVersion.objects.filter(engagement=world.engagement).first() or _version(world)
    have = Response.objects.filter(engagement=world.engagement).count()
    for n in range(have, interviews):
        respondent = _respondent(world, site=(NORTH, SOUTH)[n % 2], gender=("woman", "man")[n % 2])
        _store(world, respondent, version, WORKERS[n % len(WORKERS)][5][0])
    cache.delete(selectors.cache_key(world.engagement))  # this engagement's entry only: Redis may be shared
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("debrief:debrief", args=[world.engagement.pk]))
    assert response.status_code == 200
    assert f"{interviews} interviews synced" in response.content.decode()
    return len(queries.captured_queries)


def test_the_page_costs_the_same_queries_with_3_or_30_interviews(world: World, client_for: Any) -> None:
    client = client_for("lead")
    client.get(reverse("debrief:debrief", args=[world.engagement.pk]))  # the session's first touch, once
    assert _page_queries(world, client, 3) == _page_queries(world, client, 30)


def test_the_page_is_linked_from_phase_4_for_the_team_only(world: World) -> None:
    team = phase_pages.pages_by_step(4, frozenset({Capability.VIEW_DEBRIEF}))
    assert "debrief:debrief" in [p.url_name for p in team["Interview migrant workers and their representatives"]]
    assert "debrief:debrief" in [p.url_name for p in team["Present preliminary findings on site"]]
    business = phase_pages.pages_by_step(4, frozenset({Capability.VIEW_ENGAGEMENT, Capability.VIEW_AGGREGATES}))
    assert all(p.url_name != "debrief:debrief" for pages in business.values() for p in pages)


def test_a_tampered_record_fails_loudly_rather_than_being_tallied(world: World) -> None:
    """The vault binds each ciphertext to its row: a record moved from another row is refused."""
    from vault.crypto import DecryptionError

    _fixture(world)
    first, second = Response.objects.filter(engagement=world.engagement, questionnaire_version__isnull=False)[:2]
    Response.objects.filter(pk=second.pk).update(ciphertext=first.ciphertext)
    with pytest.raises(DecryptionError):
        selectors.compute_debrief(world.engagement.pk)


# --- the memo never changes what the rule says ---------------------------------------------------------

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 2),
    st.sampled_from(["", "yes", "no", "1", "self", "employer", "hard", "deport", "none"]),
    st.lists(st.sampled_from(["none", "deport", "violence", "1", ""]), max_size=3),
    st.fixed_dictionaries(
        {
            "amount": st.sampled_from(["0", "10", "10.5", "-3", "x", "1e3"]),
            "currency": st.sampled_from(["MMK", "usd", "?"]),
        }
    ),
)
ANSWERS = st.dictionaries(st.sampled_from([q["key"] for q in QUESTIONS] + ["unknown"]), JUNK, max_size=9)


@settings(max_examples=200, deadline=None)
@example([(0, NORTH, {"passport_location": "1", "threats": "deport"}), (1, SOUTH, {"passport_location": 1})])
@example([(0, NORTH, {"paid_anything": True}), (1, NORTH, {"paid_anything": "yes", "threats": ["deport"]})])
@given(st.lists(st.tuples(st.integers(0, 4), st.sampled_from([NORTH, SOUTH]), ANSWERS), min_size=1, max_size=12))
def test_memoised_tally_equals_the_rule_applied_to_each_worker(interviews: list) -> None:
    """Junk included (1, true and "1" are different answers): per worker, exactly what evidence.py says."""
    from interviews.debrief.tallies import Profile
    from interviews.questionnaires.evidence import (
        asked_items,
        fee_payments,
        question_evidence,
        reported_items,
    )

    evidence = {q["key"]: question_evidence(SimpleNamespace(**{**EMPTY_MAPPING, **q})) for q in QUESTIONS}
    records = [(f"r{n}", f"w{who}", answers) for n, (who, _site, answers) in enumerate(interviews)]
    versions = {response_id: "v1" for response_id, _who, _answers in records}
    profiles = {f"w{who}": Profile(site=site) for who, site, _answers in reversed(interviews)}
    debrief = tally(records, versions, profiles, {"v1": evidence}, {"v1": FEE_KEYS}, as_of=timezone.now())

    asked: dict[str, set[str]] = defaultdict(set)
    reported: dict[str, set[str]] = defaultdict(set)
    paid: set[str] = set()
    for who, _site, answers in interviews:
        asked[f"w{who}"].update(*asked_items(evidence, answers))
        reported[f"w{who}"].update(*reported_items(evidence, answers))
        if any(p.category for p in fee_payments(evidence, answers)):
            paid.add(f"w{who}")
    for item in {*debrief.overall.indicators, *debrief.overall.risks}:
        cell = {**debrief.overall.indicators, **debrief.overall.risks}[item]
        assert cell == Cell(sum(item in r for r in reported.values()), sum(item in a for a in asked.values()))
    assert {i for a in asked.values() for i in a} == {*debrief.overall.indicators, *debrief.overall.risks}
    assert debrief.overall.fees.paid == len(paid)


def test_the_demo_seed_adds_a_dozen_worker_interviews_once(world: World) -> None:
    from interviews.debrief.demo import seed_demo_debrief
    from interviews.questionnaires.demo import seed_demo_questionnaires

    users = {"lead@demo.example": world.user("lead"), "interviewer@demo.example": world.user("interviewer")}
    seed_demo_questionnaires(world.engagement, users)
    seed_demo_debrief(world.engagement, users)
    seed_demo_debrief(world.engagement, users)

    debrief = selectors.compute_debrief(world.engagement.pk)
    assert (debrief.interviews, debrief.overall.workers, debrief.groups.interviews) == (13, 12, 1)
    assert [g.value for g in debrief.breakdowns[0].groups] == ["Processing plant 1", "Processing plant 2"]
    assert debrief.overall.fees.paid >= 9 and {s.currency for s in debrief.overall.fees.totals} >= {"MMK", "USD"}
