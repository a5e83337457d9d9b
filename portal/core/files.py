"""Private files: stored under random names, handed out only by a view that has checked who
may have them.

- :func:`private_file_response` is the one way a view returns a stored file. In production
  (``PRIVATE_FILES_ACCEL_PREFIX`` set, e.g. ``/_private/``) Django answers with an empty body
  and ``X-Accel-Redirect``; nginx then sends the bytes from an ``internal`` location that
  maps the prefix onto ``MEDIA_ROOT``, so the file never passes through Python and can never be
  fetched without the view. Without the setting Django streams the file itself.
- :func:`sendfile` is the same thing as a backend for Wagtail's document view
  (``SENDFILE_BACKEND``), so internal documents keep Wagtail's collection privacy check.
- The storages give uploads a random folder (``documents/<random>/report.pdf``): the original
  name survives for the download, the path cannot be guessed.
- What comes in is checked by its content, not its name or the browser's word
  (:func:`checked_upload`: magic bytes through ``filetype``, an allow-list, a size limit), and
  stored under a fresh random name (:func:`random_name`).
"""

from __future__ import annotations

import mimetypes
import os
import secrets
from pathlib import Path
from urllib.parse import quote

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, InMemoryStorage, default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

# Folders whose uploads get a random sub-folder: Wagtail documents, uploaded certificates,
# files built in the background. Wagtail images (public renditions) keep their names.
RANDOM_DIRS = ("documents/", "pelatihan/", "private/", "sertifikat-eksternal/")

# Certificates and similar proof: PDF, JPG or PNG, by content.
ALLOWED_DOCUMENTS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
_SNIFF_BYTES = 8192


def random_path(name: str) -> str:
    """``documents/report.pdf`` → ``documents/<32 random hex>/report.pdf`` for private folders."""
    if not name.startswith(RANDOM_DIRS):
        return name
    folder, _sep, base = name.rpartition("/")
    return f"{folder}/{secrets.token_hex(16)}/{base}"


class RandomNameMixin:
    def generate_filename(self, filename):
        return super().generate_filename(random_path(str(filename).replace("\\", "/")))


class PrivateFileSystemStorage(RandomNameMixin, FileSystemStorage):
    """The default storage in production: MEDIA_ROOT, private folders under random names."""


class PrivateInMemoryStorage(RandomNameMixin, InMemoryStorage):
    """The same for the tests."""


def _accel_response(name: str, *, content_type: str) -> HttpResponse | None:
    prefix = settings.PRIVATE_FILES_ACCEL_PREFIX
    location = getattr(default_storage, "location", None)
    if not prefix or location is None or Path(location).resolve() != Path(settings.MEDIA_ROOT).resolve():
        return None
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name.lstrip("/"))
    return response


def private_file_response(name: str, *, filename: str | None = None, attachment: bool = True,
                          content_type: str | None = None) -> HttpResponse:
    """The stored file ``name`` (a storage path) for a request the caller has authorised.

    404 when it is missing. ``filename`` is what the browser saves it as (default: the stored
    base name). Never cached by shared caches; never rendered as HTML by the browser.
    """
    if not name or ".." in Path(name).parts:
        raise Http404
    if not default_storage.exists(name):
        raise Http404
    filename = filename or os.path.basename(name)
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = _accel_response(name, content_type=content_type)
    if response is None:
        response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def sendfile(request, filename, **kwargs):
    """Wagtail's ``SENDFILE_BACKEND`` interface: ``filename`` is an absolute path under
    ``MEDIA_ROOT`` (Wagtail has done its checks and sets the headers it wants afterwards)."""
    root = Path(settings.MEDIA_ROOT).resolve()
    path = Path(filename).resolve()
    if root not in path.parents:
        raise Http404
    return private_file_response(path.relative_to(root).as_posix(), content_type=kwargs.get("mimetype"))


def private_storage():
    """The storage of private uploads, for a model field's ``storage=`` (a callable, so the field
    does not freeze the settings): the default storage, whose private folders get random names
    and whose files only :func:`private_file_response` hands out."""
    return default_storage


def _content_type(upload) -> str | None:
    """The MIME type the upload's first bytes name (magic bytes), or None."""
    upload.seek(0)
    head = upload.read(_SNIFF_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    return kind.mime if kind else None


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
    mime = _content_type(upload)
    if mime not in allowed:
        raise ValidationError(
            _("Only PDF, JPG or PNG files are accepted (the content is checked, not the file name)."), code="bad_type"
        )
    return allowed[mime]


def sniff(upload, *, allowed: dict[str, str], max_bytes: int) -> tuple[str, str]:
    """Check an upload by size and content: (extension without the dot, MIME type) when its magic
    bytes name a type in ``allowed`` (MIME → extension). Raises ``ValidationError`` (codes
    ``too_large``, ``wrong_type``) with a message for the user otherwise."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": round(max_bytes / (1024 * 1024), 1)}, code="too_large"
        )
    mime = _content_type(upload)
    if mime not in allowed:
        raise ValidationError(
            _("This kind of file is not accepted. Upload one of: %(kinds)s.")
            % {"kinds": ", ".join(sorted({ext.lstrip(".").upper() for ext in allowed.values()}))},
            code="wrong_type",
        )
    return allowed[mime].lstrip("."), mime


def random_name(extension: str) -> str:
    """A fresh, unguessable file name (the extension as :func:`checked_upload` gave it); the
    field's ``upload_to`` puts it in its folder."""
    return f"{secrets.token_hex(16)}{extension}"
