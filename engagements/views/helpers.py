from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest


def show_validation_error(request: HttpRequest, error: ValidationError, form: Form | None = None) -> None:
    """Put a service's refusal where the user will read it: on the form, or as a message."""
    if form is not None and hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return
    messages.error(request, " ".join(error.messages))
