"""The dashboard, findings and debrief pages under load, against a bare one-query Django view (issue 8, 1b).

Run: make bench (or .venv/bin/python bench/pages_load.py [N] [SECONDS]). Seeds a throwaway database
(bench_pages_load, on whatever DATABASE_URL names; SQLite when unset) with an engagement of N interviews
(default 20,000) and five findings with their figures, starts gunicorn on 127.0.0.1 with production settings
(REDIS_URL, when set, is the cache, as in production), and loads each page for SECONDS (default 10) with wrk
(or, without wrk, a small keep-alive load generator in Python threads), signed in as the lead assessor.
The baseline is a view making one query, on the same server, through the same middleware. Prints requests/s
and p99 latency per page and the ratio to the baseline; goal >= 0.5x.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from http.client import HTTPConnection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mapping_platform.settings_test")

import django

django.setup()

from bench import harness  # noqa: E402
from bench.results import record  # noqa: E402

GOAL = 0.5
CONNECTIONS = 8


def seed_findings(seeded: harness.Seeded) -> None:
    """The demo's five findings (two released), with the figures the analysis gives on these interviews."""
    from findings.demo import CONTRACTS, CURFEW, DEDUCTIONS, FEES, PASSPORTS, _figures
    from findings.services.findings import finding_create, finding_release, source_add

    engagement, lead = seeded.engagement, seeded.lead
    figures = {
        "passports": _figures(engagement, "retention_of_identity_documents", "nationality"),
        "fees": _figures(engagement, "b_rd_worker_paid_fees", "gender"),
        "deductions": _figures(engagement, "b_em_deductions_savings", "site"),
    }
    made = [
        finding_create(actor=lead, engagement=engagement, **PASSPORTS, **figures["passports"]),
        finding_create(actor=lead, engagement=engagement, **FEES, **figures["fees"]),
        finding_create(actor=lead, engagement=engagement, **DEDUCTIONS, **figures["deductions"]),
        finding_create(actor=lead, engagement=engagement, **CURFEW),
        finding_create(actor=lead, engagement=engagement, **CONTRACTS),
    ]
    for finding in made:
        source_add(actor=lead, finding=finding, kind="worker_interviews", stance="agrees", reference=None, note="")
    for finding in made[:2]:
        finding_release(actor=lead, finding=finding)


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def load_wrk(port: int, path: str, cookie: str, seconds: int) -> tuple[float, float, int]:
    """requests/s, p99 in ms, and the number of non-2xx/3xx answers, from wrk."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "30s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out.stdout).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", out.stdout, re.MULTILINE)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out.stdout)
    socket_errors = re.search(r"Socket errors:.*", out.stdout)
    if socket_errors:
        print(f"  wrk: {socket_errors.group(0)}")
    return rate, _ms(*p99.groups()) if p99 else float("nan"), int(errors.group(1)) if errors else 0  # type: ignore[union-attr]


def load_python(port: int, path: str, cookie: str, seconds: int) -> tuple[float, float, int]:
    """The same as load_wrk, from keep-alive connections in threads (when wrk is not installed)."""
    latencies: list[float] = []
    errors = [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def worker() -> None:
        conn = HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad = [], 0
        while time.monotonic() < stop:
            start = time.perf_counter()
            conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
            bad += response.status >= 400
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] * 1000 if latencies else float("nan")
    return len(latencies) / elapsed, p99, errors[0]


def main(n: int, seconds: int) -> int:
    began = time.perf_counter()
    seeded = harness.seed_engagement(n)
    seed_findings(seeded)
    harness.settle()
    print(f"seeded {n} interviews and 5 findings in {time.perf_counter() - began:.0f} s")
    cookie = harness.session_cookie(seeded.lead)
    pk = seeded.engagement.pk
    pages = [
        ("baseline: one-query view", "/bench/one-query/", ""),
        ("dashboard (engagements)", "/engagements/", cookie),
        ("engagement dashboard", f"/engagements/{pk}/", cookie),
        ("findings list", f"/engagements/{pk}/findings/", cookie),
        ("debrief", f"/engagements/{pk}/debrief/", cookie),
    ]
    load = load_wrk if shutil.which("wrk") else load_python
    tool = "wrk" if load is load_wrk else "Python keep-alive threads"
    workers = 2 * harness.machine_cpus() + 1
    figures: dict[str, tuple[float, float, int]] = {}
    log = harness.BASE_DIR / "var" / "bench_pages_load.gunicorn.log"
    with harness.gunicorn(workers, log=log) as port:
        for name, path, with_cookie in pages:
            # Every page is checked to be the real page (not a redirect to sign-in) and warmed up:
            # the first debrief request computes the tally, then each worker's next ones find it cached.
            start = time.perf_counter()
            status, _body = harness.get(port, path, with_cookie)
            first = time.perf_counter() - start
            if status != 200:
                print(f"{name}: {path} answered {status}; see {log}")
                return 1
            start = time.perf_counter()
            harness.get(port, path, with_cookie)
            second = time.perf_counter() - start
            load(port, path, with_cookie, 2)
            figures[name] = load(port, path, with_cookie, seconds)
            rate, p99, errors = figures[name]
            print(
                f"{name}: {rate:.1f} req/s, p99 {p99:.1f} ms, errors {errors} "
                f"(alone: first request {first * 1000:.0f} ms, second {second * 1000:.0f} ms)"
            )
    baseline = figures[pages[0][0]][0]
    lines = [
        f"{n} interviews, 5 findings; gunicorn {workers} sync workers on 127.0.0.1, production settings, "
        f"{'Redis' if os.environ.get('REDIS_URL') else 'local-memory'} cache; {tool}, {CONNECTIONS} connections, "
        f"{seconds} s a page, signed in as the lead assessor",
    ]
    for name, _path, _cookie in pages:
        rate, p99, errors = figures[name]
        if name == pages[0][0]:
            lines.append(f"{name}: {rate:.1f} req/s, p99 {p99:.1f} ms (the baseline)")
            continue
        ratio = rate / baseline
        good = ratio >= GOAL and errors == 0
        lines.append(
            f"{name}: {rate:.1f} req/s, p99 {p99:.1f} ms, errors {errors}; ratio {ratio:.2f}x "
            f"(goal >= {GOAL}x): {'OK' if good else 'UNDER GOAL'}"
        )
    for line in lines:
        print(line)
    record("b. Pages under load (bench/pages_load.py)", lines)
    return 0 if all(errors == 0 for _, _, errors in figures.values()) else 1


if __name__ == "__main__":
    with harness.throwaway_database("pages_load"):
        code = main(
            int(sys.argv[1]) if len(sys.argv) > 1 else 20_000,
            int(sys.argv[2]) if len(sys.argv) > 2 else 10,
        )
    sys.exit(code)
