"""Render pages in headless Chromium at desktop and tablet width, for a person to look at.

Usage: python scripts/screenshots.py BASE_URL EMAIL PASSWORD OUT_DIR PATH [PATH ...]
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import struct
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


SECRETS = Path(__file__).resolve().parent.parent / "var" / "screenshot-mfa-secrets.json"


def totp(secret_b32: str, offset: int = 0) -> str:
    key = base64.b32decode(secret_b32.replace(" ", "").upper() + "=" * (-len(secret_b32.replace(" ", "")) % 8))
    counter = struct.pack(">Q", int(time.time()) // 30 + offset)
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    start = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[start : start + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def pass_mfa(page, base: str, email: str) -> None:  # type: ignore[no-untyped-def]
    """Enrol or verify with a computed code, as an authenticator app would (secrets kept per site and email)."""
    known = json.loads(SECRETS.read_text()) if SECRETS.exists() else {}
    key = f"{base}|{email}"
    if "/accounts/mfa/setup/" in page.url:
        known[key] = page.inner_text("#mfa-secret")
        SECRETS.parent.mkdir(parents=True, exist_ok=True)
        SECRETS.write_text(json.dumps(known))
    if "/accounts/mfa/" in page.url and key in known:
        for _attempt in range(2):
            page.fill("input[name=code]", totp(known[key]))
            page.click("main button[type=submit]")
            if "/accounts/mfa/" not in page.url:
                return
            time.sleep(31 - time.time() % 30)  # a code is good once: wait for the next one


def main() -> None:
    base, email, password, out, *paths = sys.argv[1:]
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on(
            "console",
            lambda msg: print(f"console {msg.type}: {msg.text}") if msg.type in ("error", "warning") else None,
        )
        if email != "-":
            page.goto(f"{base}/accounts/login/")
            page.fill("input[name=username]", email)
            page.fill("input[name=password]", password)
            page.click("button[type=submit]")
            pass_mfa(page, base, email)
        for label, width, height in (("desktop", 1280, 900), ("tablet", 768, 1024)):
            page.set_viewport_size({"width": width, "height": height})
            for path in paths:
                page.goto(f"{base}{path}")
                name = path.strip("/").replace("/", "_") or "root"
                page.screenshot(path=out_dir / f"{name[-60:]}-{label}.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
