"""Phase 3 — the three interview instruments, versioned."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_templates_after_migrate(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Keep the templates in step with the seed file after every migrate (and test flush).

    Like Django's own permissions, they are reference content every installation needs; the loader
    is idempotent and skips unchanged instruments. Does nothing until this app is fully migrated.
    """
    from django.db import connections
    from django.db.migrations.loader import MigrationLoader

    from interviews.questionnaires.seed import templates_load

    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    if all(leaf in loader.applied_migrations for leaf in loader.graph.leaf_nodes(sender.label)):
        templates_load()


class QuestionnairesConfig(AppConfig):
    name = "interviews.questionnaires"
    label = "questionnaires"
    verbose_name = "Questionnaires"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from engagements import phase_pages
        from tenancy.roles import Capability

        phase_pages.register(
            phase=3,
            url_name="questionnaires:list",
            label=_("Questionnaires"),
            capability=Capability.VIEW_QUESTIONNAIRES,
            steps=("Gather information to design the methodology",),
        )
        post_migrate.connect(_load_templates_after_migrate, sender=self, dispatch_uid="questionnaires_templates")
