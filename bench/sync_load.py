"""Sync under load: a day's outbox from one tablet, then 200 interviewers submitting at once (issue 8, 1c).

Run: make bench (or .venv/bin/python bench/sync_load.py [INTERVIEWERS] [RECORDS_EACH]). Throwaway database
bench_sync_load on whatever DATABASE_URL names (SQLite when unset); gunicorn on 127.0.0.1 with production
settings. Records are v2 sync payloads (PUT /api/v1/engagements/<id>/records/<uuid>/) answering the
published migrant-worker questionnaire along its skip logic, each from a signed-in interviewer's session.

1. One interviewer's outbox of 60 interviews, sent one after the other (as the tablet does on Wi-Fi).
2. INTERVIEWERS (default 200) interviewers at once, each sending RECORDS_EACH (default 5) records and then
   its first record again (the retry of a tablet that never saw the answer).
Both against the same server's one-query view fetched the same way (baseline). Checks: every new record
answered 201 and every retry 200 "duplicate", no other status; afterwards exactly one synced record, one
respondent and one response per record (none lost, none doubled).
"""

from __future__ import annotations

import os
import random
import sys
import threading
import time
import uuid
from collections import Counter
from http.client import HTTPConnection
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mapping_platform.settings_test")

import django

django.setup()

import orjson  # noqa: E402

from bench import harness  # noqa: E402
from bench.results import record  # noqa: E402

OUTBOX = 60


def make_payload(seeded: harness.Seeded, rng: random.Random, n: int) -> bytes:
    """A record as a tablet sends it: consent, demographics, answers along the skip logic."""
    from interviews.debrief.demo import sample_answers

    nationality, currency, recruiters = rng.choice(harness.CORRIDORS)
    fixed = {"gender": rng.choice(harness.GENDERS), "age_band": rng.choice(harness.AGE_BANDS)}
    return orjson.dumps(
        {
            "questionnaire_version": str(seeded.version.pk),
            "kind": "worker",
            "consent": {
                "kind": rng.choice(["verbal", "written"]),
                "witnessed_by": "Test Witness",
                "given_on": "2026-11-20",
                "language": rng.choice(["Burmese", "Khmer", "Lao"]),
                "use_in_report": True,
                "anonymous_quotes": False,
                "share_with_third_party": False,
                "third_party": "",
                "follow_up_calls": False,
            },
            "demographics": {
                "nationality": nationality,
                "recruiter": rng.choice(recruiters),
                "recruitment_year": rng.randint(2018, 2026),
            },
            "answers": sample_answers(seeded.questions, rng, fixed=fixed, currency=currency)
            | {"anything_else": f"Test interview {n}"},
        }
    )


def interviewers(seeded: harness.Seeded, count: int) -> list[Any]:
    from engagements.services.participants import participant_set
    from tenancy.roles import EngagementRole, OrgRole
    from tenancy.services import membership_set
    from tests.factories import UserFactory

    made = []
    for index in range(count):
        user = UserFactory(email=f"bench-interviewer{index}@test.example", full_name=f"Test Interviewer {index}")
        membership_set(actor=seeded.owner, organisation=seeded.engagement.organisation, user=user, role=OrgRole.MEMBER)
        participant_set(actor=seeded.owner, engagement=seeded.engagement, user=user, role=EngagementRole.INTERVIEWER)
        made.append(user)
    return made


def headers_for(user: Any) -> dict[str, str]:
    """A signed-in, two-factor-verified session and a CSRF token, as the tablet's web app holds them."""
    from django.middleware.csrf import _get_new_csrf_string

    token = _get_new_csrf_string()
    return {
        "Cookie": f"{harness.session_cookie(user)}; csrftoken={token}",
        "X-CSRFToken": token,
        "Content-Type": "application/json",
    }


def send(port: int, jobs: list[tuple[str, str, bytes | None, dict[str, str]]]) -> list[tuple[int, bytes]]:
    """Requests one after the other on one connection (reopened when the server closes it)."""
    conn = HTTPConnection("127.0.0.1", port, timeout=120)
    answers = []
    for method, path, body, headers in jobs:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        answers.append((response.status, response.read()))
    conn.close()
    return answers


def at_once(port: int, batches: list[list[tuple[str, str, bytes | None, dict[str, str]]]]) -> tuple[float, list]:
    """Each batch on its own thread, all released together; seconds until the last answer, and the answers."""
    results: list[list[tuple[int, bytes]]] = [[] for _ in batches]
    gate = threading.Barrier(len(batches) + 1)

    def run(index: int) -> None:
        gate.wait()
        results[index] = send(port, batches[index])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(batches))]
    for thread in threads:
        thread.start()
    gate.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, results


def main(count: int, each: int) -> int:
    from interviews.fieldwork.models import SyncedRecord
    from vault.models import Respondent, Response

    rng = random.Random(2026)
    seeded = harness.seed_engagement(0, rng=rng)
    people = interviewers(seeded, count)
    headers = [headers_for(user) for user in people]
    base = f"/api/v1/engagements/{seeded.engagement.pk}/records/"

    def put(n: int, who: int) -> tuple[str, str, bytes, dict[str, str]]:
        return (
            "PUT",
            f"{base}{uuid.UUID(int=rng.getrandbits(128), version=4)}/",
            make_payload(seeded, rng, n),
            headers[who],
        )

    outbox = [put(n, 0) for n in range(OUTBOX)]
    crowd = [[put(OUTBOX + who * each + k, who) for k in range(each)] for who in range(count)]
    for jobs in crowd:
        jobs.append(jobs[0])  # the retry
    one_query = ("GET", "/bench/one-query/", None, {})
    statuses: Counter = Counter()
    workers = 2 * harness.machine_cpus() + 1
    log = harness.BASE_DIR / "var" / "bench_sync_load.gunicorn.log"
    with harness.gunicorn(workers, log=log) as port:
        at_once(port, [[one_query] * 5 for _ in range(workers * 2)])  # every worker warm
        # 1. A day's outbox, one record after the other, against as many one-query requests.
        start = time.perf_counter()
        send(port, [one_query] * OUTBOX)
        base_one = time.perf_counter() - start
        start = time.perf_counter()
        answers = send(port, outbox)
        outbox_s = time.perf_counter() - start
        statuses.update(("outbox", status) for status, _ in answers)
        # 2. Everyone at once, against everyone fetching the one-query view as many times.
        base_all, _ = at_once(port, [[one_query] * (each + 1) for _ in range(count)])
        crowd_s, results = at_once(port, crowd)
        for answers in results:
            statuses.update(("new", status) for status, _ in answers[:-1])
            retry_status, retry_body = answers[-1]
            duplicate = retry_status == 200 and orjson.loads(retry_body).get("status") == "duplicate"
            statuses[("retry", 200 if duplicate else retry_status)] += 1
    unexpected = {key: n for key, n in statuses.items() if key[1] != (200 if key[0] == "retry" else 201)}
    for (kind, status), n in sorted(unexpected.items()):
        sample = next((b for r in results for s, b in r if s == status), b"")[:300]
        print(f"unexpected: {n} x {status} ({kind}); e.g. {sample!r}; server log: {log}")

    stored = OUTBOX + count * each
    engagement = seeded.engagement
    counts = {
        "synced records": SyncedRecord.objects.filter(engagement=engagement).count(),
        "respondents": Respondent.objects.filter(engagement=engagement).count(),
        "responses": Response.objects.filter(engagement=engagement).count(),
        "responses per synced record (max)": max(
            Counter(SyncedRecord.objects.filter(engagement=engagement).values_list("response_id", flat=True)).values(),
            default=0,
        ),
    }
    intact = all(counts[name] == stored for name in ("synced records", "respondents", "responses"))
    intact &= counts["responses per synced record (max)"] == 1
    crowd_n = count * (each + 1)
    lines = [
        f"gunicorn {workers} sync workers on 127.0.0.1, production settings; payloads ~"
        f"{sum(len(job[2]) for job in outbox) // OUTBOX // 1024} KB (migrant-worker questionnaire)",
        f"a day's outbox, {OUTBOX} interviews one after the other: {outbox_s:.2f} s, "
        f"{OUTBOX / outbox_s:.1f} records/s, {1000 * outbox_s / OUTBOX:.0f} ms a record; "
        f"baseline one-query view {1000 * base_one / OUTBOX:.1f} ms a request; "
        f"ratio {outbox_s / base_one:.1f}x the baseline's time",
        f"{count} interviewers at once, {each} records each plus one retry ({crowd_n} requests): {crowd_s:.2f} s, "
        f"{count * each / crowd_s:.1f} new records/s; baseline {crowd_n} one-query requests the same way: "
        f"{base_all:.2f} s; ratio {crowd_s / base_all:.1f}x the baseline's time",
        f"answers: {dict(sorted((f'{k} {s}', n) for (k, s), n in statuses.items()))}; "
        f"{'no errors' if not unexpected else 'ERRORS'}",
        f"afterwards: {counts}; expected {stored} each: {'OK, none lost, none doubled' if intact else 'FAILED'}",
    ]
    for line in lines:
        print(line)
    record("c. Sync (bench/sync_load.py)", lines)
    return 0 if intact and not unexpected else 1


if __name__ == "__main__":
    with harness.throwaway_database("sync_load"):
        code = main(
            int(sys.argv[1]) if len(sys.argv) > 1 else 200,
            int(sys.argv[2]) if len(sys.argv) > 2 else 5,
        )
    sys.exit(code)
