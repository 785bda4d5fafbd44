"""A country field that validates a code by a dictionary look-up.

django-countries validates a value (in the model's ``full_clean`` and in its form field) by walking
every choice, which translates and sorts some 250 country names each time: about half of the ~64 ms a
synced interview took (bench/sync_load.py). The codes themselves are a cached dictionary; looking the
value up there accepts and refuses exactly the same codes, translation or not.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.encoding import force_str
from django_countries.fields import CountryField, LazyTypedChoiceField


class _CountryChoiceField(LazyTypedChoiceField):
    def valid_value(self, value: Any) -> bool:
        return force_str(value) in self.valid_codes

    valid_codes: Any = ()


class FastCountryField(CountryField):
    """``CountryField`` (single country) with look-up validation; migrations see a plain CountryField."""

    def validate(self, value: Any, model_instance: Any) -> None:
        if self.multiple or not self.editable or value in self.empty_values:
            return super().validate(value, model_instance)  # nothing to walk for an empty value
        if force_str(getattr(value, "code", value)) not in self.countries.countries:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        return None

    def formfield(self, **kwargs: Any) -> Any:
        if self.multiple:
            return super().formfield(**kwargs)
        field = super().formfield(choices_form_class=_CountryChoiceField, **kwargs)
        field.valid_codes = self.countries.countries
        return field

    def deconstruct(self) -> tuple[Any, str, Any, Any]:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django_countries.fields.CountryField", args, kwargs
