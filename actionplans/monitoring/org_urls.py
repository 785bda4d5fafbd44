from django.urls import path

from actionplans.monitoring import views

app_name = "org_monitoring"

urlpatterns = [
    path("overview/", views.organisation_overview, name="overview"),
]
