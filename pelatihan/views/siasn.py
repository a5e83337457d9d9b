"""BKPSDM's SIASN reconciliation: per year and unit, the verified development records pending,
sent (SIASN's id and when), held (why) and failed (SIASN's message); sending the pending ones,
and sending failed ones again. HR only."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from penilaian.models import Unit
from penilaian.selectors import register as register_selectors
from portal.core.http import error_message
from portal.core.roles import require_hr

from ..exceptions import TrainingError
from ..models import SendStatus, SiasnSend
from ..selectors import siasn as siasn_selectors
from ..services import siasn as siasn_services
from ..siasn.client import sending_enabled

PAGE_SIZE = 50


def _filters(data) -> tuple[int, Unit | None]:
    """The year (``tahun``, this year by default) and unit (``unit``: its code) asked for."""
    try:
        year = int(data.get("tahun", ""))
    except ValueError:
        year = timezone.localdate().year
    if not 2000 <= year <= 2100:
        year = timezone.localdate().year
    code = data.get("unit", "")
    unit = Unit.objects.filter(code=code).first() if code else None
    return year, unit


def _back(year: int, unit: Unit | None):
    query = {"tahun": year} | ({"unit": unit.code} if unit else {})
    return redirect(f"{reverse('pelatihan:siasn-reconciliation')}?{urlencode(query)}")


@login_required
@require_GET
def siasn_reconciliation(request):
    require_hr(request.user)
    year, unit = _filters(request.GET)
    status = request.GET.get("status", "")
    status = status if status in SendStatus.values else ""
    plans = siasn_selectors.plan_year(year, unit)
    shown = [p for p in plans if not status or p.status == status]
    totals = siasn_selectors.counts(plans)
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    siasn_selectors.attach_records(page.object_list)  # the model instances of the fifty shown
    settings_ = siasn_selectors.siasn_settings()
    years = siasn_selectors.years_with_records()
    if year not in years:
        years = sorted({*years, year}, reverse=True)
    return render(request, "pelatihan/siasn_reconciliation.html", {
        "year": year, "unit": unit, "status": status, "years": years, "units": register_selectors.unit_tree(),
        "totals": totals, "total": len(plans), "statuses": SendStatus.choices, "labels": dict(SendStatus.choices),
        "summary": [(value, label, totals[value]) for value, label in SendStatus.choices],
        "page": page,
        "enabled": sending_enabled(), "instansi_id": settings_.instansi_id,
    })


def _act(request, work, done) -> None:
    """Run one service call; its result as a success message, a domain error as an error."""
    try:
        result = work()
    except TrainingError as exc:
        messages.error(request, error_message(exc))
    else:
        messages.success(request, done(result))


@login_required
@require_POST
def siasn_queue(request):
    require_hr(request.user)
    year, unit = _filters(request.POST)
    _act(request, lambda: siasn_services.queue(year=year, unit=unit, actor=request.user), lambda r: _(
        "Queued for SIASN: %(queued)s. Held: %(held)s. Already in SIASN: %(sent)s. Failed earlier: %(failed)s."
    ) % {"queued": r.queued, "held": r.held, "sent": r.sent, "failed": r.failed})
    return _back(year, unit)


@login_required
@require_POST
def siasn_resend(request, pk):
    require_hr(request.user)
    send = get_object_or_404(SiasnSend.objects.select_related("record"), pk=pk)
    _act(request, lambda: siasn_services.resend(send=send, actor=request.user),
         lambda _sent: _("Sent again: %(title)s.") % {"title": send.record.title})
    _year, unit = _filters(request.POST)
    return _back(send.record.year, unit)


@login_required
@require_POST
def siasn_resend_failed(request):
    require_hr(request.user)
    year, unit = _filters(request.POST)
    _act(request, lambda: siasn_services.resend_failed(year=year, unit=unit, actor=request.user),
         lambda n: _("Failed records sent again: %(n)s.") % {"n": n})
    return _back(year, unit)
