from django.urls import path

from actionplans.monitoring import views

app_name = "monitoring"

ACTION = "<uuid:engagement_id>/monitoring/actions/<uuid:action_id>/"

urlpatterns = [
    path("<uuid:engagement_id>/monitoring/", views.dashboard, name="dashboard"),
    path(ACTION, views.action, name="action"),
    path(f"{ACTION}progress/", views.progress, name="progress"),
    path(f"{ACTION}close/", views.close, name="close"),
    path(f"{ACTION}reopen/", views.reopen, name="reopen"),
    path(f"{ACTION}external-verification/", views.external_verification, name="external_verification"),
    path(f"{ACTION}financial-remediation/", views.financial, name="financial"),
    path(f"{ACTION}evidence/<uuid:evidence_id>/", views.evidence_download, name="evidence"),
]
