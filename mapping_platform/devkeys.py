"""A vault master key for a development instance only, kept in a file outside version control."""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path


def development_master_keys(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        entry = f"dev:{base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()}"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(entry)
    return path.read_text().strip()
