from django.urls import path

from interviews.followup import views

app_name = "followup"

E = "<uuid:engagement_id>"

urlpatterns = [
    path(f"{E}/follow-up/", views.follow_up, name="follow_up"),
    path(f"{E}/follow-up/line/", views.line_edit, name="line"),
    path(f"{E}/follow-up/<uuid:respondent_id>/", views.calls, name="calls"),
]
