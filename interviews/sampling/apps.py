from django.apps import AppConfig


class SamplingConfig(AppConfig):
    name = "interviews.sampling"
    label = "sampling"

    def ready(self) -> None:
        # Register this app's pages with the phase tracker (engagements.phase_pages) here.
        pass
