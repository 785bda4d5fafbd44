"""The languages a report can be rendered in, and how each is set (name in its own script, direction).

A report is rendered once per language chosen, each part under that language (``translation.override``):
headings and labels are translated where the platform has a translation, and otherwise stay in English,
which the part says at its top. Text the team wrote appears as written.

A language counts as translated for reports when it is a language of the web interface
(``settings.LANGUAGES``), or when a compiled catalogue under ``settings.LOCALE_PATHS`` translates the
report's headings (``REPORT_HEADINGS``). The workers' languages (Burmese, Khmer, Thai, Nepali, Bengali,
Arabic) have catalogues of the report's strings only: the web interface is not offered in them.
The PDF's font stack (``static/reports/report.css``) covers the scripts of the workers' languages.
"""

from __future__ import annotations

import gettext
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils import translation

from engagements.models import Engagement
from interviews.preparation.languages import COUNTRY_LANGUAGES
from interviews.preparation.languages import LANGUAGES as LANGUAGE_NAMES

# The workers' languages the guide's corridors most need, always offered (their fonts are checked by
# tests/findings/test_reports_fonts.py); Django's own names in these scripts are not all in the script.
OWN_NAMES: dict[str, str] = {
    "en": "English",
    "my": "မြန်မာဘာသာ",
    "km": "ភាសាខ្មែរ",
    "th": "ภาษาไทย",
    "ne": "नेपाली",
    "bn": "বাংলা",
    "ar": "العربية",
}
RIGHT_TO_LEFT = frozenset({"ar", "ur", "fa", "he", "ps", "ug", "ckb"})

# A catalogue that translates every one of these holds the report's strings: the headings of both kinds
# of report, the cover and the tables. One left untranslated and the part says its headings are English.
REPORT_HEADINGS: tuple[str, ...] = (
    "Contents",
    "Summary",
    "About this assessment",
    "Regulatory analysis",
    "Recommendations",
    "Limitations",
    "Disaggregated tables",
    "Critical findings requiring immediate action",
    "Preliminary findings and recommendations",
    "Recruitment fees and related costs reported",
    "Workers reporting each issue: isolated or systemic",
    "Prepared by",
    "Indicator or risk",
    "ILO forced-labour indicators",
)


@dataclass(frozen=True)
class ReportLanguage:
    code: str
    name: str  # in the reader's language (English names, translated where the platform has a translation)
    own_name: str  # in its own script
    translated: bool  # the platform has a translation of the report's headings into it (translated_codes)
    english_name: str = ""  # for the note, in English, that a part's headings are in English

    @property
    def direction(self) -> str:
        return "rtl" if self.code in RIGHT_TO_LEFT else "ltr"

    @property
    def label(self) -> str:
        return self.name if self.own_name in ("", self.name) else f"{self.name} · {self.own_name}"


def holds_report_strings(catalogue: Path) -> bool:
    """Whether a compiled catalogue (``django.mo``) translates every heading of ``REPORT_HEADINGS``."""
    try:
        with catalogue.open("rb") as handle:
            found = gettext.GNUTranslations(handle)
    except (OSError, ValueError, struct.error):  # missing, or not a catalogue
        return False
    return all(found.gettext(heading) != heading for heading in REPORT_HEADINGS)


@cache
def translated_codes() -> frozenset[str]:
    """The languages a report's headings can be set in: the interface's, and those whose catalogue has them.

    Read once per process: the catalogues are part of the release, compiled before it starts."""
    codes = {code for code, _name in settings.LANGUAGES}
    for root in settings.LOCALE_PATHS:
        for catalogue in sorted(Path(root).glob("*/LC_MESSAGES/django.mo")):
            if holds_report_strings(catalogue):
                codes.add(translation.to_language(catalogue.parent.parent.name))
    return frozenset(codes)


def language(code: str) -> ReportLanguage:
    info = LANG_INFO.get(code, {})
    name = str(LANGUAGE_NAMES.get(code) or info.get("name") or code)
    with translation.override("en"):
        english = str(LANGUAGE_NAMES.get(code) or info.get("name") or code)
    own = OWN_NAMES.get(code) or info.get("name_local") or ""
    return ReportLanguage(
        code=code, name=name, own_name=own, translated=code in translated_codes(), english_name=english
    )


def offered(engagement: Engagement) -> list[ReportLanguage]:
    """The platform's languages, the workers' languages of the engagement's corridors, and the guide's usual ones."""
    codes = [code for code, _name in settings.LANGUAGES]
    countries = engagement.corridors.values_list("origin", "destination")
    for origin, destination in countries:
        codes.extend(COUNTRY_LANGUAGES.get(str(origin), ()))
        codes.extend(COUNTRY_LANGUAGES.get(str(destination), ()))
    codes.extend(OWN_NAMES)
    seen: dict[str, None] = {}
    for code in codes:
        if code in LANGUAGE_NAMES or code in LANG_INFO:
            seen.setdefault(code, None)
    return [language(code) for code in seen]


def default_codes() -> list[str]:
    return [settings.LANGUAGE_CODE]
