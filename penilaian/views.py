from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.core import roles
from portal.core.roles import require_hr

from . import charts, permissions, selectors, services
from .exceptions import AppraisalError
from .forms import AssessmentForm, PeriodForm, SelfEvaluationForm
from .models import Appraisal, AppraisalStatus, Employee, PeriodStatus, PositionKind


def _get_employee_for_user(user, nip: str) -> Employee:
    """The employee with this NIP if ``user`` may see them; 404 when unknown, 403 when not allowed."""
    employee = get_object_or_404(Employee.objects.select_related("unit", "supervisor", "supervisor__unit"), nip=nip)
    if not permissions.can_view_employee(user, employee):
        raise PermissionDenied
    return employee


def _get_appraisal_for_user(user, pk: int) -> Appraisal:
    appraisal = selectors.appraisal_detail(pk)
    if appraisal is None:
        raise Http404
    if not permissions.can_view_employee(user, appraisal.employee):
        raise PermissionDenied
    return appraisal



def _require_employee(user) -> Employee:
    me = permissions.employee_of(user)
    if me is None:
        raise PermissionDenied
    return me



# --- Register -------------------------------------------------------------------------------


@login_required
@require_GET
def employee_detail(request, nip):
    employee = _get_employee_for_user(request.user, nip)
    return render(
        request,
        "penilaian/employee_detail.html",
        {"subject": employee, "subordinates": selectors.direct_subordinates(employee)},
    )


@login_required
@require_GET
def my_profile(request):
    employee = permissions.employee_of(request.user)
    if employee is None:
        return render(request, "penilaian/no_employee_record.html", status=404)
    return employee_detail(request, employee.nip)


@login_required
@require_GET
def team(request):
    """The supervisor's direct subordinates."""
    me = permissions.employee_of(request.user)
    if me is None or not permissions.is_supervisor(request.user):
        raise PermissionDenied
    return render(request, "penilaian/team.html", {"team": selectors.direct_subordinates(me)})


@login_required
@require_GET
def employee_list(request):
    """HR's register: search by name, position or NIP; filter by unit (with its sub-units)."""
    require_hr(request.user)
    unit = selectors.unit_from_param(request.GET.get("unit"))
    qs = selectors.employee_list(search=request.GET.get("q", ""), unit=unit)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "penilaian/employee_list.html",
        {"page": page, "units": selectors.unit_tree(), "unit": unit, "q": request.GET.get("q", "")},
    )


# --- Kinerja Saya ---------------------------------------------------------------------------


@login_required
@require_GET
def my_performance(request):
    me = permissions.employee_of(request.user)
    if me is None:
        return render(request, "penilaian/no_employee_record.html", status=404)
    return _performance_page(request, me)


@login_required
@require_GET
def employee_performance(request, nip):
    """The same page for a supervisor in the chain or HR looking at one employee."""
    return _performance_page(request, _get_employee_for_user(request.user, nip))


def _performance_page(request, employee):
    appraisals = selectors.appraisals_of(employee)
    history = list(reversed(appraisals))
    chart = charts.history_chart(
        [(a.period.code, float(a.mean_supervisor) if a.mean_supervisor else None, a.get_predikat_display()) for a in history]
    )
    latest_assessed = next((a for a in appraisals if a.mean_supervisor is not None), None)
    return render(
        request,
        "penilaian/performance_detail.html",
        {
            "subject": employee, "appraisals": appraisals, "chart": chart, "latest": latest_assessed,
            "gaps": selectors.gaps_for_employee(employee, latest_assessed.period if latest_assessed else None),
            "current_period": selectors.current_period(), "is_self": permissions.employee_of(request.user) == employee,
        },
    )


@login_required
@require_GET
def appraisal_detail(request, pk):
    appraisal = _get_appraisal_for_user(request.user, pk)
    me = permissions.employee_of(request.user)
    return render(
        request,
        "penilaian/appraisal_detail.html",
        {
            "appraisal": appraisal, "scores": selectors.appraisal_scores(appraisal),
            "dialogue": selectors.dialogue_prompts(appraisal),
            "can_finalise": appraisal.status == AppraisalStatus.ASSESSED
            and (roles.is_hr(request.user) or (me is not None and appraisal.approver_id == me.pk)
                 or (appraisal.approver_id is None and me is not None and appraisal.assessor_id == me.pk)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def self_evaluation(request, code):
    me = _require_employee(request.user)
    period = selectors.period_or_404(code)
    appraisal = Appraisal.objects.filter(employee=me, period=period).select_related("period").first()
    if appraisal is None:
        if request.method == "POST" and period.status == PeriodStatus.SELF_EVALUATION:
            services.appraisal_get_or_create(employee=me, period=period, actor=request.user)
            return redirect("penilaian:self-evaluation", code=code)
        return render(request, "penilaian/appraisal_missing.html", {"period": period, "can_open": period.status == PeriodStatus.SELF_EVALUATION})
    scores = selectors.appraisal_scores(appraisal)
    form = SelfEvaluationForm(request.POST or None, appraisal=appraisal, scores=scores)
    editable = period.status == PeriodStatus.SELF_EVALUATION and appraisal.status in (
        AppraisalStatus.DRAFT, AppraisalStatus.SELF_SUBMITTED
    )
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.self_evaluation_save(
                appraisal=appraisal, actor=request.user, scores=form.score_values(),
                note=form.cleaned_data["self_note"], submit=submit,
            )
        except AppraisalError as exc:
            form.add_error(None, exc.message % (exc.params or {}))
        else:
            messages.success(request, _("Self-evaluation submitted to your supervisor.") if submit else _("Draft saved."))
            return redirect("penilaian:my-performance" if submit else "penilaian:self-evaluation", **({} if submit else {"code": code}))
    return render(request, "penilaian/self_evaluation_form.html", {"form": form, "appraisal": appraisal, "editable": editable})


# --- Penilaian Bawahan ----------------------------------------------------------------------


@login_required
@require_GET
def team_assessment(request):
    me = _require_employee(request.user)
    if not permissions.is_supervisor(request.user):
        raise PermissionDenied
    period = selectors.period_by_code(request.GET.get("periode", "")) or selectors.current_period()
    rows, counts = selectors.team_progress(me, period) if period else ([], {})
    done = counts.get(AppraisalStatus.ASSESSED, 0) + counts.get(AppraisalStatus.FINALISED, 0)
    return render(
        request,
        "penilaian/team_assessment.html",
        {"period": period, "rows": rows, "counts": counts, "done": done, "total": len(rows),
         "approvals": selectors.approvals_waiting(me, period) if period else []},
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment(request, code, nip):
    me = _require_employee(request.user)
    period = selectors.period_or_404(code)
    employee = get_object_or_404(Employee.objects.select_related("unit"), nip=nip)
    appraisal = Appraisal.objects.filter(employee=employee, period=period).select_related("period", "employee").first()
    # Only the assessor recorded for this period (or, before it exists, the direct supervisor).
    assessor_id = appraisal.assessor_id if appraisal else employee.supervisor_id
    if assessor_id != me.pk:
        raise PermissionDenied
    if appraisal is None:
        if request.method == "POST" and period.status != PeriodStatus.CLOSED:
            services.appraisal_get_or_create(employee=employee, period=period, actor=request.user)
            return redirect("penilaian:assessment", code=code, nip=nip)
        return render(request, "penilaian/appraisal_missing.html", {"period": period, "subject": employee,
                                                                    "can_open": period.status != PeriodStatus.CLOSED})
    scores = selectors.appraisal_scores(appraisal)
    form = AssessmentForm(request.POST or None, appraisal=appraisal, scores=scores)
    editable = period.status in (PeriodStatus.SELF_EVALUATION, PeriodStatus.SUPERVISOR_ASSESSMENT) and (
        appraisal.status != AppraisalStatus.FINALISED
    )
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.assessment_save(
                appraisal=appraisal, actor=request.user, scores=form.score_values(),
                feedback=form.cleaned_data["feedback"], rating_hasil_kerja=form.cleaned_data["rating_hasil_kerja"],
                rating_perilaku=form.cleaned_data["rating_perilaku"],
                rating_perilaku_reason=form.cleaned_data["rating_perilaku_reason"], submit=submit,
            )
        except AppraisalError as exc:
            form.add_error(None, exc.message % (exc.params or {}))
        else:
            messages.success(request, _("Assessment submitted.") if submit else _("Draft saved."))
            if submit:
                return redirect(f"{reverse('penilaian:team-assessment')}?periode={code}")
            return redirect("penilaian:assessment", code=code, nip=nip)
    return render(
        request,
        "penilaian/assessment_form.html",
        {"form": form, "appraisal": appraisal, "editable": editable, "dialogue": selectors.dialogue_prompts(appraisal)},
    )


@login_required
@require_POST
def appraisal_finalise(request, pk):
    appraisal = _get_appraisal_for_user(request.user, pk)
    try:
        services.appraisal_finalise(appraisal=appraisal, actor=request.user)
    except AppraisalError as exc:
        messages.error(request, exc.message % (exc.params or {}))
    else:
        messages.success(request, _("Appraisal finalised."))
    return redirect("penilaian:appraisal-detail", pk=pk)


# --- HR: periods, overview, gaps ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def period_list(request):
    require_hr(request.user)
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = services.period_create(actor=request.user, **form.cleaned_data)
        except AppraisalError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Period created."))
            return redirect("penilaian:period-detail", code=period.code)
    from .models import AppraisalPeriod

    return render(request, "penilaian/period_list.html", {"periods": AppraisalPeriod.objects.all(), "form": form})


@login_required
@require_GET
def period_detail(request, code):
    require_hr(request.user)
    period = selectors.period_or_404(code)
    return render(
        request,
        "penilaian/period_detail.html",
        {"period": period, "overview": selectors.period_overview(period), "next_status": services.PERIOD_FLOW.get(period.status)},
    )


@login_required
@require_POST
def period_advance(request, code):
    require_hr(request.user)
    period = selectors.period_or_404(code)
    try:
        services.period_advance(period=period, to_status=request.POST.get("to", ""), actor=request.user)
    except AppraisalError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Period status changed."))
    return redirect("penilaian:period-detail", code=code)


@login_required
@require_GET
def period_gaps(request, code):
    """Indicators ranked by how many employees have a gap, by unit and position kind."""
    require_hr(request.user)
    period = selectors.period_or_404(code)
    unit = selectors.unit_from_param(request.GET.get("unit"))
    position_kind = selectors.position_kind_from_param(request.GET.get("jabatan"))
    return render(
        request,
        "penilaian/period_gaps.html",
        {
            "period": period, "ranking": selectors.indicators_ranked_by_gap(period, unit=unit, position_kind=position_kind or None),
            "units": selectors.unit_tree(), "unit": unit, "position_kind": position_kind,
            "position_kinds": PositionKind.choices, "per_unit": selectors.gaps_per_unit(period),
        },
    )


# --- Recognition ----------------------------------------------------------------------------


def _recognition_for_user(request, code):
    """HR sees every unit; a supervisor sees the Sangat Baik employees of their own chain."""
    period = selectors.period_or_404(code)
    user = request.user
    if roles.is_hr(user):
        visible = None
    elif permissions.is_supervisor(user):
        visible = permissions.subordinate_ids(permissions.employee_of(user))
    else:
        raise PermissionDenied
    unit = selectors.unit_from_param(request.GET.get("unit"))
    return period, unit, selectors.recognition_list(period, unit=unit, visible_ids=visible)


@login_required
@require_GET
def recognition(request, code):
    period, unit, appraisals = _recognition_for_user(request, code)
    return render(
        request,
        "penilaian/recognition_list.html",
        {"period": period, "unit": unit, "appraisals": appraisals, "units": selectors.unit_tree()},
    )


@login_required
@require_GET
def recognition_letters(request, code):
    """Letters of appreciation as one PDF: all listed, or one with ?nip=."""
    from django.http import HttpResponse

    from .letters import appreciation_letters_pdf

    period, _unit, appraisals = _recognition_for_user(request, code)
    if nip := request.GET.get("nip"):
        appraisals = appraisals.filter(employee__nip=nip)
    appraisals = list(appraisals)
    if not appraisals:
        raise Http404
    response = HttpResponse(appreciation_letters_pdf(appraisals), content_type="application/pdf")
    name = f"surat-penghargaan-{period.code}" + (f"-{appraisals[0].employee.nip}" if len(appraisals) == 1 else "")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
