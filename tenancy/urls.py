from django.urls import path

from tenancy import views

app_name = "tenancy"

urlpatterns = [
    path("<uuid:organisation_id>/", views.organisation, name="organisation"),
    path("<uuid:organisation_id>/members/<uuid:membership_id>/role/", views.membership_role, name="membership_role"),
    path(
        "<uuid:organisation_id>/members/<uuid:membership_id>/remove/", views.membership_delete, name="membership_remove"
    ),
    path("<uuid:organisation_id>/engagements/new/", views.engagement_new, name="engagement_new"),
]
