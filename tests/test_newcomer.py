"""A newcomer's first minutes (issue 8): a clean clone of the committed tree, the README's two commands.

The clone is of HEAD, so this checks what a newcomer gets, not the working tree. `make run` is run as the
Makefile writes it (read back with `make -n`), with two substitutions a test needs:
- VENV is the project's existing .venv (and STAMP a file in the clone's tmp dir): creating a fresh venv
  downloads and installs every requirement, about two minutes, which the bound of this test (below) cannot afford;
  the Makefile's own reuse branch ("Using existing ...") is what runs, so that path is still exercised.
- the server listens on a free port rather than 8000, which a developer's own `make run` may hold.
No DATABASE_URL, no REDIS_URL: the clone runs on its own SQLite file with eager tasks, as the README says.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
# The work a newcomer waits for (clone, migrate, seed, serve, sign in) must stay under a minute of CPU. It is
# measured as CPU time rather than wall time because CI's two cores are shared with the other test process,
# which can stretch the wall time several-fold; the wall clock only has a hard ceiling, so the test cannot hang.
CPU_BOUND = 60
WALL_CEILING = 180


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _clean_env() -> dict[str, str]:
    """The newcomer's shell: none of the project's test or service settings."""
    drop = {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "CELERY_WORKER_TESTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("PYTEST_")}
    env.pop("DEBUG", None)  # `make run` sets DEBUG=true itself
    return env


def _run_recipe(clone: Path, venv_args: list[str]) -> str:
    """`make run`'s recipe as the Makefile has it (dry run), for the setup steps and the server."""
    dry = subprocess.run(
        ["make", "-n", "--no-print-directory", "run", *venv_args],
        cwd=clone,
        capture_output=True,
        text=True,
        check=True,
        timeout=10,
        env=_clean_env(),
    ).stdout
    # The last recipe is run's own (the first is the venv's, which the test ran for real already).
    run_recipe = dry[dry.rindex("set -euo pipefail") :]
    assert "manage.py migrate" in run_recipe and "manage.py seed_demo" in run_recipe, run_recipe
    assert "runserver 127.0.0.1:8000" in run_recipe, run_recipe
    return run_recipe


def _sign_in(base: str, email: str, password: str) -> str:
    """Sign in through the login form; returns the path the browser is sent to next."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": email, "password": password})
    request = urllib.request.Request(f"{base}/accounts/login/", data=data.encode(), headers={"Referer": base})
    response = opener.open(request, timeout=10)
    return urllib.parse.urlparse(response.url).path


def _wait_for(url: str, deadline: float, server: subprocess.Popen, log: Path) -> str:
    while time.monotonic() < deadline:
        assert server.poll() is None, f"`make run` stopped:\n{log.read_text()[-3000:]}"
        try:
            return urllib.request.urlopen(url, timeout=2).read().decode()
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within the bound; `make run` said:\n{log.read_text()[-3000:]}")


def test_a_clean_clone_follows_the_readme(tmp_path: Path) -> None:
    start = time.monotonic()
    deadline = start + WALL_CEILING
    cpu_before = _children_cpu()
    for tool in ("git", "make"):
        assert shutil.which(tool), f"{tool} is needed (CI has it)"
    # The Makefile would replace a venv whose Python is too old: never let it touch the project's.
    assert (
        subprocess.run([VENV / "bin" / "python", "-c", "import sys; assert sys.version_info >= (3, 12)"]).returncode
        == 0
    )

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{ROOT}", clone], check=True, timeout=30)
    readme = (clone / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    assert not (clone / "db.sqlite3").exists() and not (clone / ".venv").exists()

    venv_args = [f"VENV={VENV}", f"STAMP={tmp_path / 'venv-installed'}"]
    made = subprocess.run(
        ["make", "--no-print-directory", "venv", *venv_args],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=30,
        env=_clean_env(),
    )
    assert made.returncode == 0, made.stderr
    assert f"Using existing {VENV}" in made.stdout

    port = _free_port()
    recipe = _run_recipe(clone, venv_args).replace("127.0.0.1:8000", f"127.0.0.1:{port} --noreload")
    log = tmp_path / "make-run.log"
    with log.open("w") as out:
        # Own session: the whole group this test started is stopped at the end, and nothing else.
        server = subprocess.Popen(
            ["bash", "-c", recipe],
            cwd=clone,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=_clean_env(),
            start_new_session=True,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        login_page = _wait_for(f"{base}/accounts/login/", deadline, server, log)
        assert 'name="password"' in login_page
        printed = log.read_text()
        assert "demo-mapping-2026" in printed, printed[-2000:]  # the demo logins are printed
        assert (clone / "db.sqlite3").exists()  # SQLite, no DATABASE_URL needed

        from engagements.demo import DEMO_PASSWORD, PEOPLE

        for email, *_rest in PEOPLE:
            assert email in printed, f"{email} is not among the printed logins"
        # Sign-in works; who reads interview data is sent on to set up two-factor sign-in.
        assert _sign_in(base, "business@demo.example", DEMO_PASSWORD) == "/engagements/"
        assert _sign_in(base, "workerrep@demo.example", DEMO_PASSWORD) == "/engagements/"
        assert _sign_in(base, "lead@demo.example", DEMO_PASSWORD).startswith("/accounts/mfa/")
        assert _sign_in(base, "business@demo.example", "not-the-password") == "/accounts/login/"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)
    cpu = _children_cpu() - cpu_before
    assert cpu < CPU_BOUND, f"the newcomer's first start took {cpu:.0f} s of CPU ({time.monotonic() - start:.0f} s)"
