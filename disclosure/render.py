"""A published version to PDF bytes. Runs in a worker only; the web process never loads WeasyPrint."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from disclosure.models import PublishedVersion
from findings.reports import build

STYLESHEET = "disclosure/pdf.css"


@cache
def _stylesheet() -> str:
    found = finders.find(STYLESHEET) or str(Path(settings.BASE_DIR) / "static" / STYLESHEET)
    return build.stylesheet() + "\n" + Path(str(found)).read_text(encoding="utf-8")


def render_html(version: PublishedVersion) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("disclosure/pdf.html", {"version": version, "c": version.content})


def render_pdf(version: PublishedVersion) -> tuple[bytes, int]:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    document = HTML(string=render_html(version), url_fetcher=build._fetcher()).render(
        stylesheets=[CSS(string=_stylesheet(), font_config=fonts)], font_config=fonts
    )
    return document.write_pdf(), len(document.pages)
