"""Uploaded files: checked by content, stored under a random name, served only as attachments.

A file is accepted only when its extension is one of the allowed kinds AND its first bytes (or,
for Word and Excel files, its zip directory) prove it is that kind: an HTML page or a script
renamed ``.pdf`` is refused. Files go to Django's default storage (outside the web root: MEDIA_ROOT
is never served) under a random name, and come back only through an access-checked view, as an
attachment with a fixed content type and ``X-Content-Type-Options: nosniff``.
"""

from __future__ import annotations

import re
import secrets
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from interviews.preparation.models import FileKind, StoredFile

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
STORAGE_PREFIX = "preparation"

CONTENT_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.PNG: "image/png",
    FileKind.JPEG: "image/jpeg",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.CSV: "text/csv; charset=utf-8",
    FileKind.TXT: "text/plain; charset=utf-8",
}
EXTENSIONS = {
    ".pdf": FileKind.PDF,
    ".png": FileKind.PNG,
    ".jpg": FileKind.JPEG,
    ".jpeg": FileKind.JPEG,
    ".docx": FileKind.DOCX,
    ".xlsx": FileKind.XLSX,
    ".csv": FileKind.CSV,
    ".txt": FileKind.TXT,
}
STORED_EXTENSION = {
    FileKind.PDF: ".pdf",
    FileKind.PNG: ".png",
    FileKind.JPEG: ".jpg",
    FileKind.DOCX: ".docx",
    FileKind.XLSX: ".xlsx",
    FileKind.CSV: ".csv",
    FileKind.TXT: ".txt",
}
ACCEPT_ATTRIBUTE = ",".join(EXTENSIONS)

# Markup a browser would render or run: never accepted inside a "text" file.
MARKUP = re.compile(rb"<\s*(?:script|html|!doctype|svg|iframe|body|head|object|embed|meta|\?xml)", re.IGNORECASE)


@dataclass(frozen=True)
class CheckedUpload:
    upload: UploadedFile
    kind: FileKind
    original_name: str
    size: int


def max_upload_bytes() -> int:
    return int(getattr(settings, "PREPARATION_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def _read_all(upload: UploadedFile) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _office_kind(upload: UploadedFile) -> FileKind | None:
    """DOCX and XLSX are zip packages: told apart by their parts, read from the zip directory only."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload.file) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if any(name.startswith("word/") for name in names):
        return FileKind.DOCX
    if any(name.startswith("xl/") for name in names):
        return FileKind.XLSX
    return None


def _is_plain_text(data: bytes) -> bool:
    if b"\x00" in data or MARKUP.search(data):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def detect_kind(upload: UploadedFile, claimed: FileKind) -> FileKind | None:
    """The kind the content proves, checked against the kind the extension claims."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(upload)
    if claimed in (FileKind.CSV, FileKind.TXT) and _is_plain_text(_read_all(upload)):
        return claimed
    return None


def clean_name(name: str) -> str:
    """A safe display name: no folders, no control characters, not too long, extension kept."""
    base = PurePath(name.replace("\\", "/")).name
    stem, suffix = PurePath(base).stem, PurePath(base).suffix.lower()
    try:
        safe = get_valid_filename(stem[:150]) or "document"
    except SuspiciousFileOperation:  # a name it cannot make safe, such as ".."
        safe = "document"
    return f"{safe}{suffix}"


def check_upload(upload: UploadedFile | None, *, field: str = "file") -> CheckedUpload:
    """Refuse, with a message for the form, any file that is too large, empty or not what it claims to be."""
    if upload is None:
        raise ValidationError({field: _("Choose a file to upload.")})
    limit = max_upload_bytes()
    if upload.size is None or upload.size == 0:
        raise ValidationError({field: _("The file is empty.")})
    if upload.size > limit:
        raise ValidationError(
            {field: _("The file is too large: the limit is %(mb)s MB.") % {"mb": round(limit / 1024 / 1024, 1)}}
        )
    claimed = EXTENSIONS.get(PurePath(upload.name or "").suffix.lower())
    if claimed is None:
        raise ValidationError(
            {field: _("This type of file is not accepted. Upload a PDF, PNG, JPEG, Word, Excel, CSV or text file.")}
        )
    if detect_kind(upload, claimed) != claimed:
        raise ValidationError(
            {
                field: _("The file's content does not match its name: it is not a real %(kind)s file.")
                % {"kind": claimed.label}
            }
        )
    return CheckedUpload(upload=upload, kind=claimed, original_name=clean_name(upload.name), size=upload.size)


@contextmanager
def stored(checked: CheckedUpload, *, engagement: Any) -> Iterator[dict[str, Any]]:
    """Save the file under a random name; delete it again if what follows fails."""
    path = f"{STORAGE_PREFIX}/{engagement.pk}/{secrets.token_hex(16)}{STORED_EXTENSION[checked.kind]}"
    checked.upload.seek(0)
    name = default_storage.save(path, checked.upload)
    try:
        yield {
            "file": name,
            "original_name": checked.original_name,
            "file_kind": checked.kind,
            "size": checked.size,
        }
    except BaseException:
        default_storage.delete(name)
        raise


def delete_stored(name: str) -> None:
    if name:
        default_storage.delete(name)


def attachment_response(obj: StoredFile) -> FileResponse:
    """The file as a download that no browser will render or sniff."""
    handle = default_storage.open(obj.file.name, "rb")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=obj.original_name or f"document{STORED_EXTENSION.get(obj.file_kind, '')}",
        content_type=CONTENT_TYPES.get(obj.file_kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
