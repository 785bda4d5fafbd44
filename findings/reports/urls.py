from django.urls import path

from findings.reports import views

app_name = "reports"

R = "<uuid:engagement_id>/reports"

urlpatterns = [
    path(f"{R}/", views.renderings, name="renderings"),
    path(f"{R}/live/", views.renderings_live, name="live"),
    path(f"{R}/new/", views.rendering_request, name="request"),
    path(f"{R}/<uuid:rendering_id>/retry/", views.rendering_retry, name="retry"),
    path(f"{R}/<uuid:rendering_id>/share/", views.rendering_share, name="share"),
    path(f"{R}/<uuid:rendering_id>/download/", views.rendering_download, name="download"),
]
