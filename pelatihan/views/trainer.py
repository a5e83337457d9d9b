"""The trainer's pages (HR reaches them too): their sessions, the attendance sheet, the rotating
QR check-in screen, the attendance export and the session's certificates. Trainers see their
participants' names and units only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from portal.core import roles
from portal.core.http import error_message
from portal.core.links import public_url

from .. import rules
from ..documents import certificates, qr
from ..documents.exports import FORMATS, attendance_response
from ..exceptions import TrainingError
from ..forms import SheetForm
from ..models import AttendanceStatus, SessionStatus
from ..selectors import attendance as attendance_selectors
from ..selectors import history as history_selectors
from ..selectors import sessions as session_selectors
from ..services import attendance as attendance_services
from ._fetch import day_of, session_for_runner


@login_required
@require_GET
def trainer_sessions(request):
    if not (roles.is_trainer(request.user) or roles.is_hr(request.user)):
        raise PermissionDenied
    return render(request, "pelatihan/trainer_session_list.html", {
        "sessions": session_selectors.trainer_sessions(request.user), "today": timezone.localdate(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def attendance_sheet(request, pk, day_pk):
    session = session_for_runner(request.user, pk)
    day = day_of(session, day_pk)
    rows = attendance_selectors.attendance_sheet(day)
    form = SheetForm(request.POST or None, rows=rows)
    if request.method == "POST":
        if session.status == SessionStatus.CANCELLED:
            raise PermissionDenied
        try:
            if "all_present" in request.POST:
                changed = attendance_services.attendance_all_present(day=day, actor=request.user)
            elif form.is_valid():
                changed = attendance_services.attendance_sheet_save(day=day, entries=form.entries(), actor=request.user)
            else:
                changed = None
        except TrainingError as exc:
            messages.error(request, error_message(exc))
        else:
            if changed is not None:
                messages.success(request, _("Attendance saved (%(n)s changed).") % {"n": changed})
                return redirect("pelatihan:attendance-sheet", pk=session.pk, day_pk=day.pk)
    return render(request, "pelatihan/attendance_sheet.html", {
        "session": session, "day": day, "days": session.days.all(), "rows": rows, "form": form,
        "progress": attendance_selectors.checkin_progress(day), "statuses": AttendanceStatus.choices,
    })


@login_required
@require_GET
def checkin_screen(request, pk, day_pk):
    session = session_for_runner(request.user, pk)
    day = day_of(session, day_pk)
    return render(request, "pelatihan/checkin_screen.html", {
        "session": session, "day": day, "is_today": day.date == timezone.localdate(),
        "rotate_seconds": rules.QR_ROTATE_SECONDS,
    })


@login_required
@never_cache
@require_GET
def checkin_code(request, pk, day_pk):
    """The rotating QR (htmx swaps it every QR_ROTATE_SECONDS) with checked-in vs expected."""
    session = session_for_runner(request.user, pk)
    day = day_of(session, day_pk)
    context = {"session": session, "day": day, "progress": attendance_selectors.checkin_progress(day)}
    if day.date == timezone.localdate() and session.status == SessionStatus.PUBLISHED and request.GET.get("only") != "count":
        token = attendance_services.checkin_token(day=day)
        url = public_url(reverse("pelatihan:checkin", args=[session.pk, token]))
        context.update(url=url, qr_svg=qr.svg_inline(url))
    return render(request, "pelatihan/includes/checkin_code.html", context)


@login_required
@require_GET
def attendance_export(request, pk, fmt):
    if fmt not in FORMATS:
        raise Http404
    session = session_for_runner(request.user, pk)
    days, rows = attendance_selectors.attendance_matrix(session)
    return attendance_response(days, rows, fmt=fmt, name=f"presensi-sesi-{session.pk}")


@login_required
@require_GET
def session_certificates(request, pk):
    session = session_for_runner(request.user, pk)
    certs = list(history_selectors.session_certificates(session))
    if not certs:
        raise Http404
    return HttpResponse(certificates.render_pdf(certs), content_type="application/pdf",
                        headers={"Content-Disposition": f'attachment; filename="sertifikat-sesi-{session.pk}.pdf"'})
