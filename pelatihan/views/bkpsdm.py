"""HR's (BKPSDM) pages: every session with its registrations, enrolling by NIP, finishing and
cancelling a session, external development records and the SIASN export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from penilaian.models import Employee
from portal.core.http import error_message
from portal.core.roles import require_hr

from ..documents.exports import FORMATS, report_response
from ..exceptions import TrainingError
from ..forms import ExternalRecordForm, HrEnrolForm, RejectForm
from ..models import DevelopmentRecord, Session, SessionStatus
from ..selectors import attendance as attendance_selectors
from ..selectors import enrolment as enrolment_selectors
from ..selectors import history as history_selectors
from ..selectors import sessions as session_selectors
from ..selectors import siasn as siasn_selectors
from ..services import completion as completion_services
from ..services import enrolment as enrolment_services
from ..services import sessions as session_services
from ..siasn.mapping import FIELDS as SIASN_FIELDS


@login_required
@require_GET
def hr_session_list(request):
    require_hr(request.user)
    sessions = session_selectors.sessions_with_counts().order_by("-first_date", "-pk")[:200]
    return render(request, "pelatihan/hr_session_list.html", {"sessions": sessions})


@login_required
@require_GET
def hr_session_detail(request, pk):
    require_hr(request.user)
    session = session_selectors.session_detail(pk)
    if session is None:
        raise Http404
    return render(request, "pelatihan/hr_session_detail.html", {
        "session": session, "enrolments": enrolment_selectors.session_enrolments_for_hr(session), "form": HrEnrolForm(),
        "can_finish": _may_finish(session),
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
                result = enrolment_services.enrolment_create(session=session, employee=employee, actor=request.user, by_hr=True)
            except TrainingError as exc:
                messages.error(request, error_message(exc))
            else:
                messages.success(request, _("%(name)s enrolled: %(status)s.") % {
                    "name": employee.full_name, "status": result.enrolment.get_status_display()})
    else:
        messages.error(request, _("Enter a NIP."))
    return redirect("pelatihan:hr-session-detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def hr_session_finish(request, pk):
    """Finishing cannot be undone (certificates are issued, JP credited, the others marked not
    completed), so, like cancelling, it takes two steps: the confirmation page lists who completes
    and who does not by the programme's rule; only a POST carrying ``confirm`` finishes."""
    require_hr(request.user)
    session = session_selectors.session_detail(pk)
    if session is None:
        raise Http404
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            result = completion_services.session_finish(session=session, actor=request.user)
        except TrainingError as exc:
            messages.error(request, error_message(exc))
        else:
            messages.success(request, _("Session finished: %(ok)s completed, %(no)s did not complete.") % {
                "ok": len(result.completed), "no": len(result.not_completed)})
        return redirect("pelatihan:hr-session-detail", pk=pk)
    if not _may_finish(session):
        messages.error(request, _("This session cannot be finished now: it is not published or has meeting days to come."))
        return redirect("pelatihan:hr-session-detail", pk=pk)
    return render(request, "pelatihan/hr_session_finish.html", {
        "session": session, "preview": attendance_selectors.finish_preview(session),
    })


def _may_finish(session) -> bool:
    return session.status == SessionStatus.PUBLISHED and (session.last_date or timezone.localdate()) <= timezone.localdate()


@login_required
@require_http_methods(["GET", "POST"])
def hr_session_cancel(request, pk):
    """Cancelling cannot be undone, so it takes two steps: the confirmation page says how many
    people are told; only a POST carrying ``confirm`` (that page's button) cancels. Any other POST
    shows the confirmation again, changing nothing."""
    require_hr(request.user)
    session = session_selectors.session_detail(pk)
    if session is None:
        raise Http404
    if session.status not in (SessionStatus.DRAFT, SessionStatus.PUBLISHED):
        messages.error(request, _("This session can no longer be cancelled."))
        return redirect("pelatihan:hr-session-detail", pk=pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            session_services.session_cancel(session=session, actor=request.user)
        except TrainingError as exc:
            messages.error(request, error_message(exc))
        else:
            messages.success(request, _("Session cancelled; the participants have been told."))
        return redirect("pelatihan:hr-session-detail", pk=pk)
    return render(request, "pelatihan/hr_session_cancel.html", {
        "session": session, "affected": enrolment_selectors.cancel_preview(session),
    })


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
                completion_services.external_record_create(employee=employee, actor=request.user, **data)
            except TrainingError as exc:
                messages.error(request, error_message(exc))
            else:
                messages.success(request, _("Record added; verify it when the certificate checks out."))
                return redirect("pelatihan:hr-records")
    return render(request, "pelatihan/hr_record_list.html", {
        "pending": history_selectors.pending_external_records(), "form": form, "reject_form": RejectForm(),
        "year": timezone.localdate().year,
    })


@login_required
@require_POST
def hr_record_decide(request, pk):
    require_hr(request.user)
    record_ = get_object_or_404(DevelopmentRecord, pk=pk)
    try:
        if request.POST.get("decision") == "verify":
            completion_services.external_record_verify(record_=record_, actor=request.user)
            messages.success(request, _("Record verified; its JP now count."))
        else:
            completion_services.external_record_reject(record_=record_, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Record rejected."))
    except TrainingError as exc:
        messages.error(request, error_message(exc))
    return redirect("pelatihan:hr-records")


@login_required
@require_GET
def siasn_export(request, year, fmt):
    require_hr(request.user)
    if fmt not in FORMATS:
        raise Http404
    return report_response(list(SIASN_FIELDS), siasn_selectors.export_rows(year), fmt=fmt,
                           name=f"riwayat-kursus-siasn-{year}")
