"""The time to lay out a report of about 100 pages with WeasyPrint, against headless Chromium printing the same HTML.

Run: make bench (or .venv/bin/python bench/report_render.py [LANGUAGES]). Uses a throwaway test database on
whatever DATABASE_URL names (SQLite when unset), with the demo engagement seeded. The HTML is the demo's full
report, team copy (every figure, every finding), in enough languages to pass 100 pages (default en,my,km:
one part per language). Both engines get the same HTML and the same stylesheet; Chromium (Debian's, through
Playwright) prints it with page.pdf(). Measured: HTML in, PDF bytes out, best of 3 each, taken in turn.
Prints pages, times and the ratio (goal <= 1.5x), and records them in bench/results.md.

Wall time is the figure; CPU time is printed beside it, because on a shared machine wall time swings with
the load: WeasyPrint's is this process's, Chromium's is that of the browser's and Playwright's processes
(this process's descendants, read from /proc). WeasyPrint's time is split into render (parse, cascade,
layout) and write (drawing, font subsetting, compression) to show where it goes.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mapping_platform.settings_test")

import django

django.setup()

from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402

GOAL = 1.5
RUNS = 3
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SECTION = "d. Report PDF (bench/report_render.py)"


def descendants_cpu() -> float:
    """CPU seconds used so far by this process's descendants (Chromium, Playwright's driver), alive or reaped."""
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        # After the name: state, ppid, ...; utime, stime, cutime, cstime are fields 14-17 of stat.
        parents[int(entry.name)] = int(fields[1])
        used[int(entry.name)] = sum(int(value) for value in fields[11:15]) / tick
    me, total = os.getpid(), 0.0
    for pid, seconds in used.items():
        ancestor = parents.get(pid)
        while ancestor and ancestor != me:
            ancestor = parents.get(ancestor)
        if ancestor == me:
            total += seconds
    return total


def report_html(languages: list[str]) -> str:
    from accounts.models import User
    from engagements.demo import DEMO_TITLE, seed_demo
    from engagements.models import Engagement
    from findings.reports.build import render_html
    from findings.reports.models import Audience, ReportKind, ReportRendering

    seed_demo()
    engagement = Engagement.objects.get(title=DEMO_TITLE)
    rendering = ReportRendering(
        engagement=engagement,
        kind=ReportKind.FULL,
        audience=Audience.TEAM,
        languages=languages,
        number=1,
        requested_by=User.objects.get(email="lead@demo.example"),
    )
    return render_html(rendering, lambda percent, stage: None)


def main(languages: list[str]) -> None:
    import logging

    from playwright.sync_api import sync_playwright
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from findings.reports.build import stylesheet

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    html = report_html(languages)
    css = stylesheet()
    with_style = html.replace("</head>", f"<style>{css}</style></head>", 1)
    results: dict[str, tuple[float, int]] = {}
    split: dict[str, float] = {}

    def weasy() -> None:
        fonts = FontConfiguration()
        start = time.process_time()
        document = HTML(string=html).render(stylesheets=[CSS(string=css, font_config=fonts)], font_config=fonts)
        rendered = time.process_time()
        document.write_pdf()
        if not split or rendered - start + time.process_time() - rendered < sum(split.values()):
            split.update(render=rendered - start, write=time.process_time() - rendered)
        results["weasyprint"] = (0.0, len(document.pages))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()

        def chromium() -> None:
            page.set_content(with_style, wait_until="load")
            pdf = page.pdf(prefer_css_page_size=True, print_background=True)
            results["chromium"] = (0.0, pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages"))

        best = {"weasyprint": float("inf"), "chromium": float("inf")}
        cpu = {"weasyprint": float("inf"), "chromium": float("inf")}
        clocks = {"weasyprint": time.process_time, "chromium": descendants_cpu}
        for _ in range(RUNS):
            for name, run in (("weasyprint", weasy), ("chromium", chromium)):
                start, cpu_start = time.perf_counter(), clocks[name]()
                run()
                best[name] = min(best[name], time.perf_counter() - start)
                cpu[name] = min(cpu[name], clocks[name]() - cpu_start)
        browser.close()

    pages = results["weasyprint"][1]
    ratio = best["weasyprint"] / best["chromium"]
    cpu_ratio = cpu["weasyprint"] / cpu["chromium"] if cpu["chromium"] > 0 else float("inf")
    per_page = 1000 * best["weasyprint"] / pages
    lines = [
        f"report: full, team copy, languages {','.join(languages)}: {len(html) // 1024} kB of HTML; best of {RUNS}",
        f"weasyprint: {pages} pages in {best['weasyprint']:.2f} s ({per_page:.0f} ms a page), "
        f"CPU {cpu['weasyprint']:.2f} s (render {split['render']:.2f} s, write {split['write']:.2f} s)",
        f"chromium (baseline): {results['chromium'][1]} pages in {best['chromium']:.2f} s, CPU {cpu['chromium']:.2f} s",
        f"ratio weasyprint / chromium: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU "
        f"(goal <= {GOAL}x): {'OK' if ratio <= GOAL else 'OVER GOAL'}",
    ]
    print("\n".join(lines))
    from bench.results import record

    record(SECTION, lines)


if __name__ == "__main__":
    chosen = (sys.argv[1] if len(sys.argv) > 1 else "en,my,km").split(",")
    setup_test_environment()
    config = setup_databases(verbosity=0, interactive=False)
    try:
        main(chosen)
    finally:
        teardown_databases(config, verbosity=0)
