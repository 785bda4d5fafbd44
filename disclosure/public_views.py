"""The public page of a published version, and its PDF. No login, no session, no cookie.

The page reads nothing of the visitor (no ``request.user``, no session, no CSRF token), so the response
sets no cookie and may be cached. It is cached briefly, so that unpublishing takes effect within a minute
even behind a shared cache; each answer carries the version's fingerprint as its ETag.
"""

from __future__ import annotations

from uuid import UUID

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from disclosure.models import PublishedVersion, Section
from disclosure.selectors import published_for_slug

MAX_AGE = 60


def _published(slug: UUID) -> PublishedVersion:
    version = published_for_slug(slug)
    if version is None:
        raise Http404
    return version


def _headers(response: HttpResponse, version: PublishedVersion) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    response["ETag"] = f'"{version.fingerprint[:32]}-{version.number}"'
    response["X-Robots-Tag"] = "noarchive"
    return response


@require_GET
def page(request: HttpRequest, slug: UUID) -> HttpResponse:
    version = _published(slug)
    context = {"version": version, "c": version.content, "section_labels": Section.choices}
    return _headers(render(request, "disclosure/public.html", context), version)


@require_GET
def pdf(request: HttpRequest, slug: UUID) -> HttpResponse:
    version = _published(slug)
    if not version.pdf_ready:
        raise Http404
    handle = default_storage.open(version.pdf.name, "rb")
    filename = f"public-version-{version.number}.pdf"
    response = FileResponse(handle, content_type="application/pdf", as_attachment=False, filename=filename)
    return _headers(response, version)
