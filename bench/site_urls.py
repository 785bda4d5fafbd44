"""The production URLs plus the benchmarks' baseline: a bare Django view making one query."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path

from mapping_platform.urls import urlpatterns as production


def one_query(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (value,) = cursor.fetchone()
    return HttpResponse(f"{value}\n", content_type="text/plain")


urlpatterns = [path("bench/one-query/", one_query), *production]
