"""Start-up invariants of the vault (stable ids: vault.E001, vault.E002)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register("vault")
def master_key_configured(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    from vault.keys import master_keys

    try:
        keys = master_keys()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="vault.E002")]
    if not keys and not settings.DEBUG:
        return [
            Error(
                "No vault master key is configured.",
                hint="Set VAULT_MASTER_KEYS (or VAULT_MASTER_KEYS_FILE); make one with "
                "`manage.py vault_generate_master_key`.",
                id="vault.E001",
            )
        ]
    return []
