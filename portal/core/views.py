"""The kernel's own pages: BKPSDM's outbox, and the page of a file built in the background."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import mail
from .files import private_file_response
from .http import safe_next
from .models import GeneratedFile, GeneratedFileStatus, OutboxMessage, OutboxStatus
from .roles import require_hr

PAGE_SIZE = 50


@login_required
@require_GET
def outbox(request):
    """Every e-mail the portal sent or tries to send: queued, sent, failed with the error."""
    require_hr(request.user)
    status = request.GET.get("status", "")
    rows = OutboxMessage.objects.defer("payload")
    if status in OutboxStatus.values:
        rows = rows.filter(status=status)
    counts = dict(OutboxMessage.objects.values_list("status").annotate(n=Count("id")).order_by())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/outbox_list.html", {
        "page": page, "status": status, "statuses": OutboxStatus.choices,
        "counts": [(value, label, counts.get(value, 0)) for value, label in OutboxStatus.choices],
    })


@login_required
@require_POST
def outbox_retry(request, pk):
    require_hr(request.user)
    message = get_object_or_404(OutboxMessage.objects.defer("payload"), pk=pk)
    if mail.retry(message=message, actor=request.user):
        messages.success(request, _("The e-mail is queued again."))
    else:
        messages.info(request, _("This e-mail is already sent or being sent."))
    return redirect(safe_next(request, reverse("core:outbox")))


def _own_file(request, pk) -> GeneratedFile:
    row = GeneratedFile.objects.filter(pk=pk, owner=request.user).first()
    if row is None:
        raise Http404
    return row


@login_required
@require_GET
def download(request, pk):
    """The file's page: "being prepared" (refreshing itself), the link, or what went wrong."""
    row = _own_file(request, pk)
    template = "core/includes/download_status.html" if request.htmx else "core/download.html"
    return render(request, template, {"file": row, "pending": row.status == GeneratedFileStatus.PENDING})


@login_required
@require_GET
def download_file(request, pk):
    row = _own_file(request, pk)
    if row.status != GeneratedFileStatus.READY:
        raise Http404
    return private_file_response(row.file, filename=row.filename, content_type=row.content_type)
