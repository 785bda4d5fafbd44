from django.urls import path

from actionplans.followups import views

app_name = "followups"

E = "<uuid:engagement_id>"

urlpatterns = [
    path(f"{E}/follow-ups/", views.follow_ups, name="follow_ups"),
    path(f"{E}/follow-ups/cohorts/new/", views.cohort_new, name="cohort_new"),
    path(f"{E}/follow-ups/rounds/<uuid:round_id>/done/", views.round_done, name="round_done"),
    path(f"{E}/follow-ups/assessment/start/", views.assessment_start, name="assessment_start"),
    path(f"{E}/follow-ups/verification/", views.verification, name="verification"),
    path(f"{E}/follow-ups/verification/<uuid:verification_id>/", views.verification_set, name="verification_set"),
    path(f"{E}/grievances/", views.grievances, name="grievances"),
    path(f"{E}/grievances/new/", views.grievance_new, name="grievance_new"),
    path(f"{E}/grievances/<uuid:case_id>/", views.grievance, name="grievance"),
    path(f"{E}/grievances/<uuid:case_id>/reporter/", views.grievance_reporter, name="grievance_reporter"),
]
