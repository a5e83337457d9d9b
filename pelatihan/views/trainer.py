"""The trainer's pages (HR reaches them too): their sessions, the attendance sheet, the rotating
QR check-in screen, the attendance export and the session's certificates. Trainers see their
participants' names and units only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from portal.core import downloads, roles
from portal.core.http import error_message
from portal.core.links import public_url

from .. import rules
from ..documents import qr
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
    """Today's sessions first (each with its check-in one tap away), then upcoming, then past."""
    if not (roles.is_trainer(request.user) or roles.is_hr(request.user)):
        raise PermissionDenied
    return render(request, "pelatihan/trainer_session_list.html", {
        "agenda": session_selectors.trainer_agenda(request.user), "today": timezone.localdate(),
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


def _code(session, day) -> dict:
    """The meeting day's current check-in code (a signed token in a link on the public address,
    drawn as a QR): only on the day itself, for a session still running."""
    if day.date != timezone.localdate() or session.status != SessionStatus.PUBLISHED:
        return {}
    token = attendance_services.checkin_token(day=day)
    url = public_url(reverse("pelatihan:checkin", args=[session.pk, token]))
    return {"url": url, "qr_svg": qr.svg_inline(url, title=_("Attendance check-in code"))}


@login_required
@require_GET
def checkin_screen(request, pk, day_pk, projector=False):
    """The check-in screen of a meeting day, drawn at once with its first code; htmx then swaps
    the code every QR_ROTATE_SECONDS and the counter every few seconds. ``projector``: the same
    on a full, high-contrast screen for a projector or a large display."""
    session = session_for_runner(request.user, pk)
    day = day_of(session, day_pk)
    template = "pelatihan/checkin_projector.html" if projector else "pelatihan/checkin_screen.html"
    return render(request, template, {
        "session": session, "day": day, "is_today": day.date == timezone.localdate(),
        "rotate_seconds": rules.QR_ROTATE_SECONDS, "count_seconds": rules.QR_COUNT_SECONDS,
        "progress": attendance_selectors.checkin_progress(day), **_code(session, day),
    })


@login_required
@never_cache
@require_GET
def checkin_code(request, pk, day_pk):
    """The rotating QR alone (htmx swaps it every QR_ROTATE_SECONDS)."""
    session = session_for_runner(request.user, pk)
    day = day_of(session, day_pk)
    return render(request, "pelatihan/includes/checkin_code.html", _code(session, day))


@login_required
@never_cache
@require_GET
def checkin_count(request, pk, day_pk):
    """The live counter alone: checked in against expected (htmx swaps it every few seconds).
    The code's fragment never carries it, so the screen shows exactly one counter."""
    session = session_for_runner(request.user, pk)
    day = day_of(session, day_pk)
    return render(request, "pelatihan/includes/checkin_count.html",
                  {"progress": attendance_selectors.checkin_progress(day)})


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
    """All the session's certificates as one PDF, built in the background: the page of the file
    says when it is ready (asking again within minutes gives the same file)."""
    session = session_for_runner(request.user, pk)
    if not history_selectors.session_certificates(session).exists():
        raise Http404
    generated = downloads.start(
        owner=request.user, title=_("Certificates: %(session)s") % {"session": session},
        filename=f"sertifikat-sesi-{session.pk}.pdf", builder="pelatihan.documents.certificates.session_batch",
        arguments={"session_id": session.pk},
    )
    return redirect("core:download", pk=generated.pk)
