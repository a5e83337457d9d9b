"""Where uploaded import files wait between preview and confirm (``MEDIA_ROOT/imports/``,
random names), and their removal a day later."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.storage import default_storage
from django.utils import timezone

STAGE_DIR = "imports"
STALE_AFTER = timedelta(days=1)


def purge_stale(*, now=None) -> int:
    """Delete staged files nobody confirmed within a day; the number deleted (idempotent)."""
    try:
        _dirs, files = default_storage.listdir(STAGE_DIR)
    except (FileNotFoundError, NotImplementedError, OSError):
        return 0
    limit = (now or timezone.now()) - STALE_AFTER
    deleted = 0
    for name in files:
        path = f"{STAGE_DIR}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
                deleted += 1
        except (FileNotFoundError, NotImplementedError, OSError):
            continue  # another worker removed it first
    return deleted
