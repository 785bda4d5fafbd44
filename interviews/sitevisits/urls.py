from django.urls import path

from interviews.sitevisits.views import checklists, reviews

app_name = "sitevisits"

E = "<uuid:engagement_id>"

urlpatterns = [
    path(f"{E}/site-checklists/", checklists.sites, name="sites"),
    path(f"{E}/site-checklists/<uuid:site_id>/", checklists.site_checklist, name="checklist"),
    path(
        f"{E}/site-checklists/<uuid:site_id>/items/<slug:item_id>/",
        checklists.observation_save,
        name="observation_save",
    ),
    path(f"{E}/site-checklists/photos/<uuid:observation_id>/", checklists.photo, name="photo"),
    path(f"{E}/document-review/", reviews.documents, name="documents"),
    path(f"{E}/document-review/<uuid:request_id>/", reviews.document_review, name="document_review"),
]
