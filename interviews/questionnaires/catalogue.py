"""The vocabularies a question is written in: types, topics, languages, and the reference ids it maps to.

The ids come from the method's reference data (``reference/domain-reference.yaml``): the ILO
forced-labour indicators, the Annex B (by stage) and Annex C (by risk) catalogue, and the ILO
recruitment fee and related cost categories. Phase 5 aggregates answers by these ids.
"""

from __future__ import annotations

from functools import cache

from django.db import models
from django.utils.translation import gettext_lazy as _

from engagements.reference import reference_data


class QuestionType(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    NUMBER = "number", _("Number")
    MONEY = "money", _("Amount of money, with currency")
    DATE = "date", _("Date")
    TEXT = "text", _("Text")
    YES_NO = "yes_no", _("Yes or no")


CHOICE_TYPES = frozenset({QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE})
YES_NO_VALUES = ("yes", "no")


class Section(models.TextChoices):
    """The topics of the guide's interview tools, in interview order."""

    ABOUT = "about", _("About the interviewee")
    POLICIES = "policies", _("Policies and management systems")
    RECRUITMENT = "recruitment", _("Recruitment journey")
    FEES = "fees", _("Recruitment fees and related costs")
    DOCUMENTS = "documents", _("Documents and passports")
    CONTRACTS = "contracts", _("Contracts and substitution")
    WAGES = "wages", _("Wages and deductions")
    HOURS = "hours", _("Hours and overtime")
    MOVEMENT = "movement", _("Freedom of movement and communication")
    ACCOMMODATION = "accommodation", _("Accommodation")
    SAFETY = "safety", _("Health and safety")
    GRIEVANCE = "grievance", _("Grievance and voice")
    DISCRIMINATION = "discrimination", _("Discrimination and harassment")
    RETURN = "return", _("Return and leaving the job")
    CLOSING = "closing", _("Closing")


class Language(models.TextChoices):
    """Languages a question may be translated into (English is the source)."""

    BURMESE = "my", _("Burmese")
    KHMER = "km", _("Khmer")
    THAI = "th", _("Thai")
    NEPALI = "ne", _("Nepali")
    BENGALI = "bn", _("Bengali")


SOURCE_LANGUAGE = "en"

# "Yes" and "No" in each language, for yes-or-no questions (which carry no options of their own).
YES_NO_LABELS: dict[str, dict[str, str]] = {
    "en": {"yes": "Yes", "no": "No"},
    "my": {"yes": "ဟုတ်ကဲ့", "no": "မဟုတ်ပါ"},
    "km": {"yes": "បាទ/ចាស", "no": "ទេ"},
    "th": {"yes": "ใช่", "no": "ไม่ใช่"},
    "ne": {"yes": "हो", "no": "होइन"},
    "bn": {"yes": "হ্যাঁ", "no": "না"},
}


@cache
def indicator_names() -> dict[str, str]:
    """ILO forced-labour indicator id -> name, in the reference's order."""
    return {item["id"]: item["name"] for item in reference_data()["forced_labour_indicators"]}


@cache
def risk_names() -> dict[str, str]:
    """Annex B item ids and Annex C category ids -> their text, in the reference's order."""
    catalogue = reference_data()["risk_catalogue"]
    names = {item["id"]: item["text"] for stage in catalogue["annex_b"] for item in stage["items"]}
    names.update({category["id"]: category["risk"] for category in catalogue["annex_c"]["categories"]})
    return names


@cache
def risk_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Risks grouped as the reference groups them: (group label, [(id, text)])."""
    catalogue = reference_data()["risk_catalogue"]
    groups = [
        (f"Annex B · {stage['name']}", [(item["id"], item["text"]) for item in stage["items"]])
        for stage in catalogue["annex_b"]
    ]
    groups.append(("Annex C", [(c["id"], c["risk"]) for c in catalogue["annex_c"]["categories"]]))
    return groups


@cache
def fee_category_names() -> dict[str, str]:
    """ILO recruitment fee and related cost category id -> name."""
    return {item["id"]: item["name"] for item in reference_data()["recruitment_fee_categories"]}


@cache
def gender_options() -> list[dict[str, str]]:
    """The guide's inclusive gender options (phase 3, step 4), as the reference lists them."""
    return [dict(option) for option in reference_data()["demographic_options"]["gender"]["options"]]
