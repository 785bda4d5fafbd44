"""The report's languages and scripts: fonts for Burmese, Khmer, Thai, Nepali, Bengali and Arabic (issue 6 item 7).

The PDF's stylesheet names the Noto families; these tests check that fontconfig resolves each to a
Noto font (not a silent fallback), that a line in each script is set in its own font, and that a part
of the report in a language the platform has no translation into says so and runs in its direction.
The specimen is saved as test-results/reports/fonts.png, to be looked at.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from findings.reports import build
from findings.reports.languages import language, offered
from findings.reports.models import Audience, ReportKind, ReportRendering
from tests.conftest import World

OUTPUT = Path(__file__).resolve().parents[2] / "test-results" / "reports"

# A line in each script, with the family that must set it (as pdffonts names the embedded subset).
SPECIMEN = {
    "my": ("မြန်မာ အလုပ်သမား ခွင့်ပြုချက်", "Noto-Sans-Myanmar", "Noto Sans Myanmar"),
    "km": ("កម្មករ ចំណាកស្រុក ភាសាខ្មែរ", "Noto-Sans-Khmer", "Noto Sans Khmer"),
    "th": ("แรงงานข้ามชาติ ค่าธรรมเนียม", "Noto-Sans-Thai", "Noto Sans Thai"),
    "ne": ("आप्रवासी श्रमिक शुल्क", "Noto-Sans-Devanagari", "Noto Sans Devanagari"),
    "bn": ("অভিবাসী শ্রমিক ফি", "Noto-Sans-Bengali", "Noto Sans Bengali"),
    "ar": ("العمال المهاجرون رسوم التوظيف", "Noto-Naskh-Arabic", "Noto Naskh Arabic"),
}


def _pdffonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize("code", sorted(SPECIMEN))
def test_fontconfig_resolves_each_family_of_the_stack_to_a_noto_font(code: str) -> None:
    family = SPECIMEN[code][2]
    assert family in build.stylesheet(), f"{family} is not in the report's font stack"
    found = subprocess.run(["fc-match", "--format=%{family}", family], check=True, capture_output=True, text=True)
    assert found.stdout.split(",")[0] == family, f"{family} resolves to {found.stdout}: install fonts-noto-core"


def test_a_line_in_each_script_is_set_in_its_own_font(tmp_path: Path) -> None:
    from weasyprint import CSS, HTML

    lines = "".join(
        f'<p lang="{code}" dir="{language(code).direction}">{language(code).name}: {text}</p>'
        for code, (text, _font, _family) in SPECIMEN.items()
    )
    pdf = tmp_path / "fonts.pdf"
    HTML(string=f"<html><body><h2>Fonts</h2>{lines}</body></html>").write_pdf(
        pdf, stylesheets=[CSS(string=build.stylesheet() + "@page { size: 150mm 110mm; margin: 8mm; }")]
    )
    fonts = _pdffonts(pdf)
    missing = [font for _text, font, _family in SPECIMEN.values() if font not in fonts]
    assert not missing, f"not embedded: {missing}\n{fonts}"
    OUTPUT.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-singlefile", str(pdf), str(OUTPUT / "fonts")], check=True)


def test_a_part_in_a_language_without_a_translation_says_so_and_runs_in_its_direction(
    world: World, tmp_path: Path
) -> None:
    codes = {lang.code for lang in offered(world.engagement)}
    assert {"en", "my", "km", "th", "ne", "bn", "ar"} <= codes
    rendering = ReportRendering.objects.create(
        engagement=world.engagement,
        kind=ReportKind.PRELIMINARY,
        audience=Audience.STAKEHOLDERS,
        languages=["en", "ur"],  # Urdu: offered, right to left, and no catalogue of the report's strings
        number=1,
        requested_by=world.user("lead"),
    )
    heard: list[tuple[int, str]] = []
    html = build.render_html(rendering, lambda percent, stage: heard.append((percent, stage)))
    assert '<div class="part" lang="en" dir="ltr">' in html
    assert '<div class="part" lang="ur" dir="rtl">' in html
    assert "The platform has no Urdu translation of its headings yet" in html
    assert "اردو" in html
    assert [p for p, _s in heard] == sorted(p for p, _s in heard), "the progress went backwards"

    pdf, pages = build.render_pdf(rendering, progress=lambda percent, stage: None)
    (tmp_path / "two-languages.pdf").write_bytes(pdf)
    assert pages >= 2
    assert "Noto-Naskh-Arabic" in _pdffonts(tmp_path / "two-languages.pdf")


def test_the_report_fetches_nothing_from_outside() -> None:
    """No text in a report can make the worker reach a server or read a file: only data: URIs are fetched."""
    fetcher = build._fetcher()
    for url in ("http://169.254.169.254/latest/meta-data/", "file:///etc/passwd", "https://example.org/x.css"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"
