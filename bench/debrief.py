"""The daily debrief's tally of every response of one engagement, against the decrypt floor.

Run: make bench (or .venv/bin/python bench/debrief.py [N]). Uses a throwaway test database on whatever
DATABASE_URL names (SQLite when unset). N responses (default 20,000) in a published version of the seeded
migrant-worker questionnaire, answered along its skip logic with round amounts of money, as workers give
them. Measures the tally (queries, decryption and counting; no cache) against the floor: AES-GCM decryption
and JSON parsing of the same ciphertexts, in memory. Prints the ratio; goal <= 2x.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mapping_platform.settings_test")

import django

django.setup()

import orjson  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402

GOAL = 2.0
SITES = ("Processing plant 1", "Processing plant 2", "Processing plant 3")
# nationality, currency of the fees, recruiters of that corridor
CORRIDORS = (
    ("MM", "MMK", ("Recruiter in Yangon", "Subagent in Mawlamyine")),
    ("KH", "USD", ("Recruiter in Phnom Penh",)),
    ("LA", "THB", ("Recruiter in Vientiane",)),
)
GENDERS = ("woman", "man", "woman", "man", "another_designation", "prefer_not_to_disclose")
AGE_BANDS = ("18_24", "25_34", "25_34", "35_44", "45_54")


def main(n: int) -> None:
    from engagements.services.engagements import engagement_create
    from interviews.debrief.demo import sample_answers
    from interviews.debrief.selectors import compute_debrief
    from interviews.questionnaires import services
    from interviews.questionnaires.answers import clean_answers
    from interviews.questionnaires.models import QuestionnaireTemplate
    from interviews.questionnaires.seed import templates_load
    from tenancy.services import organisation_create
    from tests.factories import UserFactory
    from vault.crypto import Cipher
    from vault.envelope import data_key
    from vault.models import KeyPurpose, Respondent, Response
    from vault.records import seal_response

    user = UserFactory(email="bench@test.example")
    org = organisation_create(actor=user, name="Bench organisation", owner=user)
    engagement = engagement_create(actor=user, organisation=org, title="Bench engagement")
    templates_load()
    draft = services.questionnaire_copy_template(
        actor=user, engagement=engagement, template=QuestionnaireTemplate.objects.get(key="migrant_worker")
    )
    version = services.version_publish(actor=user, version=draft)
    questions = list(version.questions.order_by("position"))

    rng = random.Random(2026)
    respondents, answers = [], []
    for index in range(n):
        nationality, currency, recruiters = rng.choice(CORRIDORS)
        gender, age_band = rng.choice(GENDERS), rng.choice(AGE_BANDS)
        respondents.append(
            Respondent(
                engagement=engagement,
                pseudonym=f"R-B{index:07d}",
                recorded_by=user,
                nationality=nationality,
                gender=gender,
                age_band=age_band,
                recruiter=rng.choice(recruiters),
                site=rng.choice(SITES),
            )
        )
        fixed = {"gender": gender, "age_band": age_band}
        # Stored as the app stores them: validated and normalised (choices in option order).
        answers.append(clean_answers(questions, sample_answers(questions, rng, fixed=fixed, currency=currency)))
    Respondent.objects.bulk_create(respondents, batch_size=2000)
    cipher = Cipher(data_key(engagement.pk, KeyPurpose.RESPONSES))
    batch = []
    for respondent, given in zip(respondents, answers, strict=True):
        response = Response(
            engagement=engagement, respondent=respondent, interviewer=user, questionnaire_version=version
        )
        seal_response(response, given, cipher)
        batch.append(response)
    Response.objects.bulk_create(batch, batch_size=2000)
    size = sum(len(orjson.dumps(a)) for a in answers) / n
    del answers, batch

    key = data_key(engagement.pk, KeyPurpose.RESPONSES)
    rows = [
        (pk, bytes(blob)) for pk, blob in Response.objects.filter(engagement=engagement).values_list("id", "ciphertext")
    ]
    suffix = f":{engagement.pk}".encode()

    def floor() -> None:
        aead = Cipher(key)
        for pk, blob in rows:
            orjson.loads(aead.decrypt(blob, b"response:" + str(pk).encode() + suffix))

    def ours() -> None:
        assert compute_debrief(engagement.pk).overall.workers == n

    from bench.results import interleaved

    floor_s, ours_s = interleaved(5, floor, ours)
    ratio = ours_s / floor_s
    print(
        f"debrief tally of {n} responses (~{size / 1024:.1f} KB of answers each): {ours_s:.3f} s; "
        f"floor (AES-GCM + JSON parse, in memory): {floor_s:.3f} s; "
        f"ratio {ratio:.2f}x (goal <= {GOAL:.1f}x) {'OK' if ratio <= GOAL else 'OVER GOAL'}"
    )
    from bench.results import record

    record(
        "a. Debrief tally (bench/debrief.py)",
        [
            f"{n} responses (~{size / 1024:.1f} KB of answers each): {ours_s:.3f} s; "
            f"floor (AES-GCM + JSON parse, in memory) {floor_s:.3f} s",
            f"ratio {ratio:.2f}x (goal <= {GOAL:.1f}x): {'OK' if ratio <= GOAL else 'OVER GOAL'}",
        ],
    )


if __name__ == "__main__":
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
    finally:
        teardown_databases(old, verbosity=0)
