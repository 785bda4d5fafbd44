from django.urls import path

from interviews.fieldwork import api

app_name = "fieldwork"

urlpatterns = [
    path("v1/engagements/<uuid:engagement_id>/records/<uuid:record_id>/", api.sync_record_view, name="record_sync"),
]
