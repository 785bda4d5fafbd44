"""The secret a tablet derives its outbox key from, one per signed-in session.

The server makes a random secret, keeps it in the Django session and hands it to the capture app
(``/field/key.json``, never cached). The app derives a NON-extractable AES-GCM key from it with
HKDF and keeps only that key object in IndexedDB; the secret itself is never stored on the device.
The key outlives the session on the device on purpose: an interviewer whose session times out
while offline still reads and sends their records; signing out wipes the key with the records.
"""

from __future__ import annotations

import base64
import secrets
from typing import Any

SESSION_KEY = "field_outbox_secret"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def outbox_secret(session: Any) -> dict[str, str]:
    """The session's secret and its id (made on first use, kept for the session's life)."""
    entry = session.get(SESSION_KEY)
    if not isinstance(entry, dict) or not entry.get("id") or not entry.get("secret"):
        entry = {"id": _b64(secrets.token_bytes(12)), "secret": _b64(secrets.token_bytes(32))}
        session[SESSION_KEY] = entry
    return {"id": entry["id"], "secret": entry["secret"]}
