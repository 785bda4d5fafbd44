from django.apps import AppConfig


class QuestionnairesConfig(AppConfig):
    name = "interviews.questionnaires"
    label = "questionnaires"

    def ready(self) -> None:
        # Register this app's pages with the phase tracker (engagements.phase_pages) here.
        pass
