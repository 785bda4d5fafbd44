from django.urls import path

from interviews.debrief import views

app_name = "debrief"

urlpatterns = [
    path("<uuid:engagement_id>/debrief/", views.debrief, name="debrief"),
    path("<uuid:engagement_id>/debrief/live/", views.debrief_live, name="live"),
]
