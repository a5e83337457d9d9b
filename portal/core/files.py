"""Private files: uploads that only their owner and the people allowed to see them may read
(employees' certificates).

- They live in their own storage (``settings.STORAGES["private"]``, ``PRIVATE_MEDIA_ROOT``),
  outside ``MEDIA_ROOT``, so no web server hands them out by path; that storage has no URLs.
- They are stored under random names (``random_name``): a name says nothing about its owner and
  cannot be guessed.
- What comes in is checked by its content, not its name or the browser's word
  (``checked_upload``: magic bytes through ``filetype``, an allow-list, a size limit).
- What goes out goes through ``private_file_response`` only — after the calling view has checked
  who may see the file. It is the one place a private download leaves the portal (where a
  proxy's X-Accel-Redirect can take over the sending).
"""

from __future__ import annotations

import mimetypes
import secrets

import filetype
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

# Certificates and similar proof: PDF, JPG or PNG, by content.
ALLOWED_DOCUMENTS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
_SNIFF_BYTES = 8192


def private_storage():
    """The storage of private files (a callable, so a model field does not freeze the settings)."""
    return storages["private"]


class PrivateFileStorage(FileSystemStorage):
    """A file system storage without URLs: its files are served by views, never by path."""

    def url(self, name):
        raise ValueError("Private files have no URL: serve them with portal.core.files.private_file_response.")


def checked_upload(upload, *, allowed: dict[str, str] = ALLOWED_DOCUMENTS, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """The file extension to store ``upload`` under when its content is one of ``allowed`` (MIME
    type → extension) and it is at most ``max_bytes``. Raises ``ValidationError`` with code
    ``empty``, ``too_big`` or ``bad_type``, in the user's language."""
    size = getattr(upload, "size", None) or 0
    if size <= 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s MB; at most %(max)s MB is accepted.")
            % {"size": f"{size / 1048576:.1f}", "max": max_bytes // 1048576},
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(_SNIFF_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in allowed:
        raise ValidationError(
            _("Only PDF, JPG or PNG files are accepted (the content is checked, not the file name)."), code="bad_type"
        )
    return allowed[kind.mime]


def random_name(extension: str) -> str:
    """A fresh, unguessable file name (the extension as ``checked_upload`` gave it); the field's
    ``upload_to`` puts it in its folder."""
    return f"{secrets.token_hex(16)}{extension}"


def private_file_response(stored, filename: str, *, inline: bool = True) -> FileResponse:
    """Send a private file (``stored``: the model's file field value, which knows its storage and
    its path there) as ``filename``. The caller has checked that the user may see it. 404 when
    the file is gone. Shown in the browser (``inline``) or downloaded; never cached by shared
    caches; the type comes from the checked extension (and nosniff)."""
    try:
        handle = stored.storage.open(stored.name, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=not inline, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
