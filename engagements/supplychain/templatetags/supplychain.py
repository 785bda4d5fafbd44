"""Labels for the workforce totals."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _
from django_countries.fields import Country

from engagements.supplychain.models import AgeBand, ContractType, Employment, gender_choices

register = template.Library()


@register.filter
def dimension_label(row: dict[str, Any], key: str) -> str:
    """The readable value of one dimension of a totals row; "not recorded" when empty."""
    value = row.get(key)
    if value in (None, ""):
        return _("Not recorded") if key != "recruiter__name" else _("None recorded (direct hire or unknown)")
    if key == "nationality":
        return str(Country(code=value).name)
    labels: dict[str, Any] = {
        "gender": dict(gender_choices()),
        "age_band": dict(AgeBand.choices),
        "contract_type": dict(ContractType.choices),
        "employment": dict(Employment.choices),
    }.get(key, {})
    return str(labels.get(value, value))
