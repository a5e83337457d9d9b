"""Thin views: decorators, fetch the object for this user (404/403), the form, one service call,
a message and a redirect (CONVENTIONS)."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from penilaian.models import Employee
from portal.core import roles
from portal.core.roles import require_hr

from . import certificates, permissions, rules, selectors, services
from .calendar import feed_ics
from .exceptions import TrainingError
from .forms import ExternalRecordForm, HrEnrolForm, RejectForm, SheetForm
from .models import (
    AttendanceStatus,
    CalendarFeed,
    DevelopmentRecord,
    Enrolment,
    EnrolmentStatus,
    Route,
    Session,
    SessionDay,
    SessionStatus,
)

# --- helpers --------------------------------------------------------------------------------


def _error_message(exc: TrainingError) -> str:
    return " ".join(exc.messages)


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def _require_employee(request) -> Employee:
    employee = permissions.employee_of(request.user)
    if employee is None:
        raise PermissionDenied
    return employee



def _get_session_for_runner(user, pk: int) -> Session:
    """The session if ``user`` is one of its trainers (or HR): 404 unknown, 403 not theirs."""
    session = get_object_or_404(Session.objects.select_related("programme"), pk=pk)
    if not permissions.can_run_session(user, session):
        raise PermissionDenied
    return session


def _get_day(session: Session, day_pk: int) -> SessionDay:
    return get_object_or_404(SessionDay, pk=day_pk, session=session)


def _get_enrolment_for_user(user, pk: int) -> Enrolment:
    enrolment = get_object_or_404(Enrolment.objects.select_related("session", "employee"), pk=pk)
    if not permissions.can_view_enrolment(user, enrolment):
        raise PermissionDenied
    return enrolment


def _filters(request) -> dict:
    return {
        "indicator": request.GET.get("indikator", "").strip(),
        "month": request.GET.get("bulan", "").strip(),
        "route": request.GET.get("jalur", "").strip(),
        "with_seats": request.GET.get("tersedia") == "1",
    }


# --- employees ------------------------------------------------------------------------------


@login_required
@require_GET
def session_list(request):
    filters = _filters(request)
    sessions = list(selectors.published_sessions(**filters)[:100])
    employee = permissions.employee_of(request.user)
    mine = {}
    if employee is not None:
        mine = {
            e.session_id: e
            for e in Enrolment.objects.filter(employee=employee, session__in=[s.pk for s in sessions])
        }
    for session in sessions:
        session.my_enrolment = mine.get(session.pk)
    from penilaian.models import Indicator

    return render(request, "pelatihan/session_list.html", {
        "sessions": sessions, "filters": filters, "routes": Route.choices,
        "indicators": Indicator.objects.filter(programmes__isnull=False).distinct().order_by("name"),
    })


@login_required
@require_GET
def session_detail(request, pk):
    session = selectors.session_detail(pk)
    if session is None or (session.status == SessionStatus.DRAFT and not roles.is_hr(request.user)):
        raise Http404
    employee = permissions.employee_of(request.user)
    enrolment = selectors.enrolment_of(session, employee)
    return render(request, "pelatihan/session_detail.html", {
        "session": session, "enrolment": enrolment,
        "position": selectors.waiting_position(enrolment) if enrolment else None,
        "can_run": permissions.can_run_session(request.user, session),
        "page": session.workshop_pages.live().first() if hasattr(session, "workshop_pages") else None,
    })


@require_GET
def session_seats(request, pk):
    """The live seat count (htmx polls it on session and workshop pages). Public: a number."""
    session = get_object_or_404(Session, pk=pk, status__in=[SessionStatus.PUBLISHED, SessionStatus.FINISHED])
    response = render(request, "pelatihan/includes/seats.html", {
        "seats_left": selectors.seats_left(session), "capacity": session.capacity, "session": session,
    })
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def session_register(request, pk):
    session = get_object_or_404(Session, pk=pk)
    employee = permissions.employee_of(request.user)
    back = _safe_next(request, reverse("pelatihan:session-detail", args=[pk]))
    if employee is None:
        messages.error(request, _("Only employees in the register can sign up for training."))
        return redirect(back)
    try:
        result = services.enrolment_create(session=session, employee=employee, actor=request.user)
    except TrainingError as exc:
        messages.error(request, _error_message(exc))
        return redirect(back)
    enrolment = result.enrolment
    if enrolment.status == EnrolmentStatus.CONFIRMED:
        messages.success(request, _("You are registered. A confirmation with a calendar invitation is on its way."))
    elif enrolment.status == EnrolmentStatus.WAITING:
        messages.warning(request, _("The session is full: you are number %(n)s on the waiting list.") % {
            "n": selectors.waiting_position(enrolment)})
    else:
        messages.info(request, _("Your registration is waiting for your supervisor's approval."))
    for other in result.clashes:
        messages.warning(request, _("Note: this clashes with %(session)s, which you are also registered for.") % {
            "session": other})
    return redirect(back)


@login_required
@require_GET
def my_enrolments(request):
    employee = _require_employee(request)
    feed = CalendarFeed.objects.filter(employee=employee).first()
    return render(request, "pelatihan/enrolment_list.html", {
        "enrolments": selectors.my_enrolments(employee),
        "feed_url": request.build_absolute_uri(reverse("pelatihan:calendar-feed", args=[feed.token])) if feed else None,
    })


@login_required
@require_POST
def enrolment_cancel(request, pk):
    enrolment = _get_enrolment_for_user(request.user, pk)
    try:
        services.enrolment_cancel(enrolment=enrolment, actor=request.user)
    except TrainingError as exc:
        messages.error(request, _error_message(exc))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(_safe_next(request, reverse("pelatihan:my-enrolments")))


@login_required
@require_POST
def calendar_feed_create(request):
    employee = _require_employee(request)
    services.calendar_feed_for(employee=employee, rotate=True)
    messages.success(request, _("Your private calendar link is ready. Old links no longer work."))
    return redirect("pelatihan:my-enrolments")


@never_cache
@require_GET
def calendar_feed(request, token):
    """The private iCal feed: the secret token is the only key (calendar apps cannot log in)."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("employee"), token=token)
    body = feed_ics(selectors.feed_sessions(feed.employee), name=_("My trainings"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


# --- supervisors ----------------------------------------------------------------------------


@login_required
@require_GET
def approvals(request):
    if not permissions.can_approve(request.user):
        raise PermissionDenied
    me = permissions.employee_of(request.user)
    if roles.is_hr(request.user):
        pending = selectors.all_pending_approvals()
    else:
        pending = selectors.pending_approvals(me)
    return render(request, "pelatihan/approval_list.html", {"pending": pending, "form": RejectForm()})


@login_required
@require_POST
def approval_decide(request, pk):
    enrolment = get_object_or_404(Enrolment.objects.select_related("employee", "session"), pk=pk)
    if not services.may_decide(request.user, enrolment):
        raise PermissionDenied
    try:
        if request.POST.get("decision") == "approve":
            services.enrolment_approve(enrolment=enrolment, actor=request.user)
            messages.success(request, _("Approved: %(name)s.") % {"name": enrolment.employee.full_name})
        else:
            form = RejectForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Give a reason for the rejection."))
                return redirect("pelatihan:approvals")
            services.enrolment_reject(enrolment=enrolment, actor=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Rejected: %(name)s.") % {"name": enrolment.employee.full_name})
    except TrainingError as exc:
        messages.error(request, _error_message(exc))
    return redirect("pelatihan:approvals")


# --- trainers -------------------------------------------------------------------------------


@login_required
@require_GET
def trainer_sessions(request):
    if not (roles.is_trainer(request.user) or roles.is_hr(request.user)):
        raise PermissionDenied
    return render(request, "pelatihan/trainer_session_list.html", {
        "sessions": selectors.trainer_sessions(request.user), "today": timezone.localdate(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def attendance_sheet(request, pk, day_pk):
    session = _get_session_for_runner(request.user, pk)
    day = _get_day(session, day_pk)
    rows = selectors.attendance_sheet(day)
    form = SheetForm(request.POST or None, rows=rows)
    if request.method == "POST":
        if session.status == SessionStatus.CANCELLED:
            raise PermissionDenied
        try:
            if "all_present" in request.POST:
                changed = services.attendance_all_present(day=day, actor=request.user)
            elif form.is_valid():
                changed = services.attendance_sheet_save(day=day, entries=form.entries(), actor=request.user)
            else:
                changed = None
        except TrainingError as exc:
            messages.error(request, _error_message(exc))
        else:
            if changed is not None:
                messages.success(request, _("Attendance saved (%(n)s changed).") % {"n": changed})
                return redirect("pelatihan:attendance-sheet", pk=session.pk, day_pk=day.pk)
    return render(request, "pelatihan/attendance_sheet.html", {
        "session": session, "day": day, "days": session.days.all(), "rows": rows, "form": form,
        "progress": selectors.checkin_progress(day), "statuses": AttendanceStatus.choices,
    })


@login_required
@require_GET
def checkin_screen(request, pk, day_pk):
    session = _get_session_for_runner(request.user, pk)
    day = _get_day(session, day_pk)
    return render(request, "pelatihan/checkin_screen.html", {
        "session": session, "day": day, "is_today": day.date == timezone.localdate(),
        "rotate_seconds": rules.QR_ROTATE_SECONDS,
    })


@login_required
@never_cache
@require_GET
def checkin_code(request, pk, day_pk):
    """The rotating QR (htmx swaps it every QR_ROTATE_SECONDS) with checked-in vs expected."""
    session = _get_session_for_runner(request.user, pk)
    day = _get_day(session, day_pk)
    context = {"session": session, "day": day, "progress": selectors.checkin_progress(day)}
    if day.date == timezone.localdate() and session.status == SessionStatus.PUBLISHED and request.GET.get("only") != "count":
        import segno

        token = services.checkin_token(day=day)
        url = request.build_absolute_uri(reverse("pelatihan:checkin", args=[session.pk, token]))
        context.update(url=url, qr_svg=segno.make(url, error="m").svg_inline(scale=8, dark="#0b3d35"))
    return render(request, "pelatihan/includes/checkin_code.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request, pk, token):
    """A participant scanned the trainer's code. GET checks it and asks for one tap; POST marks
    hadir. Every refusal says why and changes nothing."""
    session = get_object_or_404(Session.objects.select_related("programme"), pk=pk)
    employee = permissions.employee_of(request.user)
    error = None
    done = False
    try:
        if request.method == "POST":
            services.checkin(
                token=token, session=session, employee=employee, actor=request.user,
                max_age=rules.QR_ROTATE_SECONDS + rules.QR_GRACE_SECONDS + rules.QR_CONFIRM_SECONDS,
            )
            done = True
        else:
            services.checkin_verify(
                token=token, session=session, employee=employee, max_age=rules.QR_ROTATE_SECONDS + rules.QR_GRACE_SECONDS
            )
    except TrainingError as exc:
        error = _error_message(exc)
    return render(request, "pelatihan/checkin.html", {"session": session, "error": error, "done": done},
                  status=400 if error else 200)


@login_required
@require_GET
def attendance_export(request, pk, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    session = _get_session_for_runner(request.user, pk)
    import tablib

    days, rows = selectors.attendance_matrix(session)
    data = tablib.Dataset(headers=[_("Name"), _("Unit"), *[d.date.isoformat() for d in days]])
    for enrolment, statuses in rows:
        data.append([enrolment.employee.full_name, enrolment.employee.unit.name, *statuses])
    filename = f"presensi-sesi-{session.pk}"
    if fmt == "xlsx":
        return HttpResponse(
            data.export("xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f'attachment; filename="{filename}.xlsx"'},
        )
    return HttpResponse(
        data.export("csv"), content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'},
    )


# --- certificates ---------------------------------------------------------------------------


def _mask(name: str) -> str:
    """"Siti Rahmah" → "S*** R*****": enough to recognise, not to look someone up."""
    return " ".join(part[0] + "*" * (len(part) - 1) for part in name.split() if part)


@require_GET
def certificate_verify(request, number):
    """Public: anyone holding the paper can check it. No NIP, no unit, a masked name."""
    verdict = certificates.check_number(number)
    certificate = selectors.certificate_by_number(number) if verdict == certificates.VALID else None
    if verdict == certificates.VALID and certificate is None:
        verdict = certificates.UNKNOWN
    context = {"number": number, "verdict": verdict, "certificate": certificate}
    if certificate is not None:
        context["holder"] = _mask(certificate.enrolment.employee.name)
    return render(request, "pelatihan/certificate_verify.html", context, status=200 if certificate else 404)


@login_required
@require_GET
def certificate_download(request, number):
    certificate = selectors.certificate_by_number(number)
    if certificate is None:
        raise Http404
    if not permissions.can_view_history(request.user, certificate.enrolment.employee):
        raise PermissionDenied
    pdf = certificates.render_pdf([certificate])
    return HttpResponse(pdf, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="sertifikat-{number}.pdf"'})


@login_required
@require_GET
def session_certificates(request, pk):
    session = _get_session_for_runner(request.user, pk)
    certs = list(selectors.session_certificates(session))
    if not certs:
        raise Http404
    return HttpResponse(certificates.render_pdf(certs), content_type="application/pdf",
                        headers={"Content-Disposition": f'attachment; filename="sertifikat-sesi-{session.pk}.pdf"'})


# --- development history --------------------------------------------------------------------


def _history(request, employee: Employee):
    records, years = selectors.development_history(employee)
    return render(request, "pelatihan/history_detail.html", {
        "subject": employee, "records": records, "years": years,
        "target": rules.jp_target(employee.employee_type),
    })


@login_required
@require_GET
def my_history(request):
    return _history(request, _require_employee(request))


@login_required
@require_GET
def employee_history(request, nip):
    employee = get_object_or_404(Employee.objects.select_related("unit"), nip=nip)
    if not permissions.can_view_history(request.user, employee):
        raise PermissionDenied
    return _history(request, employee)


# --- HR -------------------------------------------------------------------------------------


@login_required
@require_GET
def hr_session_list(request):
    require_hr(request.user)
    sessions = selectors.sessions_with_counts().order_by("-first_date", "-pk")[:200]
    return render(request, "pelatihan/hr_session_list.html", {"sessions": sessions})


@login_required
@require_GET
def hr_session_detail(request, pk):
    require_hr(request.user)
    session = selectors.session_detail(pk)
    if session is None:
        raise Http404
    return render(request, "pelatihan/hr_session_detail.html", {
        "session": session, "enrolments": selectors.session_enrolments_for_hr(session), "form": HrEnrolForm(),
        "can_finish": session.status == SessionStatus.PUBLISHED and (session.last_date or timezone.localdate()) <= timezone.localdate(),
    })


@login_required
@require_POST
def hr_enrol(request, pk):
    require_hr(request.user)
    session = get_object_or_404(Session, pk=pk)
    form = HrEnrolForm(request.POST)
    if form.is_valid():
        employee = Employee.objects.filter(nip=form.cleaned_data["nip"], is_active=True).first()
        if employee is None:
            messages.error(request, _("No active employee has this NIP."))
        else:
            try:
                result = services.enrolment_create(session=session, employee=employee, actor=request.user, by_hr=True)
            except TrainingError as exc:
                messages.error(request, _error_message(exc))
            else:
                messages.success(request, _("%(name)s enrolled: %(status)s.") % {
                    "name": employee.full_name, "status": result.enrolment.get_status_display()})
    else:
        messages.error(request, _("Enter a NIP."))
    return redirect("pelatihan:hr-session-detail", pk=pk)


@login_required
@require_POST
def hr_session_finish(request, pk):
    require_hr(request.user)
    session = get_object_or_404(Session, pk=pk)
    try:
        result = services.session_finish(session=session, actor=request.user)
    except TrainingError as exc:
        messages.error(request, _error_message(exc))
    else:
        messages.success(request, _("Session finished: %(ok)s completed, %(no)s did not complete.") % {
            "ok": len(result.completed), "no": len(result.not_completed)})
    return redirect("pelatihan:hr-session-detail", pk=pk)


@login_required
@require_POST
def hr_session_cancel(request, pk):
    require_hr(request.user)
    session = get_object_or_404(Session, pk=pk)
    try:
        services.session_cancel(session=session, actor=request.user)
    except TrainingError as exc:
        messages.error(request, _error_message(exc))
    else:
        messages.success(request, _("Session cancelled; the participants have been told."))
    return redirect("pelatihan:hr-session-detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def hr_records(request):
    require_hr(request.user)
    form = ExternalRecordForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        employee = Employee.objects.filter(nip=data.pop("nip")).first()
        if employee is None:
            form.add_error("nip", _("No employee has this NIP."))
        else:
            try:
                services.external_record_create(employee=employee, actor=request.user, **data)
            except TrainingError as exc:
                messages.error(request, _error_message(exc))
            else:
                messages.success(request, _("Record added; verify it when the certificate checks out."))
                return redirect("pelatihan:hr-records")
    return render(request, "pelatihan/hr_record_list.html", {
        "pending": selectors.pending_external_records(), "form": form, "reject_form": RejectForm(),
        "year": timezone.localdate().year,
    })


@login_required
@require_POST
def hr_record_decide(request, pk):
    require_hr(request.user)
    record_ = get_object_or_404(DevelopmentRecord, pk=pk)
    try:
        if request.POST.get("decision") == "verify":
            services.external_record_verify(record_=record_, actor=request.user)
            messages.success(request, _("Record verified; its JP now count."))
        else:
            services.external_record_reject(record_=record_, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Record rejected."))
    except TrainingError as exc:
        messages.error(request, _error_message(exc))
    return redirect("pelatihan:hr-records")


@login_required
@require_GET
def siasn_export(request, year, fmt):
    require_hr(request.user)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = selectors.siasn_rows(year)
    filename = f"riwayat-diklat-siasn-{year}"
    if fmt == "xlsx":
        import tablib

        data = tablib.Dataset(*rows, headers=selectors.SIASN_HEADERS)
        return HttpResponse(
            data.export("xlsx"), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f'attachment; filename="{filename}.xlsx"'},
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(selectors.SIASN_HEADERS)
    writer.writerows(rows)
    return HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'})
