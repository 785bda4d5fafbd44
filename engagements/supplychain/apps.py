from django.apps import AppConfig


class SupplychainConfig(AppConfig):
    name = "engagements.supplychain"
    label = "supplychain"

    def ready(self) -> None:
        # Register this app's pages with the phase tracker (engagements.phase_pages) here.
        pass
