from django.urls import path

from findings.analysis import views

app_name = "analysis"

A = "<uuid:engagement_id>/analysis"

urlpatterns = [
    path(f"{A}/", views.overview, name="overview"),
    path(f"{A}/export/indicators.csv", views.export_indicators_csv, name="export_indicators_csv"),
    path(f"{A}/export/fees.csv", views.export_fees_csv, name="export_fees_csv"),
    path(f"{A}/export/aggregates.xlsx", views.export_xlsx, name="export_xlsx"),
    path(f"{A}/rules/", views.analysis_settings, name="settings"),
    path(f"{A}/rates/", views.rates, name="rates"),
    path(f"{A}/rates/<uuid:rate_id>/delete/", views.rate_delete, name="rate_delete"),
]
