"""An employee's pages: the sessions and registering, their registrations and the calendar link,
the QR check-in, and the development history with its certificates (which supervisors and HR
reach for the employees they may see). Thin: decorators, fetch for this user, one call."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from penilaian import permissions as penilaian_permissions
from penilaian.models import Employee
from penilaian.permissions import require_employee
from portal.core import roles
from portal.core.files import private_file_response
from portal.core.http import error_message, safe_next
from portal.core.links import public_url

from .. import permissions, rules
from ..documents import calendar, certificates
from ..exceptions import TrainingError
from ..forms import RecordForm
from ..models import EnrolmentStatus, Route, Session, SessionStatus
from ..selectors import enrolment as enrolment_selectors
from ..selectors import history as history_selectors
from ..selectors import sessions as session_selectors
from ..services import attendance as attendance_services
from ..services import completion as completion_services
from ..services import enrolment as enrolment_services
from ..services import notifications as notification_services
from ._fetch import certificate_for_viewer, employee_for_viewer, enrolment_for_user, record_for_viewer


def _filters(request) -> dict:
    return {
        "indicator": request.GET.get("indikator", "").strip(),
        "month": request.GET.get("bulan", "").strip(),
        "route": request.GET.get("jalur", "").strip(),
        "with_seats": request.GET.get("tersedia") == "1",
    }


@login_required
@require_GET
def session_list(request):
    filters = _filters(request)
    sessions = list(session_selectors.published_sessions(**filters)[:100])
    mine = enrolment_selectors.enrolments_by_session(penilaian_permissions.employee_of(request.user), sessions)
    for session in sessions:
        session.my_enrolment = mine.get(session.pk)
    return render(request, "pelatihan/session_list.html", {
        "sessions": sessions, "filters": filters, "routes": Route.choices,
        "indicators": session_selectors.indicators_with_programmes(),
    })


@login_required
@require_GET
def session_detail(request, pk):
    session = session_selectors.session_detail(pk)
    if session is None or (session.status == SessionStatus.DRAFT and not roles.is_hr(request.user)):
        raise Http404
    employee = penilaian_permissions.employee_of(request.user)
    enrolment = enrolment_selectors.enrolment_of(session, employee)
    return render(request, "pelatihan/session_detail.html", {
        "session": session, "enrolment": enrolment,
        "position": enrolment_selectors.waiting_position(enrolment) if enrolment else None,
        "can_run": permissions.can_run_session(request.user, session),
        "page": session.workshop_pages.live().first() if hasattr(session, "workshop_pages") else None,
    })


@login_required
@require_POST
def session_register(request, pk):
    session = get_object_or_404(Session, pk=pk)
    employee = penilaian_permissions.employee_of(request.user)
    back = safe_next(request, reverse("pelatihan:session-detail", args=[pk]))
    if employee is None:
        messages.error(request, _("Only employees in the register can sign up for training."))
        return redirect(back)
    try:
        result = enrolment_services.enrolment_create(session=session, employee=employee, actor=request.user)
    except TrainingError as exc:
        messages.error(request, error_message(exc))
        return redirect(back)
    enrolment = result.enrolment
    if enrolment.status == EnrolmentStatus.CONFIRMED:
        messages.success(request, _("You are registered. A confirmation with a calendar invitation is on its way."))
    elif enrolment.status == EnrolmentStatus.WAITING:
        messages.warning(request, _("The session is full: you are number %(n)s on the waiting list.") % {
            "n": enrolment_selectors.waiting_position(enrolment)})
    else:
        messages.info(request, _("Your registration is waiting for your supervisor's approval."))
    for other in result.clashes:
        messages.warning(request, _("Note: this clashes with %(session)s, which you are also registered for.") % {
            "session": other})
    return redirect(back)


@login_required
@require_GET
def my_enrolments(request):
    employee = require_employee(request.user)
    feed = enrolment_selectors.calendar_feed_of(employee)
    return render(request, "pelatihan/enrolment_list.html", {
        "enrolments": enrolment_selectors.my_enrolments(employee),
        "feed_url": public_url(reverse("pelatihan:calendar-feed", args=[feed.token])) if feed else None,
    })


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_cancel(request, pk):
    """GET asks for confirmation (what cancelling means for this registration) on a page of its
    own, so it works on any phone without JavaScript; POST cancels."""
    enrolment = enrolment_for_user(request.user, pk)
    if request.method == "GET":
        return render(request, "pelatihan/enrolment_cancel.html", {
            "enrolment": enrolment, "session": session_selectors.session_detail(enrolment.session_id),
            "waiting": enrolment_selectors.waiting_list(enrolment.session).count(),
            "back": safe_next(request, reverse("pelatihan:my-enrolments")),
        })
    try:
        enrolment_services.enrolment_cancel(enrolment=enrolment, actor=request.user)
    except TrainingError as exc:
        messages.error(request, error_message(exc))
    else:
        messages.success(request, _("Your registration is cancelled. A calendar update removing it is on its way."))
    return redirect(safe_next(request, reverse("pelatihan:my-enrolments")))


@login_required
@require_GET
def enrolment_calendar(request, pk):
    """One registration's .ics (the same events, UIDs and status as its e-mailed invitation)."""
    enrolment = enrolment_for_user(request.user, pk)
    return HttpResponse(calendar.enrolment_ics(enrolment, download=True), content_type="text/calendar; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="pelatihan-{enrolment.pk}.ics"'})


@login_required
@require_POST
def calendar_feed_create(request):
    employee = require_employee(request.user)
    notification_services.calendar_feed_for(employee=employee, rotate=True)
    messages.success(request, _("Your private calendar link is ready. Old links no longer work."))
    return redirect("pelatihan:my-enrolments")


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request, pk, token):
    """A participant scanned the trainer's code. GET checks it and asks for one tap; POST marks
    hadir. Every refusal says why and changes nothing."""
    session = get_object_or_404(Session.objects.select_related("programme"), pk=pk)
    employee = penilaian_permissions.employee_of(request.user)
    error = None
    done = False
    try:
        if request.method == "POST":
            attendance_services.checkin(
                token=token, session=session, employee=employee, actor=request.user,
                max_age=rules.QR_ROTATE_SECONDS + rules.QR_GRACE_SECONDS + rules.QR_CONFIRM_SECONDS,
            )
            done = True
        else:
            attendance_services.checkin_verify(
                token=token, session=session, employee=employee, max_age=rules.QR_ROTATE_SECONDS + rules.QR_GRACE_SECONDS
            )
    except TrainingError as exc:
        error = error_message(exc)
    return render(request, "pelatihan/checkin.html", {"session": session, "error": error, "done": done},
                  status=400 if error else 200)


def _history(request, employee: Employee):
    records, years = history_selectors.development_history(employee)
    return render(request, "pelatihan/history_detail.html", {
        "subject": employee, "records": records, "years": years,
        "is_self": penilaian_permissions.employee_of(request.user) == employee,
        "target": rules.jp_target(employee.employee_type),
    })


@login_required
@require_http_methods(["GET", "POST"])
def record_submit(request):
    """The employee records a training from outside BKPSDM, with its certificate, for BKPSDM to
    verify. Nothing typed is lost on an error (the file is asked for again)."""
    employee = require_employee(request.user)
    form = RecordForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            completion_services.external_record_create(employee=employee, actor=request.user, **form.cleaned_data)
        except TrainingError as exc:
            form.add_error("certificate_file" if exc.code in ("empty", "too_big", "bad_type") else None,
                           error_message(exc))
        else:
            messages.success(request, _("Sent to BKPSDM. The JP count towards your target once BKPSDM has verified "
                                        "the certificate."))
            return redirect("pelatihan:my-history")
    return render(request, "pelatihan/record_form.html", {"form": form})


@login_required
@require_GET
def record_certificate(request, pk):
    """The certificate file of an external record: for the employee, their supervisor chain and
    HR only, through the one private-file door."""
    record_ = record_for_viewer(request.user, pk)
    if not record_.certificate_file:
        raise Http404
    extension = record_.certificate_file.name.rsplit(".", 1)[-1].lower()
    return private_file_response(record_.certificate_file.name, filename=f"sertifikat-{record_.pk}.{extension}",
                                 attachment=False)


@login_required
@require_GET
def my_history(request):
    return _history(request, require_employee(request.user))


@login_required
@require_GET
def employee_history(request, nip):
    return _history(request, employee_for_viewer(request.user, nip))


@login_required
@require_GET
def certificate_download(request, number):
    certificate = certificate_for_viewer(request.user, number)
    pdf = certificates.render_pdf([certificate])
    return HttpResponse(pdf, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="sertifikat-{number}.pdf"'})
