"""Names of the analysis's dimensions and labels of their groups."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from engagements.demographics import UNDISCLOSED, AgeBand, gender_choices
from vault.models import ContractType

# Breakdowns of the indicators and risks (issue 6 item 1), and of the fees (item 4), in page order.
INDICATOR_DIMENSIONS: tuple[str, ...] = (
    "site",
    "nationality",
    "gender",
    "age_band",
    "recruiter",
    "recruitment_year",
    "contract_type",
)
FEE_DIMENSIONS: tuple[str, ...] = ("nationality", "gender", "recruitment_year", "corridor", "recruiter")

DIMENSION_TITLES = {
    "site": gettext_lazy("By site"),
    "gender": gettext_lazy("By gender"),
    "nationality": gettext_lazy("By nationality"),
    "age_band": gettext_lazy("By age band"),
    "recruiter": gettext_lazy("By recruiter"),
    "recruitment_year": gettext_lazy("By recruitment year"),
    "contract_type": gettext_lazy("By contract type"),
    "corridor": gettext_lazy("By migration corridor"),
}

DIMENSION_NAMES = {
    "site": gettext_lazy("Site"),
    "gender": gettext_lazy("Gender"),
    "nationality": gettext_lazy("Nationality"),
    "age_band": gettext_lazy("Age band"),
    "recruiter": gettext_lazy("Recruiter"),
    "recruitment_year": gettext_lazy("Recruitment year"),
    "contract_type": gettext_lazy("Contract type"),
    "corridor": gettext_lazy("Corridor"),
}


def choice_order() -> dict[str, list[str]]:
    """The order of each dimension's groups where it has choices (others: alphabetical)."""
    return {
        "gender": [value for value, _label in gender_choices()],
        "age_band": [*AgeBand.values, UNDISCLOSED[0]],
        "contract_type": list(ContractType.values),
    }


def group_label(dimension: str, value: str) -> str:
    if not value:
        return _("Not recorded")
    if dimension == "gender":
        # The reference's words, translated where a catalogue has them (findings/reports/terms.py).
        return _(str(dict(gender_choices()).get(value, value)))
    if dimension == "age_band":
        return str(dict([*AgeBand.choices, UNDISCLOSED]).get(value, value))
    if dimension == "nationality":
        return str(countries.name(value) or value)
    if dimension == "contract_type":
        return str(dict(ContractType.choices).get(value, value))
    return value
