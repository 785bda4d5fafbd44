"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

See /work/shared/design/environment.md, "Browser tests".
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; without this, ORM calls in the
# tests raise SynchronousOnlyOperation.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

E2E_DIR = Path(__file__).resolve().parent
SCREENSHOTS = E2E_DIR.parents[1] / "test-results" / "screenshots"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/e2e (and only those) as `e2e`."""
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Use Debian's Chromium: `playwright install` cannot download a browser here."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@dataclass(frozen=True)
class Demo:
    engagement: object  # engagements.models.Engagement
    organisation: object  # tenancy.models.Organisation
    password: str


@pytest.fixture
def demo(transactional_db) -> Demo:
    """The demo data (committed, so the live server thread sees it)."""
    from engagements.demo import DEMO_ORG, DEMO_PASSWORD, DEMO_TITLE, seed_demo
    from engagements.models import Engagement
    from tenancy.models import Organisation

    restore_or_seed_demo(seed_demo)
    organisation = Organisation.objects.get(name=DEMO_ORG)
    engagement = Engagement.objects.get(organisation=organisation, title=DEMO_TITLE)
    return Demo(engagement=engagement, organisation=organisation, password=DEMO_PASSWORD)


_SNAPSHOT_SCHEMA = "e2e_demo_snapshot"
_snapshot_taken = False  # per test process: each xdist worker has its own database


def restore_or_seed_demo(seed_demo) -> None:
    """Seed the demo once per test process, then copy the same rows back for each later test.

    Seeding takes seconds (key wrapping, encryption, every phase's seeder) and ran before each of some forty
    browser tests. On PostgreSQL the first seeding is copied into a side schema that Django's flush does not
    touch; later tests get the rows back table by table, with sequences and the cache reset, so every test
    still starts from exactly the demo. Elsewhere it seeds every time.
    """
    global _snapshot_taken
    from django.core.cache import cache
    from django.db import connection

    if connection.vendor != "postgresql":
        seed_demo()
        return
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    quoted = [connection.ops.quote_name(table) for table in tables]
    with connection.cursor() as cursor:
        if not _snapshot_taken:
            seed_demo()
            cursor.execute(f"DROP SCHEMA IF EXISTS {_SNAPSHOT_SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {_SNAPSHOT_SCHEMA}")
            for table in quoted:
                cursor.execute(f"CREATE TABLE {_SNAPSHOT_SCHEMA}.{table} AS TABLE public.{table}")
            _snapshot_taken = True
            return
        # Foreign keys and triggers are off while copying (the rows were consistent when taken).
        cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute(f"TRUNCATE {', '.join(f'public.{t}' for t in quoted)}")
            for table in quoted:
                cursor.execute(f"INSERT INTO public.{table} SELECT * FROM {_SNAPSHOT_SCHEMA}.{table}")
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute(_sequence_reset_sql(connection))
    cache.clear()


def _sequence_reset_sql(connection) -> str:
    from django.apps import apps
    from django.core.management.color import no_style

    return "\n".join(connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)))


def login(page, live_server, email: str) -> None:
    """Sign in through the real login form (real authenticate(), so axes sees it); ends on the dashboard.

    People who can read interview data are given an authenticator app here (not in the demo data),
    and the helper passes two-factor sign-in with the code it would show.
    """
    from accounts.models import User
    from engagements.demo import DEMO_PASSWORD
    from tenancy.access import reads_interview_data
    from tests.conftest import confirmed_totp_device, totp_code

    user = User.objects.get(email=email)
    device = confirmed_totp_device(user) if reads_interview_data(user) else None

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "/accounts/login/" not in page.url, f"login as {email} failed: still on {page.url}"
    if device is not None:
        assert "/accounts/mfa/verify/" in page.url, f"login as {email}: no two-factor step ({page.url})"
        page.fill("input[name=code]", totp_code(device))
        with page.expect_navigation():
            page.click("main button[type=submit]")
        assert "/accounts/mfa/" not in page.url, f"two-factor sign-in as {email} failed: still on {page.url}"


@pytest.fixture(name="login")
def login_fixture():
    """The `login(page, live_server, email)` helper as a fixture: tests/e2e has no __init__.py, so test modules
    cannot reliably import it from this conftest."""
    return login
