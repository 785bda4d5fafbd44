"""The one Celery app. Tasks take ids, never content (see each app's tasks.py)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mapping_platform.settings")

app = Celery("mapping_platform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
