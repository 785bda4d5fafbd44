from django.apps import AppConfig


class PreparationConfig(AppConfig):
    name = "interviews.preparation"
    label = "preparation"

    def ready(self) -> None:
        # Register this app's pages with the phase tracker (engagements.phase_pages) here.
        pass
