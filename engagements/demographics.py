"""Demographic groups used for disaggregation everywhere (workforce, respondents, risks).

Coarse on purpose: enough to show who is affected, never enough to point at one person.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from engagements.reference import reference_data


class Gender(models.TextChoices):
    """The guide's inclusive options, as named values for code (a test keeps them equal to the reference)."""

    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    ANOTHER = "another_designation", _("Another designation")
    UNDISCLOSED = "prefer_not_to_disclose", _("Prefer not to disclose")


def gender_choices() -> list[tuple[str, str]]:
    """The guide's inclusive gender options (reference ``demographic_options.gender``, phase 3 step 4)."""
    return [(o["value"], o["label"]) for o in reference_data()["demographic_options"]["gender"]["options"]]


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    A18_24 = "18_24", "18–24"
    A25_34 = "25_34", "25–34"
    A35_44 = "35_44", "35–44"
    A45_54 = "45_54", "45–54"
    A55_PLUS = "55_plus", _("55 and over")


UNDISCLOSED = ("prefer_not_to_disclose", _("Prefer not to disclose"))
