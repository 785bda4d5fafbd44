from django.urls import path

from engagements.scoping import views

app_name = "scoping"

E = "<uuid:engagement_id>"

urlpatterns = [
    path(f"{E}/scope/", views.scoping, name="scoping"),
    path(f"{E}/scope/working-group/", views.member_add, name="member_add"),
    path(f"{E}/scope/working-group/<uuid:member_id>/remove/", views.member_remove, name="member_remove"),
    path(f"{E}/scope/risks/", views.risk_add, name="risk_add"),
    path(f"{E}/scope/risks/<uuid:risk_id>/remove/", views.risk_remove, name="risk_remove"),
]
