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
"""

from __future__ import annotations

import mimetypes
import os
import secrets
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, InMemoryStorage, default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

# Folders whose uploads get a random sub-folder: Wagtail documents, uploaded certificates,
# files built in the background. Wagtail images (public renditions) keep their names.
RANDOM_DIRS = ("documents/", "pelatihan/", "private/")


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
