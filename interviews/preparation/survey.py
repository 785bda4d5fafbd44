"""The workforce-breakdown part of the pre-assessment survey, read from the reference.

The guide (phase 3, step 4) asks for a breakdown of the workforce by the fields listed in the
reference's ``demographic_options.workforce_breakdown_fields``; the survey asks the business for a
short summary per field (the detailed counts per site are phase 2's workforce breakdown).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from engagements.reference import reference_data

BREAKDOWN_LABELS = {
    "migration_status": _("Migration status (migrant, local; visa or permit types)"),
    "nationality": _("Nationality"),
    "gender": _("Gender"),
    "age": _("Age"),
    "recruitment_year": _("Year of recruitment"),
    "recruitment_actor": _("Recruitment actor (labour recruiter, agency, direct hire)"),
    "worksite": _("Worksite"),
    "accommodation": _("Accommodation (employer-provided, outsourced, own)"),
    "employment_type_direct_or_indirect": _("Direct or indirect (subcontracted) employment"),
}


def breakdown_keys() -> list[str]:
    return list(reference_data()["demographic_options"]["workforce_breakdown_fields"]["items"])


def breakdown_label(key: str) -> str:
    return str(BREAKDOWN_LABELS.get(key, key.replace("_", " ").capitalize()))


def breakdown_rows(values: dict[str, str]) -> list[tuple[str, str]]:
    """(label, summary) for every field of the reference, in its order."""
    return [(breakdown_label(key), values.get(key, "")) for key in breakdown_keys()]
