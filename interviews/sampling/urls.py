from django.urls import path

from interviews.sampling.views import plan, sample

app_name = "sampling"

S = "<uuid:engagement_id>/sample"

urlpatterns = [
    path(f"{S}/", sample.sample_overview, name="sample"),
    path(f"{S}/settings/", sample.sample_settings, name="settings"),
    path(f"{S}/sites/new/", sample.site_new, name="site_new"),
    path(f"{S}/sites/<uuid:site_id>/edit/", sample.site_edit, name="site_edit"),
    path(f"{S}/sites/<uuid:site_id>/upload/", sample.list_upload, name="list_upload"),
    path(f"{S}/lists/<uuid:list_id>/", sample.list_detail, name="list_detail"),
    path(f"{S}/lists/<uuid:list_id>/draw/", sample.draw_create, name="draw_create"),
    path(f"{S}/draws/<uuid:draw_id>/", sample.draw_detail, name="draw_detail"),
    path(f"{S}/plan/", plan.plan, name="plan"),
    path(f"{S}/plan/breaks/", plan.periods, name="periods"),
    path(f"{S}/plan/breaks/<uuid:period_id>/delete/", plan.period_delete, name="period_delete"),
    path(f"{S}/plan/sites/<uuid:site_id>/agenda/", plan.agenda_add, name="agenda_add"),
    path(f"{S}/plan/agenda/<uuid:item_id>/delete/", plan.agenda_delete, name="agenda_delete"),
    path(f"{S}/plan/sites/<uuid:site_id>/slots/", plan.slot_add, name="slot_add"),
    path(f"{S}/plan/sites/<uuid:site_id>/auto/", plan.auto_schedule, name="auto_schedule"),
    path(f"{S}/plan/slots/<uuid:slot_id>/delete/", plan.slot_delete, name="slot_delete"),
]
