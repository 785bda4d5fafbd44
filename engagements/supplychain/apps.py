"""Phase 2 — the labour migration supply-chain map."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MAP_STEP = "Map the labour migration supply chain"
OBJECTIVES_STEP = "Define objectives and scope"


class SupplychainConfig(AppConfig):
    name = "engagements.supplychain"
    label = "supplychain"
    verbose_name = _("Supply-chain map")

    def ready(self) -> None:
        from engagements import phase_pages
        from tenancy.roles import Capability

        for url_name, label, step in (
            ("supplychain:map", _("Supply-chain map"), MAP_STEP),
            ("supplychain:workforce", _("Workforce breakdown"), MAP_STEP),
            ("supplychain:risks", _("Key risks"), MAP_STEP),
            ("supplychain:plan", _("Objectives and selection"), OBJECTIVES_STEP),
        ):
            phase_pages.register(
                phase=2, url_name=url_name, label=label, capability=Capability.VIEW_PREPARATION, steps=(step,)
            )
