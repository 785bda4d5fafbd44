"""What the load benchmarks share: a throwaway database, a seeded engagement, signed-in sessions, gunicorn.

Imported by bench/pages_load.py and bench/sync_load.py after ``django.setup()`` with the test settings.
The server runs production settings (``bench.site_settings``: DEBUG off, persistent connections) on the
same database and Redis as the script, with the script's secret and vault keys so that the sessions and
the sealed responses the script made are valid there.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.test.utils import setup_databases, setup_test_environment, teardown_databases

BASE_DIR = Path(__file__).resolve().parent.parent
SITES = ("Processing plant 1", "Processing plant 2", "Processing plant 3")
# nationality, currency of the fees, recruiters of that corridor (as bench/debrief.py seeds them)
CORRIDORS = (
    ("MM", "MMK", ("Recruiter in Yangon", "Subagent in Mawlamyine")),
    ("KH", "USD", ("Recruiter in Phnom Penh",)),
    ("LA", "THB", ("Recruiter in Vientiane",)),
)
GENDERS = ("woman", "man", "woman", "man", "another_designation", "prefer_not_to_disclose")
AGE_BANDS = ("18_24", "25_34", "25_34", "35_44", "45_54")


@contextmanager
def throwaway_database(name: str) -> Iterator[None]:
    """A fresh database named ``bench_<name>`` (a file under var/ on SQLite), dropped afterwards."""
    test = settings.DATABASES["default"].setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test["NAME"] = str(BASE_DIR / "var" / f"bench_{name}.sqlite3")
    else:
        test["NAME"] = f"bench_{name}"
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        yield
    finally:
        connection.close()
        teardown_databases(old, verbosity=0)


@dataclass
class Seeded:
    owner: Any
    lead: Any
    engagement: Any
    version: Any
    questions: list[Any]


def seed_engagement(n: int, *, rng: random.Random | None = None) -> Seeded:
    """An engagement with a published migrant-worker questionnaire and ``n`` sealed interviews."""
    from engagements.services.engagements import engagement_create
    from engagements.services.participants import participant_set
    from interviews.debrief.demo import sample_answers
    from interviews.questionnaires import services
    from interviews.questionnaires.answers import clean_answers
    from interviews.questionnaires.models import QuestionnaireTemplate
    from interviews.questionnaires.seed import templates_load
    from tenancy.models import OrgRole
    from tenancy.roles import EngagementRole
    from tenancy.services import membership_set, organisation_create
    from tests.factories import UserFactory
    from vault.crypto import Cipher
    from vault.envelope import data_key
    from vault.models import KeyPurpose, Respondent, Response
    from vault.records import seal_response

    rng = rng or random.Random(2026)
    owner = UserFactory(email="bench-owner@test.example", full_name="Test Owner")
    org = organisation_create(actor=owner, name="Test Bench Organisation", owner=owner)
    engagement = engagement_create(actor=owner, organisation=org, title="Test bench engagement")
    lead = UserFactory(email="bench-lead@test.example", full_name="Test Lead")
    membership_set(actor=owner, organisation=org, user=lead, role=OrgRole.MEMBER)
    participant_set(actor=owner, engagement=engagement, user=lead, role=EngagementRole.LEAD_ASSESSOR)
    templates_load()
    draft = services.questionnaire_copy_template(
        actor=lead, engagement=engagement, template=QuestionnaireTemplate.objects.get(key="migrant_worker")
    )
    version = services.version_publish(actor=lead, version=draft)
    questions = list(version.questions.order_by("position"))
    cipher = Cipher(data_key(engagement.pk, KeyPurpose.RESPONSES))
    for start in range(0, n, 2000):
        respondents, responses = [], []
        for index in range(start, min(n, start + 2000)):
            nationality, currency, recruiters = rng.choice(CORRIDORS)
            gender, age_band = rng.choice(GENDERS), rng.choice(AGE_BANDS)
            respondent = Respondent(
                engagement=engagement,
                pseudonym=f"R-B{index:07d}",
                recorded_by=lead,
                nationality=nationality,
                gender=gender,
                age_band=age_band,
                recruiter=rng.choice(recruiters),
                site=rng.choice(SITES),
            )
            answers = sample_answers(questions, rng, fixed={"gender": gender, "age_band": age_band}, currency=currency)
            response = Response(
                engagement=engagement, respondent=respondent, interviewer=lead, questionnaire_version=version
            )
            seal_response(response, clean_answers(questions, answers), cipher)
            respondents.append(respondent)
            responses.append(response)
        Respondent.objects.bulk_create(respondents)
        Response.objects.bulk_create(responses)
    return Seeded(owner=owner, lead=lead, engagement=engagement, version=version, questions=questions)


def settle() -> None:
    """What autovacuum soon does to a live database after a bulk load: fresh statistics and the visibility
    map (so that index-only scans, such as the debrief's fingerprint, run as they would in production)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def session_cookie(user: Any) -> str:
    """A ``Cookie`` header for a session signed in as ``user``, past two-factor sign-in if needed."""
    from django.test import Client

    from tenancy.access import reads_interview_data
    from tests.conftest import verify_session

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    if reads_interview_data(user):
        verify_session(client, user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env() -> dict[str, str]:
    """The environment of the gunicorn server: production settings on the script's database and keys."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{db['NAME']}"
    else:
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        url = f"postgres://{db['USER'] or ''}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.site_settings",
        "DATABASE_URL": url,
        "SECRET_KEY": settings.SECRET_KEY,
        "VAULT_MASTER_KEYS": settings.VAULT_MASTER_KEYS,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "STATIC_MANIFEST": "false",
    }
    for name in ("SECRET_KEY_FILE", "VAULT_MASTER_KEYS_FILE", "DEBUG_FILE", "ALLOWED_HOSTS_FILE", "DATABASE_URL_FILE"):
        env.pop(name, None)
    return env


@contextmanager
def gunicorn(workers: int, *, threads: int = 1, log: Path | None = None) -> Iterator[int]:
    """A gunicorn server on 127.0.0.1 (its port yielded), stopped afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "mapping_platform.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--threads", str(threads), "--log-level", "warning"]
    # --preload: the workers fork from a loaded application, so none spends the measurement importing Django.
    command += ["--timeout", "120", "--keep-alive", "30", "--preload"]
    out = open(log or os.devnull, "w")  # noqa: SIM115 - closed below, after the server
    server = subprocess.Popen(command, cwd=BASE_DIR, env=server_env(), stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _ = get(port, "/healthz/")
                if status == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start (see {log})")
            time.sleep(0.2)
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        out.close()


def get(port: int, path: str, cookie: str = "") -> tuple[int, bytes]:
    conn = HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def machine_cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
