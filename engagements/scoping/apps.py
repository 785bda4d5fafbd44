from django.apps import AppConfig


class ScopingConfig(AppConfig):
    name = "engagements.scoping"
    label = "scoping"

    def ready(self) -> None:
        # Register this app's pages with the phase tracker (engagements.phase_pages) here.
        pass
