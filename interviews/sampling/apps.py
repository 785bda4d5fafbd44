from django.apps import AppConfig


class SamplingConfig(AppConfig):
    name = "interviews.sampling"
    label = "sampling"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from engagements.phase_pages import register
        from tenancy.roles import Capability

        register(
            phase=3,
            url_name="sampling:sample",
            label=_("Worker interview sample"),
            capability=Capability.VIEW_SAMPLE,
            steps=("Gather information to design the methodology",),
        )
        register(
            phase=3,
            url_name="sampling:plan",
            label=_("Assessment plan and interview schedule"),
            capability=Capability.VIEW_SAMPLE,
            steps=("Prepare an assessment plan",),
        )
        # The business enters its breaks and peak times here; it sees nothing of the sample.
        register(
            phase=3,
            url_name="sampling:periods",
            label=_("Breaks and peak times"),
            capability=Capability.ANSWER_SURVEY,
            steps=("Prepare an assessment plan",),
        )
