"""The time to lay out a report of about 100 pages with WeasyPrint, against headless Chromium printing the same HTML.

Run: make bench (or .venv/bin/python bench/report_render.py [LANGUAGES]). Uses a throwaway test database on
whatever DATABASE_URL names (SQLite when unset), with the demo engagement seeded. The HTML is the demo's full
report, team copy (every figure, every finding), in enough languages to pass 100 pages (default en,my,km:
one part per language). Both engines get the same HTML and the same stylesheet; Chromium (Debian's, through
Playwright) prints it with page.pdf(). Measured: HTML in, PDF bytes out, best of 3 each, taken in turn.
Prints pages, times and the ratio; goal <= 1.5x.
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

    def weasy() -> None:
        fonts = FontConfiguration()
        document = HTML(string=html).render(stylesheets=[CSS(string=css, font_config=fonts)], font_config=fonts)
        document.write_pdf()
        results["weasyprint"] = (0.0, len(document.pages))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()

        def chromium() -> None:
            page.set_content(with_style, wait_until="load")
            pdf = page.pdf(prefer_css_page_size=True, print_background=True)
            results["chromium"] = (0.0, pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages"))

        best = {"weasyprint": float("inf"), "chromium": float("inf")}
        for _ in range(RUNS):
            for name, run in (("weasyprint", weasy), ("chromium", chromium)):
                start = time.perf_counter()
                run()
                best[name] = min(best[name], time.perf_counter() - start)
        browser.close()

    pages = results["weasyprint"][1]
    ratio = best["weasyprint"] / best["chromium"]
    print(f"report: full, team copy, languages {','.join(languages)}: {len(html) // 1024} kB of HTML")
    per_page = 1000 * best["weasyprint"] / pages
    print(f"weasyprint: {pages} pages in {best['weasyprint']:.2f} s ({per_page:.0f} ms a page)")
    print(f"chromium:   {results['chromium'][1]} pages in {best['chromium']:.2f} s")
    print(f"ratio weasyprint / chromium: {ratio:.2f}x (goal <= {GOAL}x) {'OK' if ratio <= GOAL else 'OVER'}")


if __name__ == "__main__":
    chosen = (sys.argv[1] if len(sys.argv) > 1 else "en,my,km").split(",")
    setup_test_environment()
    config = setup_databases(verbosity=0, interactive=False)
    try:
        main(chosen)
    finally:
        teardown_databases(config, verbosity=0)
