from django.urls import path

from vault import views

app_name = "vault"

E = "<uuid:engagement_id>"
R = "<uuid:respondent_id>"

urlpatterns = [
    path(f"{E}/interviews/", views.respondents, name="respondents"),
    path(f"{E}/interviews/new/", views.respondent_new, name="respondent_new"),
    path(f"{E}/interviews/day-sheet/", views.day_sheet_submit, name="day_sheet_submit"),
    path(f"{E}/interviews/{R}/", views.respondent_detail, name="respondent"),
    path(f"{E}/interviews/{R}/answers/", views.response_new, name="response_new"),
    path(f"{E}/interviews/{R}/answers/<uuid:response_id>/", views.response_edit, name="response_edit"),
    path(f"{E}/interviews/{R}/withdraw/", views.respondent_withdraw, name="respondent_withdraw"),
    path(f"{E}/interviews/{R}/identity/", views.identity_unlock, name="identity_unlock"),
    path(f"{E}/data-protection/", views.data_protection, name="data_protection"),
    path(f"{E}/export/responses.csv", views.raw_export, name="raw_export"),
]
