"""From a rendering's row to PDF bytes: gather, write the HTML, lay it out with WeasyPrint.

Runs in a Celery worker only (``tasks.render_report``), never inside a request. The HTML fetches
nothing: the stylesheet is read from ``static/reports/report.css`` and passed in, charts and the map are
inline SVG, and the URL fetcher refuses everything but ``data:`` URIs, so no text in a report can make
the worker reach a server or read a file. Fonts come from the system (fontconfig): the stylesheet names
the Noto families of the workers' scripts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from findings.reports.content import report_context
from findings.reports.languages import default_codes
from findings.reports.models import RenderingStage, ReportKind, ReportRendering

TEMPLATES = {
    ReportKind.FULL: "reports/pdf/full.html",
    ReportKind.PRELIMINARY: "reports/pdf/preliminary.html",
}
DOCUMENT = "reports/pdf/document.html"
STYLESHEET = "reports/report.css"

# Share of the progress bar per stage: gathering and writing each language, then layout, then the file.
GATHER_UNTIL = 50
LAYOUT_FROM = 55
WRITE_FROM = 90

ProgressCallback = Callable[[int, str], None]

# WeasyPrint logs every page it lays out at INFO: the worker's log would drown in it.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@cache
def stylesheet() -> str:
    found = finders.find(STYLESHEET) or str(Path(settings.BASE_DIR) / "static" / STYLESHEET)
    return Path(str(found)).read_text(encoding="utf-8")


def _fetcher() -> Any:  # a WeasyPrint class, imported late: the web process never loads WeasyPrint
    from weasyprint.urls import URLFetcher

    class DataOnlyFetcher(URLFetcher):
        """Only ``data:`` URIs: a report never reaches the network or the file system."""

        def fetch(self, url: str, headers: dict | None = None) -> Any:
            if not url.startswith("data:"):
                raise ValueError("reports fetch nothing but data: URIs")
            return super().fetch(url, headers)

    return DataOnlyFetcher(allowed_protocols=("data",), allow_redirects=False)


def render_html(rendering: ReportRendering, progress: ProgressCallback) -> str:
    """The whole document: one part per language, each rendered in its language."""
    codes = list(rendering.languages or default_codes())
    template = TEMPLATES[ReportKind(rendering.kind)]
    parts = []
    for index, code in enumerate(codes):
        share = GATHER_UNTIL / len(codes)
        start = 2 + index * share

        def heard(fraction: float, start: float = start, share: float = share) -> None:
            progress(int(start + fraction * share * 0.8), RenderingStage.GATHERING)

        with translation.override(code):
            context = report_context(rendering, code, heard)
            progress(int(start + share * 0.9), RenderingStage.WRITING)
            parts.append({"language": context["language"], "html": render_to_string(template, context)})
    first = parts[0]["language"]
    return render_to_string(DOCUMENT, {"parts": parts, "language": first, "rendering": rendering})


def render_pdf(rendering: ReportRendering, *, progress: ProgressCallback) -> tuple[bytes, int]:
    """The PDF and its number of pages."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_html(rendering, progress)
    progress(LAYOUT_FROM, RenderingStage.LAYOUT)
    fonts = FontConfiguration()
    document = HTML(string=html, url_fetcher=_fetcher()).render(
        stylesheets=[CSS(string=stylesheet(), font_config=fonts)], font_config=fonts
    )
    progress(WRITE_FROM, RenderingStage.SAVING)
    pdf = document.write_pdf()
    return pdf, len(document.pages)
