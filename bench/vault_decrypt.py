"""Decrypting every response of one engagement, against the bare AES-GCM + JSON-parse floor.

Run: make bench (or .venv/bin/python bench/vault_decrypt.py [N]). Uses a throwaway test
database on whatever DATABASE_URL names (SQLite when unset). Prints the ratio; goal <= 2x.
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
WORDS = (
    "recruiter agent fee paid loan village passport contract wage overtime dormitory supervisor "
    "broker transport medical training deduction salary month debt family visa employer border "
    "document"
).split()


def realistic_answers(rng: random.Random) -> dict[str, object]:
    """A questionnaire's worth of answers (~4 KB of JSON): choices, numbers, short texts, notes."""
    answers: dict[str, object] = {}
    for q in range(1, 101):
        kind = q % 4
        if kind == 0:
            answers[f"q{q:03d}"] = rng.choice(["yes", "no", "unsure", "prefer_not_to_say"])
        elif kind == 1:
            answers[f"q{q:03d}"] = rng.randint(0, 2_000_000)
        elif kind == 2:
            answers[f"q{q:03d}"] = " ".join(rng.choices(WORDS, k=rng.randint(2, 6)))
        else:
            answers[f"q{q:03d}"] = rng.sample(["MMK", "THB", "USD", "KHR"], k=2)
    answers["notes"] = " ".join(rng.choices(WORDS, k=110))
    return answers


def main(n: int) -> None:
    from engagements.services.engagements import engagement_create
    from tenancy.services import organisation_create
    from tests.factories import UserFactory
    from tests.vault_helpers import interview
    from vault.crypto import Cipher
    from vault.envelope import data_key
    from vault.models import KeyPurpose, Response
    from vault.records import iter_engagement_answers, response_aad, seal_response

    user = UserFactory(email="bench@test.example")
    org = organisation_create(actor=user, name="Bench organisation", owner=user)
    engagement = engagement_create(actor=user, organisation=org, title="Bench engagement")
    respondent = interview(user, engagement)
    key = data_key(engagement.pk, KeyPurpose.RESPONSES)
    cipher = Cipher(key)
    batch = []
    rng = random.Random(2026)
    for _ in range(n - 1):
        response = Response(engagement=engagement, respondent=respondent, interviewer=user)
        seal_response(response, realistic_answers(rng), cipher)
        batch.append(response)
    Response.objects.bulk_create(batch, batch_size=2000)

    rows = [
        (pk, bytes(blob)) for pk, blob in Response.objects.filter(engagement=engagement).values_list("id", "ciphertext")
    ]
    suffix = f":{engagement.pk}".encode()

    def floor() -> None:
        aead = Cipher(key)
        for pk, blob in rows:
            orjson.loads(aead.decrypt(blob, b"response:" + str(pk).encode() + suffix))

    def ours() -> None:
        assert sum(1 for _ in iter_engagement_answers(engagement.pk)) == n

    assert response_aad(rows[0][0], engagement.pk) == b"response:" + str(rows[0][0]).encode() + suffix
    from bench.results import interleaved

    floor_s, ours_s = interleaved(5, floor, ours)
    ratio = ours_s / floor_s
    print(
        f"vault decrypt of {n} responses: {ours_s:.3f} s; floor (AES-GCM + JSON parse, in memory): "
        f"{floor_s:.3f} s; ratio {ratio:.2f}x (goal <= {GOAL:.1f}x) {'OK' if ratio <= GOAL else 'OVER GOAL'}"
    )
    from bench.results import record

    record(
        "a. Decrypt all responses (bench/vault_decrypt.py)",
        [
            f"{n} responses: {ours_s:.3f} s; floor (AES-GCM + JSON parse, in memory) {floor_s:.3f} s",
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
