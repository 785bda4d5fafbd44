"""Site photos: size-limited, re-encoded without any metadata, served only through an access-checked view.

A photo of a dormitory can carry the place (EXIF GPS), the device, the owner's name, an XMP packet
or an ICC comment. Nothing of the upload is kept but its pixels: the picture is turned upright by
its EXIF orientation first, scaled down to ``MAX_SIDE`` and written afresh as JPEG (or PNG, for a
PNG) from a new image with no ``info`` at all. The size limit is enforced three times: by the
declared Content-Length before the body is read, by an upload handler while it is read (for a body
without a length), and by the upload's size. Files go to Django's default storage under a random
name (like phase 3's uploads, ``interviews.preparation.uploads``) and come back inline, with a
fixed content type and ``nosniff``, only through ``views.checklists.photo``.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from interviews.preparation.uploads import delete_stored, max_upload_bytes
from interviews.sitevisits.models import PhotoType, SiteObservation

STORAGE_PREFIX = "sitevisits"
MAX_SIDE = 2000
THUMB_SIDE = 360
# Decoding is refused above these sizes (decompression bombs). JPEGs are decoded at a reduced
# scale (``Image.draft``), so a large camera photo stays cheap.
MAX_PIXELS_JPEG = 120_000_000
MAX_PIXELS_OTHER = 50_000_000
# Room for the form's other fields and the multipart boundaries around the photo.
REQUEST_OVERHEAD = 256 * 1024

ACCEPTED = {"JPEG": PhotoType.JPEG, "PNG": PhotoType.PNG, "WEBP": PhotoType.JPEG}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"
CONTENT_TYPES = {PhotoType.JPEG: "image/jpeg", PhotoType.PNG: "image/png"}
EXTENSIONS = {PhotoType.JPEG: ".jpg", PhotoType.PNG: ".png"}


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    thumbnail: bytes
    photo_type: PhotoType
    width: int
    height: int


def max_photo_bytes() -> int:
    """SITEVISITS_MAX_PHOTO_BYTES, or the limit of phase 3's uploads."""
    return int(getattr(settings, "SITEVISITS_MAX_PHOTO_BYTES", max_upload_bytes()))


def too_large_message() -> str:
    return _("The photo is too large: the limit is %(mb)s MB.") % {"mb": round(max_photo_bytes() / 1024 / 1024, 1)}


def declared_too_large(request: HttpRequest) -> bool:
    """Refuse before reading the body when its declared length already exceeds the limit."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > max_photo_bytes() + REQUEST_OVERHEAD


class PhotoSizeLimit(FileUploadHandler):
    """Stops reading a file past the limit (the body may have no Content-Length); ``exceeded`` tells the view."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = max_photo_bytes()
        self.exceeded = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            self.exceeded = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _not_a_photo() -> ValidationError:
    return ValidationError(_("This is not a photo this page accepts: upload a JPEG, PNG or WebP picture."))


def _encode(image: Image.Image, photo_type: PhotoType) -> bytes:
    out = io.BytesIO()
    if photo_type == PhotoType.PNG:
        image.save(out, format="PNG", optimize=True)
    else:
        image.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def _upright_pixels(upload: UploadedFile) -> tuple[Image.Image, PhotoType]:
    """The picture's pixels only, upright and at most MAX_SIDE on each side, in a brand-new image."""
    upload.seek(0)
    with Image.open(upload, formats=list(ACCEPTED)) as image:
        photo_type = ACCEPTED[image.format]
        limit = MAX_PIXELS_JPEG if image.format == "JPEG" else MAX_PIXELS_OTHER
        if image.width * image.height > limit:
            raise ValidationError(_("The picture has too many pixels: take it at a lower resolution."))
        if image.format == "JPEG":
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))
        image.seek(0)  # the first frame of an animated file
        upright = ImageOps.exif_transpose(image)
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    mode = "RGBA" if photo_type == PhotoType.PNG and has_alpha else "RGB"
    pixels = upright.convert(mode)
    pixels.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    # A new image from raw pixels carries no info: no EXIF, XMP, ICC profile, comment or text chunk.
    return Image.frombytes(mode, pixels.size, pixels.tobytes()), photo_type


def clean_photo(upload: UploadedFile) -> CleanPhoto:
    """Refuse what is too large or not a picture; return the re-encoded photo and its thumbnail."""
    if not upload.size:
        raise ValidationError(_("The file is empty."))
    if upload.size > max_photo_bytes():
        raise ValidationError(too_large_message())
    try:
        clean, photo_type = _upright_pixels(upload)
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        raise _not_a_photo() from error
    thumb = clean.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    return CleanPhoto(
        content=_encode(clean, photo_type),
        thumbnail=_encode(thumb, photo_type),
        photo_type=photo_type,
        width=clean.width,
        height=clean.height,
    )


@contextmanager
def stored(photo: CleanPhoto, *, engagement: Any) -> Iterator[dict[str, str]]:
    """Save the photo and its thumbnail under a random name; delete both again if what follows fails."""
    base = f"{STORAGE_PREFIX}/{engagement.pk}/{secrets.token_hex(16)}"
    extension = EXTENSIONS[photo.photo_type]
    names = [default_storage.save(f"{base}{extension}", ContentFile(photo.content))]
    try:
        names.append(default_storage.save(f"{base}-thumb{extension}", ContentFile(photo.thumbnail)))
        yield {"photo": names[0], "photo_thumbnail": names[1], "photo_type": photo.photo_type}
    except BaseException:
        for name in names:
            delete_stored(name)
        raise


def delete_files(names: list[str]) -> None:
    for name in names:
        delete_stored(name)


def inline_response(observation: SiteObservation, *, thumbnail: bool = False) -> FileResponse:
    """The photo, shown in the browser (never sniffed, never cached)."""
    photo_type = PhotoType(observation.photo_type)
    field = observation.photo_thumbnail if thumbnail else observation.photo
    response = FileResponse(
        default_storage.open(field.name, "rb"),
        as_attachment=False,
        filename=f"site-photo{EXTENSIONS[photo_type]}",
        content_type=CONTENT_TYPES[photo_type],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
