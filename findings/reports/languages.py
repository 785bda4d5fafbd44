"""The languages a report can be rendered in, and how each is set (name in its own script, direction).

A report is rendered once per language chosen, each part under that language (``translation.override``):
headings and labels are translated where the platform has a translation (``settings.LANGUAGES``), and
otherwise stay in English, which the part says at its top. Text the team wrote appears as written.
The PDF's font stack (``static/reports/report.css``) covers the scripts of the workers' languages.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class ReportLanguage:
    code: str
    name: str  # in the reader's language (English names, translated where the platform has a translation)
    own_name: str  # in its own script
    translated: bool  # the platform has a translation of its headings into it
    english_name: str = ""  # for the note, in English, that a part's headings are in English

    @property
    def direction(self) -> str:
        return "rtl" if self.code in RIGHT_TO_LEFT else "ltr"

    @property
    def label(self) -> str:
        return self.name if self.own_name in ("", self.name) else f"{self.name} · {self.own_name}"


def translated_codes() -> frozenset[str]:
    return frozenset(code for code, _name in settings.LANGUAGES)


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
