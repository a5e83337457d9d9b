"""Files built in the background: a batch of certificates, a large export.

A view that would take seconds calls :func:`start` instead and redirects to the file's page
(``core:download``), which shows "being prepared" until the worker has built it and then the
download link. The builder is a plain function named by its dotted path that takes JSON
arguments and returns ``(bytes, content_type)``; the file is stored under a random name and
only its owner may fetch it (``portal.core.files.private_file_response``).
"""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from .models import GeneratedFile, GeneratedFileStatus

logger = logging.getLogger(__name__)

GENERATED_DIR = "private/generated"
REUSE_WITHIN = dt.timedelta(minutes=10)  # the same request again soon: the same file
KEEP_FOR = dt.timedelta(days=7)


def start(*, owner, title: str, filename: str, builder: str, arguments: dict | None = None) -> GeneratedFile:
    """Queue the file (or return the same one asked for in the last few minutes)."""
    arguments = arguments or {}
    recent = (
        GeneratedFile.objects.filter(
            owner=owner, builder=builder, arguments=arguments, created_at__gte=timezone.now() - REUSE_WITHIN
        )
        .exclude(status=GeneratedFileStatus.FAILED)
        .first()
    )
    if recent is not None:
        return recent
    row = GeneratedFile.objects.create(owner=owner, title=title[:255], filename=filename[:255], builder=builder,
                                       arguments=arguments)
    transaction.on_commit(lambda: build.enqueue(str(row.pk)), robust=True)
    return row


@task()
def build(file_id: str) -> str:
    """Build the file once (a second run, or a second worker, finds it no longer pending)."""
    claimed = GeneratedFile.objects.filter(pk=file_id, status=GeneratedFileStatus.PENDING, file="").update(
        file=f"{GENERATED_DIR}/{uuid.uuid4().hex}"
    )
    if not claimed:
        return "skipped"
    row = GeneratedFile.objects.get(pk=file_id)
    try:
        content, content_type = import_string(row.builder)(**row.arguments)
        extension = mimetypes.guess_extension(content_type) or ""
        name = default_storage.save(row.file + extension, ContentFile(content))
    except Exception as exc:  # any builder error: shown to the owner, logged for us
        logger.exception("downloads: building %s (%s) failed", row.pk, row.builder)
        GeneratedFile.objects.filter(pk=row.pk).update(
            status=GeneratedFileStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], file="",
            finished_at=timezone.now(),
        )
        return "failed"
    GeneratedFile.objects.filter(pk=row.pk).update(
        status=GeneratedFileStatus.READY, file=name, content_type=content_type, finished_at=timezone.now()
    )
    return "ready"


def purge(*, now: dt.datetime | None = None) -> int:
    """Delete generated files (and their rows) older than :data:`KEEP_FOR`."""
    old = GeneratedFile.objects.filter(created_at__lt=(now or timezone.now()) - KEEP_FOR)
    for name in old.exclude(file="").values_list("file", flat=True):
        default_storage.delete(name)
    return old.delete()[0]
