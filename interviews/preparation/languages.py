"""Languages the assessment team may speak, and the languages of workers from each origin country.

The guide asks for interviewers who speak the interviewees' languages (phase 3, step 6): the team
page compares the team's languages with the nationalities of the engagement's corridors through
this small table. A country may have several usual languages; speaking any one of them counts.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# ISO 639 codes -> names. Kept short on purpose: the languages of the main labour-migration corridors.
LANGUAGES: dict[str, object] = {
    "en": _("English"),
    "my": _("Burmese"),
    "km": _("Khmer"),
    "th": _("Thai"),
    "lo": _("Lao"),
    "vi": _("Vietnamese"),
    "ne": _("Nepali"),
    "bn": _("Bengali"),
    "hi": _("Hindi"),
    "ur": _("Urdu"),
    "ta": _("Tamil"),
    "si": _("Sinhala"),
    "ml": _("Malayalam"),
    "te": _("Telugu"),
    "pa": _("Punjabi"),
    "id": _("Indonesian"),
    "ms": _("Malay"),
    "tl": _("Filipino (Tagalog)"),
    "zh": _("Chinese (Mandarin)"),
    "ar": _("Arabic"),
    "am": _("Amharic"),
    "om": _("Oromo"),
    "sw": _("Swahili"),
    "so": _("Somali"),
    "fr": _("French"),
    "es": _("Spanish"),
    "pt": _("Portuguese"),
    "ru": _("Russian"),
    "uz": _("Uzbek"),
    "ky": _("Kyrgyz"),
    "tg": _("Tajik"),
    "uk": _("Ukrainian"),
    "ro": _("Romanian"),
    "kar": _("Karen"),
    "shn": _("Shan"),
}

# Origin country (ISO 3166 alpha-2) -> the languages its workers usually speak, most common first.
COUNTRY_LANGUAGES: dict[str, tuple[str, ...]] = {
    "MM": ("my",),
    "KH": ("km",),
    "TH": ("th",),
    "LA": ("lo",),
    "VN": ("vi",),
    "NP": ("ne",),
    "BD": ("bn",),
    "IN": ("hi", "ta", "ml", "te", "pa", "bn"),
    "PK": ("ur", "pa"),
    "LK": ("si", "ta"),
    "ID": ("id",),
    "MY": ("ms",),
    "PH": ("tl", "en"),
    "CN": ("zh",),
    "ET": ("am", "om"),
    "KE": ("sw", "en"),
    "UG": ("en", "sw"),
    "SO": ("so",),
    "EG": ("ar",),
    "SY": ("ar",),
    "JO": ("ar",),
    "MA": ("ar", "fr"),
    "SN": ("fr",),
    "UZ": ("uz", "ru"),
    "KG": ("ky", "ru"),
    "TJ": ("tg", "ru"),
    "UA": ("uk", "ru"),
    "RO": ("ro",),
    "GT": ("es",),
    "HN": ("es",),
    "MX": ("es",),
    "BR": ("pt",),
}


def language_choices() -> list[tuple[str, object]]:
    return list(LANGUAGES.items())


def language_name(code: str) -> str:
    return str(LANGUAGES.get(code, code))


def languages_of_country(country_code: str) -> tuple[str, ...]:
    """The usual languages of workers from this country; empty when the table does not know it."""
    return COUNTRY_LANGUAGES.get(str(country_code).upper(), ())
