"""Load (or refresh) the three interview instruments from the app's seed file. Safe to run again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from interviews.questionnaires.seed import templates_load


class Command(BaseCommand):
    help = "Load the migrant worker, employer management and labour recruiter questionnaire templates."

    def handle(self, *args: Any, **options: Any) -> None:
        for key, outcome in templates_load().items():
            self.stdout.write(f"{key}: {outcome}")
