"""Settings for the test suite: the real settings with safe defaults for what tests leave unset."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-deployment-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

# Under pytest-xdist each test process has its own database (pytest-django's suffix) and needs its own
# Redis database too: otherwise one process's Celery worker takes the other's tasks, and cache keys
# (which name engagements by id) collide. Set here so that workers the tests start inherit it.
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _xdist_worker.startswith("gw") and os.environ.get("REDIS_URL"):
    _base, _, _db = os.environ["REDIS_URL"].rpartition("/")
    if _base.startswith("redis") and _db.isdigit():
        os.environ["REDIS_URL"] = f"{_base}/{int(_db) + 1 + int(_xdist_worker[2:])}"

from mapping_platform.settings import *  # noqa: F403, E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-uploads"  # noqa: F405
STORAGES["default"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": MEDIA_ROOT},
}

# Tasks run in-process unless a test starts a real worker (tests/test_celery_worker.py).
CELERY_TASK_ALWAYS_EAGER = True

# A fixed, test-only master key (and an older one, to prove rotation); never used anywhere else.
VAULT_MASTER_KEYS = os.environ.get("VAULT_MASTER_KEYS", "test2026:dGVzdC1vbmx5LW1hc3Rlci1rZXktMzItYnl0ZXMtISE=")

# The live server's threads must not keep connections open past a test (the test database
# could not be dropped at the end).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
