"""Worker interviews for the demo engagement's debrief, and plausible answers for demos and benchmarks.

Everything is fictional: pseudonymous respondents with coarse demographics, answers drawn at random
(seeded, so the demo is the same every time) along the questionnaire's skip logic, stored through the
vault in the published worker questionnaire version.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.utils import timezone

from engagements.models import Engagement
from interviews.questionnaires.answers import clean_answers
from interviews.questionnaires.catalogue import QuestionType
from interviews.questionnaires.models import Question, QuestionnaireVersion, VersionStatus
from interviews.questionnaires.rules import evaluate, option_values
from vault.models import RespondentKind, Response
from vault.services import respondent_create, response_store

WORDS = (
    "agent broker fee loan village passport contract wage overtime dormitory supervisor transport "
    "medical training deduction month debt family visa border document room shift"
).split()
# Round amounts, as workers remember them (a recruiter in one corridor charges much the same to all):
# the recruitment fee itself, and the smaller related costs (medical checks, documents, travel...).
FEE_AMOUNTS = {"MMK": range(300_000, 3_000_001, 50_000), "USD": range(100, 2_001, 25), "THB": range(1_000, 30_001, 500)}
COST_AMOUNTS = {"MMK": range(20_000, 400_001, 10_000), "USD": range(10, 301, 5), "THB": range(200, 5_001, 100)}
BIG_FEES = frozenset({"recruitment_fee", "illegitimate"})
WAGES_THB = range(8_000, 15_001, 250)

DEMO_SITES = ("Processing plant 1", "Processing plant 2")
DEMO_RECRUITERS = {"MM": "Recruiter in Yangon", "KH": "Recruiter in Phnom Penh"}
DEMO_CURRENCY = {"MM": "MMK", "KH": "USD"}
DEMO_FEES = {"MM": ["recruitment_fee", "medical"], "KH": ["recruitment_fee", "travel_lodging", "administrative"]}
# (nationality, gender, age band, site): twelve workers, both corridors on both sites.
DEMO_WORKERS = [
    ("MM", "woman", "25_34", 0),
    ("MM", "woman", "18_24", 0),
    ("MM", "man", "25_34", 0),
    ("KH", "woman", "35_44", 0),
    ("KH", "man", "18_24", 0),
    ("MM", "man", "35_44", 0),
    ("MM", "woman", "25_34", 1),
    ("KH", "woman", "25_34", 1),
    ("KH", "man", "25_34", 1),
    ("MM", "man", "18_24", 1),
    ("KH", "woman", "18_24", 1),
    ("MM", "woman", "45_54", 1),
]
DEMO_MIN_INTERVIEWS = len(DEMO_WORKERS)


def _money(question: Any, rng: random.Random, currency: str) -> dict[str, str]:
    if question.key == "last_month_pay":
        return {"amount": str(rng.choice(WAGES_THB)), "currency": "THB"}
    if question.key == "accommodation_cost":
        return {"amount": str(rng.choice(range(0, 2_001, 100))), "currency": "THB"}
    amounts = FEE_AMOUNTS if question.fee_category in BIG_FEES or not question.fee_category else COST_AMOUNTS
    return {"amount": str(rng.choice(amounts[currency])), "currency": currency}


def _options(question: Any, rng: random.Random, report_rate: float) -> list[str]:
    """The options to draw from: those that report an issue for about ``report_rate`` of the answers."""
    values = option_values(question)
    reporting = set(getattr(question, "reported_when", None) or ())
    calm = [v for v in values if v not in reporting]
    return values if not calm or not reporting or rng.random() < report_rate else calm


def _value(question: Any, rng: random.Random, currency: str, report_rate: float) -> Any:
    kind = question.type
    if kind in (QuestionType.YES_NO, QuestionType.SINGLE_CHOICE):
        return rng.choice(_options(question, rng, report_rate))
    if kind == QuestionType.MULTIPLE_CHOICE:
        values = _options(question, rng, report_rate)
        return rng.sample(values, rng.randint(1, min(3, len(values))))
    if kind == QuestionType.MONEY:
        return _money(question, rng, currency)
    if kind == QuestionType.NUMBER:
        return rng.randint(1, 14)
    if kind == QuestionType.DATE:
        return date(2025, rng.randint(1, 12), rng.randint(1, 28)).isoformat()
    return " ".join(rng.choices(WORDS, k=rng.randint(3, 14)))


def sample_answers(
    questions: Sequence[Any],
    rng: random.Random,
    *,
    fixed: Mapping[str, Any] | None = None,
    currency: str = "MMK",
    skip_optional: float = 0.1,
    report_rate: float = 0.3,
) -> dict[str, Any]:
    """Answers to the questions shown by skip logic, in order; ``fixed`` answers where given.

    About ``report_rate`` of the choice answers are drawn from all options, the others from those that
    report nothing, so that a demo's figures look like a workplace's rather than like dice.
    """
    fixed = fixed or {}
    answers: dict[str, Any] = {}
    for question in questions:
        if not evaluate(question.show_if, answers):
            continue
        if question.key in fixed:
            answers[question.key] = fixed[question.key]
        elif question.required or rng.random() >= skip_optional:
            answers[question.key] = _value(question, rng, currency, report_rate)
    return answers


def published_worker_version(engagement: Engagement) -> QuestionnaireVersion | None:
    """The engagement's latest published migrant-worker questionnaire version."""
    return (
        QuestionnaireVersion.objects.filter(
            engagement=engagement, status=VersionStatus.PUBLISHED, questionnaire__kind=RespondentKind.WORKER
        )
        .order_by("-published_at")
        .first()
    )


def _nationality_answer(question: Any, country: str) -> Any:
    wanted = {"MM": "myanmar", "KH": "cambodia"}[country]
    if question.type == QuestionType.SINGLE_CHOICE and wanted in option_values(question):
        return wanted
    return {"MM": "Myanmar", "KH": "Cambodian"}[country]


def seed_demo_debrief(engagement: Engagement, users: dict[str, Any]) -> None:
    """Idempotent: once the engagement holds a dozen versioned worker interviews, nothing is added."""
    version = published_worker_version(engagement)
    if version is None:
        return
    versioned = Response.objects.filter(
        engagement=engagement, questionnaire_version__questionnaire__kind=RespondentKind.WORKER
    )
    if versioned.count() >= DEMO_MIN_INTERVIEWS:
        return
    interviewer = users["interviewer@demo.example"]
    questions = list(Question.objects.filter(version=version).order_by("position"))
    by_key = {q.key: q for q in questions}
    rng = random.Random(2026)  # noqa: S311 - fictional demo answers, reproducible on purpose
    today = timezone.localdate()
    for index, (country, gender, age_band, site) in enumerate(DEMO_WORKERS):
        respondent = respondent_create(
            actor=interviewer,
            engagement=engagement,
            consent={
                "kind": "verbal",
                "witnessed_by": "Demo Assessor",
                "given_on": today,
                "language": "Burmese" if country == "MM" else "Khmer",
            },
            demographics={
                "nationality": country,
                "gender": gender,
                "age_band": age_band,
                "recruiter": DEMO_RECRUITERS[country],
                "site": DEMO_SITES[site],
                "contract_type": "direct",
                "recruitment_year": today.year - 1,
            },
        )
        fixed: dict[str, Any] = {"gender": gender, "age_band": age_band}
        if index % 4 != 3:  # most workers of these corridors paid to get the job
            fixed.update(paid_anything="yes", fee_categories=DEMO_FEES[country])
        if "nationality" in by_key:
            fixed["nationality"] = _nationality_answer(by_key["nationality"], country)
        answers = sample_answers(questions, rng, fixed=fixed, currency=DEMO_CURRENCY[country])
        response_store(
            actor=interviewer, respondent=respondent, answers=clean_answers(questions, answers), version=version
        )
    group = respondent_create(
        actor=interviewer,
        engagement=engagement,
        consent={"kind": "verbal", "witnessed_by": "Demo Assessor", "given_on": today, "language": "Burmese"},
        demographics={
            "kind": RespondentKind.GROUP,
            "site": DEMO_SITES[1],
            "nationality": "MM",
            "group_size": 6,
            "group_composition": {"gender": {"woman": 4, "man": 2}},
        },
    )
    answers = sample_answers(questions, rng, fixed={"gender": "prefer_not_to_disclose"}, currency="MMK")
    response_store(actor=interviewer, respondent=group, answers=clean_answers(questions, answers), version=version)
