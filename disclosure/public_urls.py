"""Pages anyone may read, without signing in: what an engagement has agreed to publish (phase 8)."""

from django.urls import path

from disclosure import public_views

app_name = "public"

urlpatterns = [
    path("<uuid:slug>/", public_views.page, name="disclosure"),
    path("<uuid:slug>/pdf/", public_views.pdf, name="disclosure_pdf"),
]
