from django.urls import path

from interviews.fieldwork import views

app_name = "field"

E = "engagements/<uuid:engagement_id>"

urlpatterns = [
    path("", views.app, name="app"),
    path("day.json", views.day_data, name="day_data"),
    path("key.json", views.outbox_key, name="outbox_key"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("conflicts/", views.conflicts, name="conflicts"),
    path(f"{E}/", views.engagement_day, name="engagement_day"),
    path(f"{E}/day-sheet/", views.day_sheet, name="day_sheet"),
    path(f"{E}/conflicts/", views.engagement_conflicts, name="engagement_conflicts"),
    path(f"{E}/conflicts/<uuid:conflict_id>/", views.conflict_detail, name="conflict"),
    path(
        f"{E}/interviews/<uuid:respondent_id>/answers/<uuid:response_id>/",
        views.response_edit,
        name="response_edit",
    ),
]
