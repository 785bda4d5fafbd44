from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_GET

from engagements.views.engagement import home


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", home, name="home"),
    path("healthz/", healthz, name="healthz"),
    path("", include("accounts.urls")),
    path("engagements/", include("engagements.urls")),
    path("engagements/", include("vault.urls")),
    path("engagements/", include("engagements.scoping.urls")),
    path("engagements/", include("engagements.supplychain.urls")),
    path("engagements/", include("interviews.preparation.urls")),
    path("engagements/", include("interviews.questionnaires.urls")),
    path("engagements/", include("interviews.sampling.urls")),
    path("engagements/", include("interviews.sitevisits.urls")),
    path("engagements/", include("interviews.followup.urls")),
    path("engagements/", include("interviews.debrief.urls")),
    path("engagements/", include("findings.urls")),
    path("engagements/", include("findings.analysis.urls")),
    path("engagements/", include("findings.reports.urls")),
    path("engagements/", include("actionplans.urls")),
    path("engagements/", include("actionplans.monitoring.urls")),
    path("engagements/", include("actionplans.followups.urls")),
    path("engagements/", include("disclosure.urls")),
    path("", include("reminders.urls")),
    path("public/", include("disclosure.public_urls")),
    path("organisations/", include("actionplans.monitoring.org_urls")),
    path("organisations/", include("tenancy.urls")),
    path("api/", include("api.urls")),
    path("api/", include("interviews.fieldwork.urls")),
    path("field/", include("interviews.fieldwork.web_urls")),
    path("admin/", admin.site.urls),
]
