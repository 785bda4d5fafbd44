from django.urls import path

from disclosure import views

app_name = "disclosure"

D = "<uuid:engagement_id>/disclosure"

urlpatterns = [
    path(f"{D}/", views.overview, name="overview"),
    path(f"{D}/choose/", views.choose, name="choose"),
    path(f"{D}/approve/", views.approve, name="approve"),
    path(f"{D}/withdraw/", views.withdraw, name="withdraw"),
    path(f"{D}/publish/", views.publish, name="publish"),
    path(f"{D}/unpublish/", views.unpublish, name="unpublish"),
    path(f"{D}/log/", views.log, name="log"),
    path(f"{D}/log/add/", views.log_add, name="log_add"),
]
