"""Reports in the workers' languages (issue 6: "in the languages chosen"): Burmese, Khmer, Thai, Nepali,
Bengali and Arabic.

Each has a catalogue under locale/ holding the report's strings (machine-drafted, to be reviewed by a
native speaker), compiled and kept in the tree. A language counts as translated for reports when its
compiled catalogue translates the report's headings (findings.reports.languages.translated_codes), not
because the web interface is offered in it. The expected words are read from the catalogues under
translation.override, so that these tests check the wiring and the catalogues' completeness rather
than repeat the translations.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from engagements.demo import DEMO_TITLE, seed_demo
from engagements.demographics import gender_choices
from engagements.models import Engagement
from engagements.reference import reference_data
from findings.reports import build, languages
from findings.reports.content.chain import drawable_in_svg
from findings.reports.languages import REPORT_HEADINGS, holds_report_strings, language, translated_codes
from findings.reports.models import Audience, ReportKind, ReportRendering
from findings.reports.terms import COUNTRY_NAMES, MONTH_NAMES, REFERENCE_TERMS
from interviews.questionnaires.catalogue import fee_category_names, indicator_names, risk_groups, risk_names
from interviews.sitevisits import checklist
from tests.conftest import World

WORKERS_LANGUAGES = ("my", "km", "th", "ne", "bn", "ar")
LOCALE = Path(settings.BASE_DIR) / "locale"
# Where the report's own strings are marked: its templates, its content builders, the reference's terms.
REPORT_SOURCES = ("templates/reports/pdf/", "findings/reports/content/", "findings/reports/terms.py")
# Set in English on purpose: it tells the reader, in English, that a part has no translation.
ENGLISH_ONLY = "This part is set for %(name)s (%(own)s)."
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%%")

# Headings every full report prints, whatever the engagement holds.
FULL_HEADINGS = (
    "Contents",
    "Summary",
    "About this assessment",
    "Workers' experiences through the labour migration process",
    "Gender-specific vulnerabilities",
    "Actors and their profiles",
    "Regulatory analysis",
    "Non-compliances, unethical practices and forced-labour indicators",
    "Workers reporting each issue: isolated or systemic",
    "Recruitment fees and related costs, and remediation",
    "Recommendations",
    "Limitations",
    "Disaggregated tables",
)
# Words of the reference the demo's tables print (its interviews ask about every indicator).
DEMO_TERMS = ("ILO forced-labour indicators", "Debt bondage", "Retention of identity documents", "Myanmar")


# --- reading the catalogues ---------------------------------------------------------------------------


def _unquote(line: str) -> str:
    """A PO string's text: quotes dropped, escapes (\\n, \\", \\\\) undone, UTF-8 kept."""
    return line.strip()[1:-1].encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def po_entries(code: str) -> list[dict]:
    """The catalogue's entries (msgid, msgstr, references, flags), obsolete ones left out."""
    entries: list[dict] = []
    entry: dict = {}
    field = ""
    for line in (LOCALE / code / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#~"):
            if entry.get("msgid"):
                entries.append(entry)
            entry, field = {}, ""
            continue
        entry.setdefault("refs", [])
        entry.setdefault("flags", "")
        if line.startswith("#:"):
            entry["refs"] += line[2:].split()
        elif line.startswith("#,"):
            entry["flags"] += line
        elif line.startswith(("msgid ", "msgstr ", "msgctxt ", "msgid_plural ", "msgstr[")):
            field, _space, value = line.partition(" ")
            entry[field] = entry.get(field, "") + _unquote(value)
        elif line.startswith('"') and field:
            entry[field] += _unquote(line)
    if entry.get("msgid"):
        entries.append(entry)
    return entries


def report_entries(code: str) -> list[dict]:
    return [
        e
        for e in po_entries(code)
        if "msgctxt" not in e and "msgid_plural" not in e and any(r.startswith(REPORT_SOURCES) for r in e["refs"])
    ]


def text_of(fragment: str) -> str:
    """What a reader sees: tags and inline SVG dropped, entities decoded, spaces collapsed."""
    fragment = re.sub(r"<svg.*?</svg>", " ", fragment, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment)))


def parts_of(document: str) -> dict[str, str]:
    """The document's parts by language code (build.render_html writes one div per language)."""
    found = re.split(r'(<div class="part" lang="[^"]+" dir="[^"]+">)', document)
    return {re.search(r'lang="([^"]+)"', head).group(1): head + body for head, body in zip(found[1::2], found[2::2])}


# --- the catalogues -----------------------------------------------------------------------------------


def test_the_six_workers_languages_count_as_translated_without_being_interface_languages() -> None:
    interface = {code for code, _name in settings.LANGUAGES}
    assert not interface & set(WORKERS_LANGUAGES), "the web interface is not translated into them"
    assert set(WORKERS_LANGUAGES) <= translated_codes()
    for code in WORKERS_LANGUAGES:
        assert (LOCALE / code / "LC_MESSAGES" / "django.mo").is_file(), f"{code}: compiled catalogue missing"
        assert language(code).translated
    # Languages offered for reports with no catalogue stay untranslated (their headings are English).
    assert not language("ur").translated and not language("vi").translated


def test_a_catalogue_that_lacks_one_heading_does_not_count(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    burmese = LOCALE / "my" / "LC_MESSAGES" / "django.mo"
    assert holds_report_strings(burmese)
    monkeypatch.setattr(languages, "REPORT_HEADINGS", (*REPORT_HEADINGS, "A heading no catalogue translates"))
    assert not holds_report_strings(burmese)
    assert not holds_report_strings(tmp_path / "missing.mo")
    (tmp_path / "broken.mo").write_bytes(b"not a catalogue")
    assert not holds_report_strings(tmp_path / "broken.mo")


@pytest.mark.parametrize("code", WORKERS_LANGUAGES)
def test_every_report_string_is_translated_with_its_placeholders_and_compiled(code: str) -> None:
    entries = report_entries(code)
    assert len(entries) > 300, "the report's strings are missing from the catalogue: run makemessages"
    # Month names are left to Django's own catalogues where it has them (all but Burmese).
    left_to_django = set(MONTH_NAMES) if code != "my" else set()
    untranslated = [
        e["msgid"]
        for e in entries
        if not e.get("msgstr") and not e["msgid"].startswith(ENGLISH_ONLY) and e["msgid"] not in left_to_django
    ]
    assert not untranslated, f"{code}: {len(untranslated)} report strings untranslated, e.g. {untranslated[:5]}"
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not fuzzy, f"{code}: fuzzy entries are not compiled: {fuzzy[:5]}"
    for entry in entries:
        if entry.get("msgstr"):
            wanted = sorted(PLACEHOLDER.findall(entry["msgid"]))
            assert sorted(PLACEHOLDER.findall(entry["msgstr"])) == wanted, f"{code}: {entry['msgid']!r}"
    # The compiled catalogue in the tree says what the .po says (a machine without gettext uses it as is).
    with translation.override(code):
        stale = [e["msgid"] for e in entries if e.get("msgstr") and translation.gettext(e["msgid"]) != e["msgstr"]]
    assert not stale, f"{code}: django.mo is older than django.po, run compilemessages: {stale[:3]}"


@pytest.mark.parametrize("code", WORKERS_LANGUAGES)
def test_the_reference_terms_and_countries_are_translated(code: str) -> None:
    with translation.override(code):
        missing = [term for term in (*REFERENCE_TERMS, *COUNTRY_NAMES) if translation.gettext(term) == term]
        months = [m for m in MONTH_NAMES if translation.gettext(m) == m]
    assert not missing, f"{code}: {missing[:5]}"
    assert not months, f"{code}: month names in English: {months}"


def test_the_reference_terms_list_every_name_of_the_reference_the_report_prints() -> None:
    """A name added to (or reworded in) the reference must be added to findings/reports/terms.py."""
    reference = reference_data()
    printed = {
        *indicator_names().values(),
        *risk_names().values(),
        *(label for label, _items in risk_groups()),
        *(stage["name"] for stage in reference["risk_catalogue"]["annex_b"]),
        *fee_category_names().values(),
        *(label for _value, label in gender_choices()),
        *(item.prompt for item in checklist.items_by_id().values()),
    }
    assert printed - set(REFERENCE_TERMS) == set()


# --- the report in each language ------------------------------------------------------------------------


@pytest.fixture
def demo_document(db: None) -> str:
    """The demo's full report for the stakeholders, one part per language: English and the six."""
    seed_demo()
    engagement = Engagement.objects.get(title=DEMO_TITLE)
    rendering = ReportRendering.objects.create(
        engagement=engagement,
        kind=ReportKind.FULL,
        audience=Audience.STAKEHOLDERS,
        languages=["en", *WORKERS_LANGUAGES],
        number=99,
        requested_by=User.objects.get(email="lead@demo.example"),
    )
    return build.render_html(rendering, lambda percent, stage: None)


def test_the_full_report_in_each_workers_language_has_its_own_headings_and_direction(
    demo_document: str,
) -> None:
    parts = parts_of(demo_document)
    assert list(parts) == ["en", *WORKERS_LANGUAGES]
    english = text_of(parts["en"])
    for heading in (*FULL_HEADINGS, *DEMO_TERMS):
        assert heading in english, f"the English part lacks {heading!r}: the list above is out of date"
    for code in WORKERS_LANGUAGES:
        text = text_of(parts[code])
        with translation.override(code):
            expected = {heading: translation.gettext(heading) for heading in (*FULL_HEADINGS, *DEMO_TERMS)}
            note = translation.gettext(
                "Headings, labels and the reference's terms are translated; text written by the assessment "
                "team appears as it was written."
            )
        for heading, translated in expected.items():
            assert translated != heading, f"{code}: {heading!r} has no translation"
            assert translated in text, f"{code}: {translated!r} ({heading}) is not in the part"
        for heading in FULL_HEADINGS:
            assert heading not in text, f"{code}: the English heading {heading!r} is in the part"
        assert note in text
        assert "headings yet, so they appear in English" not in text
        # WeasyPrint sets SVG text unshaped: the map's drawn labels are English, and the caption says so.
        drawn = re.sub(
            r"<title>.*?</title>", " ", re.search(r"<svg.*?</svg>", parts[code], flags=re.S).group(0), flags=re.S
        )
        labels = html.unescape(re.sub(r"<[^>]+>", " ", drawn))
        assert "Tier 1" in labels and drawable_in_svg(labels), f"{code}: the map draws labels WeasyPrint cannot shape"
        with translation.override(code):
            assert translation.gettext("The map is labelled in English.") in text
    # Arabic runs right to left; the document itself takes the first part's language.
    heads = dict(re.findall(r'<div class="part" lang="([^"]+)" dir="([^"]+)">', demo_document))
    assert heads == {"en": "ltr", "my": "ltr", "km": "ltr", "th": "ltr", "ne": "ltr", "bn": "ltr", "ar": "rtl"}
    assert demo_document.lstrip().startswith('<!doctype html>\n<html lang="en" dir="ltr">')


def test_a_preliminary_summary_in_burmese_and_arabic_is_set_in_their_fonts(world: World, tmp_path: Path) -> None:
    rendering = ReportRendering.objects.create(
        engagement=world.engagement,
        kind=ReportKind.PRELIMINARY,
        audience=Audience.STAKEHOLDERS,
        languages=["my", "ar"],
        number=1,
        requested_by=world.user("lead"),
    )
    pdf, pages = build.render_pdf(rendering, progress=lambda percent, stage: None)
    path = tmp_path / "my-ar.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    assert "Noto-Sans-Myanmar" in fonts and "Noto-Naskh-Arabic" in fonts, fonts
    assert pages >= 4  # two parts, each a cover and its sections


def test_only_latin_greek_and_cyrillic_labels_count_as_drawable_in_the_map() -> None:
    assert drawable_in_svg("Tier 1 · Recruiter A (Yangon)") and drawable_in_svg("Уровень 1 · Ελλάδα")
    assert not drawable_in_svg("ကြားပွဲစား") and not drawable_in_svg("المستوى 1") and not drawable_in_svg("ระดับ 1")


def test_the_rendering_form_offers_the_workers_languages_without_the_english_headings_note(
    world: World, client_for: Any
) -> None:
    page = client_for("lead").get(reverse("reports:renderings", args=[world.engagement.pk])).content.decode()
    for code in WORKERS_LANGUAGES:
        assert f'value="{code}"' in page, f"{code} is not offered"
        assert html.escape(language(code).own_name) in page
    assert "headings in English" not in page
