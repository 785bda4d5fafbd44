"""Which currencies an interviewer is offered first for an amount of money.

Workers report fees in the currency they paid them in: usually the origin country's (paid to a
recruiter at home) or the destination's (deducted from wages). The destination's currency is the
default; the origin countries' follow, then the US dollar; any ISO 4217 code can still be chosen.
"""

from __future__ import annotations

from collections.abc import Iterable

# ISO 3166 alpha-2 -> ISO 4217, for the countries labour migration corridors commonly run through.
# A country missing here simply gets no currency offered first.
COUNTRY_CURRENCY: dict[str, str] = {
    "AE": "AED", "AF": "AFN", "AM": "AMD", "AO": "AOA", "AR": "ARS", "AT": "EUR", "AU": "AUD", "AZ": "AZN",
    "BD": "BDT", "BE": "EUR", "BF": "XOF", "BG": "BGN", "BH": "BHD", "BI": "BIF", "BJ": "XOF", "BN": "BND",
    "BO": "BOB", "BR": "BRL", "BT": "BTN", "BW": "BWP", "BY": "BYN", "CA": "CAD", "CD": "CDF", "CF": "XAF",
    "CG": "XAF", "CH": "CHF", "CI": "XOF", "CL": "CLP", "CM": "XAF", "CN": "CNY", "CO": "COP", "CR": "CRC",
    "CU": "CUP", "CY": "EUR", "CZ": "CZK", "DE": "EUR", "DJ": "DJF", "DK": "DKK", "DO": "DOP", "DZ": "DZD",
    "EC": "USD", "EE": "EUR", "EG": "EGP", "ER": "ERN", "ES": "EUR", "ET": "ETB", "FI": "EUR", "FJ": "FJD",
    "FR": "EUR", "GA": "XAF", "GB": "GBP", "GE": "GEL", "GH": "GHS", "GM": "GMD", "GN": "GNF", "GR": "EUR",
    "GT": "GTQ", "GY": "GYD", "HK": "HKD", "HN": "HNL", "HR": "EUR", "HT": "HTG", "HU": "HUF", "ID": "IDR",
    "IE": "EUR", "IL": "ILS", "IN": "INR", "IQ": "IQD", "IR": "IRR", "IT": "EUR", "JM": "JMD", "JO": "JOD",
    "JP": "JPY", "KE": "KES", "KG": "KGS", "KH": "KHR", "KR": "KRW", "KW": "KWD", "KZ": "KZT", "LA": "LAK",
    "LB": "LBP", "LK": "LKR", "LR": "LRD", "LS": "LSL", "LT": "EUR", "LU": "EUR", "LV": "EUR", "LY": "LYD",
    "MA": "MAD", "MD": "MDL", "MG": "MGA", "MK": "MKD", "ML": "XOF", "MM": "MMK", "MN": "MNT", "MO": "MOP",
    "MR": "MRU", "MT": "EUR", "MU": "MUR", "MV": "MVR", "MW": "MWK", "MX": "MXN", "MY": "MYR", "MZ": "MZN",
    "NA": "NAD", "NE": "XOF", "NG": "NGN", "NI": "NIO", "NL": "EUR", "NO": "NOK", "NP": "NPR", "NZ": "NZD",
    "OM": "OMR", "PA": "PAB", "PE": "PEN", "PG": "PGK", "PH": "PHP", "PK": "PKR", "PL": "PLN", "PT": "EUR",
    "PY": "PYG", "QA": "QAR", "RO": "RON", "RS": "RSD", "RU": "RUB", "RW": "RWF", "SA": "SAR", "SB": "SBD",
    "SD": "SDG", "SE": "SEK", "SG": "SGD", "SI": "EUR", "SK": "EUR", "SL": "SLE", "SN": "XOF", "SO": "SOS",
    "SS": "SSP", "SV": "USD", "SY": "SYP", "SZ": "SZL", "TD": "XAF", "TG": "XOF", "TH": "THB", "TJ": "TJS",
    "TL": "USD", "TM": "TMT", "TN": "TND", "TO": "TOP", "TR": "TRY", "TT": "TTD", "TW": "TWD", "TZ": "TZS",
    "UA": "UAH", "UG": "UGX", "US": "USD", "UY": "UYU", "UZ": "UZS", "VE": "VES", "VN": "VND", "VU": "VUV",
    "WS": "WST", "YE": "YER", "ZA": "ZAR", "ZM": "ZMW", "ZW": "ZWG",
}  # fmt: skip

FALLBACK = "USD"


def currencies_first(destinations: Iterable[str], origins: Iterable[str]) -> list[str]:
    """Destination currencies, then origin currencies, then the US dollar; each once."""
    ordered: list[str] = []
    for country in [*destinations, *origins]:
        code = COUNTRY_CURRENCY.get(str(country).upper())
        if code and code not in ordered:
            ordered.append(code)
    if FALLBACK not in ordered:
        ordered.append(FALLBACK)
    return ordered
