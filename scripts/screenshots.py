"""Render pages in headless Chromium at desktop and tablet width, for a person to look at.

Usage: python scripts/screenshots.py BASE_URL EMAIL PASSWORD OUT_DIR PATH [PATH ...]
"""

from __future__ import annotations

import sys
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


def main() -> None:
    base, email, password, out, *paths = sys.argv[1:]
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for label, width, height in (("desktop", 1280, 900), ("tablet", 768, 1024)):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.on(
                "console",
                lambda msg: print(f"console {msg.type}: {msg.text}") if msg.type in ("error", "warning") else None,
            )
            if email != "-":
                page.goto(f"{base}/accounts/login/")
                page.fill("input[name=username]", email)
                page.fill("input[name=password]", password)
                page.click("button[type=submit]")
            for path in paths:
                page.goto(f"{base}{path}")
                name = path.strip("/").replace("/", "_") or "root"
                page.screenshot(path=out_dir / f"{name[:60]}-{label}.png", full_page=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
