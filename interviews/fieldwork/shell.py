"""The capture app's shell as the service worker caches it: which files, and a version that follows them.

The version is a digest of the files' contents (and of the worker's own template), so a changed
script installs a new service worker, which fetches every file again and drops the old cache.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static

# Loaded by the shell page by their (hashed, in production) static URLs.
PAGE_ASSETS = (
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "css/app.css",
    "favicon.svg",
    "fieldwork/field.css",
    "fieldwork/app.js",
    "fieldwork/icon.svg",
    "fieldwork/icon-192.png",
)
# Imported by fieldwork/app.js with relative specifiers: the browser asks for their plain URLs
# (the manifest storage does not rewrite module imports), so those are the URLs to cache too.
MODULES = (
    "fieldwork/db.js",
    "fieldwork/keys.js",
    "fieldwork/outbox.js",
    "fieldwork/rules.js",
    "fieldwork/dom.js",
    "fieldwork/parts.js",
    "fieldwork/screens.js",
    "fieldwork/consent.js",
    "fieldwork/question.js",
    "fieldwork/logout.js",
)
WORKER_TEMPLATE = Path(settings.BASE_DIR) / "templates" / "fieldwork" / "sw.js"


def asset_urls() -> list[str]:
    urls = [static(path) for path in PAGE_ASSETS]
    for path in MODULES:
        urls.extend([static(path), f"{settings.STATIC_URL}{path}"])
    return list(dict.fromkeys(urls))


def _content(path: str) -> bytes:
    found = finders.find(path)
    if found:
        return Path(found).read_bytes()
    with staticfiles_storage.open(path) as handle:
        return handle.read()


def version() -> str:
    digest = hashlib.sha256(WORKER_TEMPLATE.read_bytes())
    for path in (*PAGE_ASSETS, *MODULES):
        digest.update(path.encode())
        digest.update(_content(path))
    return digest.hexdigest()[:16]
