import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mapping_platform.settings")
application = get_wsgi_application()

# gunicorn runs no system checks: refuse to serve without the vault's keys.
from django.core import checks  # noqa: E402
from django.core.management.base import SystemCheckError  # noqa: E402

_errors = [e for e in checks.run_checks(tags=["vault"]) if e.is_serious()]
if _errors:
    raise SystemCheckError("\n".join(f"{e.id}: {e.msg}" for e in _errors))
