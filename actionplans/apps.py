from django.apps import AppConfig


class ActionplansConfig(AppConfig):
    name = "actionplans"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from engagements.phase_pages import register
        from tenancy.roles import Capability

        # Guide, phase 6: the plan answers every finding with remediation and prevention actions.
        register(
            phase=6,
            url_name="actionplans:plan",
            label=_("Action plan"),
            capability=Capability.VIEW_ACTION_PLAN,
            steps=(
                "Identify remediation actions",
                "Identify improvement and risk prevention actions",
                "Develop the action plan",
            ),
        )
        register(
            phase=6,
            url_name="actionplans:signoff",
            label=_("Sign-off"),
            capability=Capability.VIEW_ACTION_PLAN,
            steps=("Develop the action plan",),
        )
        # Phase 6 step 1: "agreed repayment of fees or wages plus compensation where relevant".
        register(
            phase=6,
            url_name="actionplans:repayment",
            label=_("Fee repayment"),
            capability=Capability.VIEW_ACTION_PLAN,
            steps=("Identify remediation actions",),
        )
