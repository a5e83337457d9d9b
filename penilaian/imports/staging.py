"""An uploaded file between its preview and its confirmation.

The file is *staged* in the default storage (``MEDIA_ROOT/imports/``) under a random name, and
the pages carry a signed token: the user, the kind, the file's name and SHA-256, and how to
read it (scale, column mapping, whether draft periods may be opened, the name to save the
mapping under), valid for an hour. Why this and not the session or a re-upload: the file survives
between requests served by different workers, a phone user does not pick the file twice, the
session does not carry megabytes, and the token cannot be forged to import a file someone else
uploaded, a file changed after its preview, or with options other than those previewed.
Files nobody confirmed are deleted after a day (``purge_stale``, on each upload; a scheduler may
call it too).
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

STAGE_DIR = "imports"
STAGE_MAX_AGE = 3600  # seconds between preview and confirm
STAGE_KEEP = timedelta(days=1)
SIGNING_SALT = "penilaian.import.stage"


class StageExpired(Exception):
    """The preview is older than an hour or its file is gone: upload again."""


def purge_stale(*, now=None) -> int:
    """Staged files nobody confirmed, removed after a day. Returns how many."""
    try:
        _dirs, files = default_storage.listdir(STAGE_DIR)
    except (FileNotFoundError, NotImplementedError, OSError):
        return 0
    limit = (now or timezone.now()) - STAGE_KEEP
    removed = 0
    for name in files:
        path = f"{STAGE_DIR}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
                removed += 1
        except (FileNotFoundError, NotImplementedError, OSError):
            continue
    return removed


def stage(*, user, kind: str, data: bytes, name: str, **options) -> dict:
    """Keep the file; the payload to ``sign`` (``options``: scale ``s``, mapping ``m``, open
    draft periods ``o``, profile name ``pn``)."""
    purge_stale()
    ext = "xlsx" if name.lower().endswith(".xlsx") else "csv"
    path = default_storage.save(f"{STAGE_DIR}/{uuid.uuid4().hex}.{ext}", ContentFile(data))
    return {"p": path, "u": user.pk, "k": kind, "n": name[:200], "h": hashlib.sha256(data).hexdigest(),
            "s": 5, "m": None, "o": False, "pn": "", **options}


def sign(payload: dict) -> str:
    return signing.dumps(payload, salt=SIGNING_SALT)


def unstage(*, token: str, user, kind: str) -> tuple[dict, bytes]:
    """The staged file for this token; ``PermissionDenied`` when the token is forged, for
    another user or kind, or the file changed; ``StageExpired`` when it is too old or gone."""
    try:
        payload = signing.loads(token, salt=SIGNING_SALT, max_age=STAGE_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise StageExpired from exc
    except signing.BadSignature as exc:
        raise PermissionDenied from exc
    if payload.get("u") != user.pk or payload.get("k") != kind or not str(payload.get("p", "")).startswith(STAGE_DIR + "/"):
        raise PermissionDenied
    try:
        with default_storage.open(payload["p"], "rb") as fh:
            data = fh.read()
    except (FileNotFoundError, OSError) as exc:
        raise StageExpired from exc
    if hashlib.sha256(data).hexdigest() != payload["h"]:
        raise PermissionDenied
    return payload, data


def discard(payload: dict) -> None:
    default_storage.delete(payload["p"])
