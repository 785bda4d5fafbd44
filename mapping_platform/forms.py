"""Form pieces several apps share: the date widget browsers fill natively, and editable lists of rows
(a meeting's attendees and actions, a finding's breakdown by group) posted as one formset."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

# The ISO format is what <input type="date"> reads; another format would show an empty field when editing.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RowForm(forms.Form):
    """One row of a list; a row left empty is dropped, a row half filled is an error."""

    required_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Every row is read, even one left as it was shown: a formset skips an "extra" row whose data
        # equals its initial values, which would drop unchanged rows when a list is edited.
        self.empty_permitted = False
        for field in self.fields.values():
            field.required = False
            field.widget.attrs.setdefault("aria-label", str(field.label))
            field.widget.attrs.setdefault("class", "form-control")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if _filled(data):
            for name in self.required_fields:
                if data.get(name) in (None, ""):
                    self.add_error(name, _("Fill this in, or empty the whole row to remove it."))
        return data

    def row(self) -> dict[str, Any] | None:
        data = getattr(self, "cleaned_data", {})
        if not _filled(data):
            return None
        return {name: value.strip() if isinstance(value, str) else value for name, value in data.items()}


def _filled(data: dict[str, Any]) -> bool:
    return any(value not in (None, "") for value in data.values())


def row_formset(form: type[RowForm], *, max_num: int = 60) -> Any:
    """A formset of ``form`` rows: three blank rows to fill, at most ``max_num`` rows kept."""
    return forms.formset_factory(form, extra=3, max_num=max_num, validate_max=True)


def rows_of(formset: Any) -> list[dict[str, Any]]:
    """The rows filled in, in order, without the empty ones."""
    return [row for form in formset for row in [form.row()] if row is not None]


def initial_rows(formset: Any, rows: Iterable[Any]) -> list[dict[str, Any]]:
    """The initial data of ``formset`` for saved ``rows`` (model instances): one dict per row, read from the
    attributes named like the row form's fields."""
    names = list(formset.form.base_fields)
    return [{name: getattr(row, name) for name in names} for row in rows]


def row_lists(lists: Iterable[tuple[str, Any]], data: Any, owner: Any | None) -> dict[str, Any]:
    """One formset per ``(name, formset class)`` of ``lists``, prefixed with its name, showing the rows saved
    under ``owner`` (a list's name is the owner's related name for its rows; no owner yet, no rows)."""
    return {
        name: formset(data, prefix=name, initial=initial_rows(formset, getattr(owner, name).all()) if owner else [])
        for name, formset in lists
    }
