from django.urls import path

from actionplans.views import actions, plan, repayment, signoff

app_name = "actionplans"

E = "<uuid:engagement_id>/action-plan"
A = f"{E}/actions/<uuid:action_id>"

urlpatterns = [
    path(f"{E}/", plan.plan, name="plan"),
    path(f"{E}/settings/", plan.plan_settings, name="settings"),
    path(f"{E}/actions/new/", actions.action_new, name="action_new"),
    path(f"{A}/", actions.action_detail, name="action"),
    path(f"{A}/edit/", actions.action_edit, name="action_edit"),
    path(f"{A}/delete/", actions.action_remove, name="action_delete"),
    path(f"{A}/feedback/", actions.action_feedback, name="feedback"),
    path(f"{E}/sign-off/", signoff.signoff, name="signoff"),
    path(f"{E}/repayment/", repayment.repayment, name="repayment"),
    path(f"{E}/repayment/new/", repayment.repayment_new, name="repayment_new"),
    path(f"{E}/repayment/<uuid:repayment_id>/payments/", repayment.payment_new, name="payment_new"),
    path(f"{E}/repayment/payments/<uuid:payment_id>/verify/", repayment.payment_verify_view, name="payment_verify"),
]
