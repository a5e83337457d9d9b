"""The employee's own pages: the profile, Kinerja Saya (history, gaps) and the self-evaluation;
the profile and performance pages are also what the supervisor chain and HR open for one
employee."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from penilaian import charts, permissions, rules
from penilaian.exceptions import AppraisalError
from penilaian.forms.appraisal import SelfEvaluationForm
from penilaian.models import Appraisal, AppraisalStatus, Employee, PeriodStatus
from penilaian.selectors import appraisal as appraisal_selectors
from penilaian.selectors import gaps as gap_selectors
from penilaian.selectors import periods as period_selectors
from penilaian.selectors import register as register_selectors
from penilaian.services import appraisal as appraisal_services


def _get_employee_for_user(user, nip: str) -> Employee:
    """The employee with this NIP if ``user`` may see them; 404 when unknown, 403 when not allowed."""
    employee = get_object_or_404(Employee.objects.select_related("unit", "supervisor", "supervisor__unit"), nip=nip)
    if not permissions.can_view_employee(user, employee):
        raise PermissionDenied
    return employee


@login_required
@require_GET
def employee_detail(request, nip):
    employee = _get_employee_for_user(request.user, nip)
    return render(
        request,
        "penilaian/employee_detail.html",
        {"subject": employee, "subordinates": register_selectors.direct_subordinates(employee)},
    )


@login_required
@require_GET
def my_profile(request):
    employee = permissions.employee_of(request.user)
    if employee is None:
        return render(request, "penilaian/no_employee_record.html", status=404)
    return employee_detail(request, employee.nip)


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
    appraisals = appraisal_selectors.appraisals_of(employee)
    history = list(reversed(appraisals))
    chart = charts.history_chart(
        [(a.period.code, float(a.mean_supervisor) if a.mean_supervisor else None, a.get_predikat_display()) for a in history]
    )
    latest_assessed = next((a for a in appraisals if a.mean_supervisor is not None), None)
    is_self = permissions.employee_of(request.user) == employee
    step = appraisal_selectors.self_evaluation_step(employee) if is_self else None
    return render(
        request,
        "penilaian/performance_detail.html",
        {
            "subject": employee, "appraisals": appraisals, "chart": chart, "latest": latest_assessed,
            "gaps": gap_selectors.gaps_for_employee(employee, latest_assessed.period if latest_assessed else None),
            "is_self": is_self,
            "step": step,
            # the open period whose expectations, evidence and feedback the page links to
            "current_period": step.period if step else period_selectors.current_period(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def self_evaluation(request, code):
    me = permissions.require_employee(request.user)
    period = period_selectors.period_or_404(code)
    appraisal = Appraisal.objects.filter(employee=me, period=period).select_related("period").first()
    if appraisal is None:
        if request.method == "POST" and period.status == PeriodStatus.SELF_EVALUATION:
            appraisal_services.appraisal_get_or_create(employee=me, period=period, actor=request.user)
            return redirect("penilaian:self-evaluation", code=code)
        return render(request, "penilaian/appraisal_missing.html", {"period": period, "can_open": period.status == PeriodStatus.SELF_EVALUATION})
    scores = appraisal_selectors.appraisal_scores(appraisal)
    form = SelfEvaluationForm(request.POST or None, appraisal=appraisal, scores=scores)
    editable = period.status == PeriodStatus.SELF_EVALUATION and appraisal.status in (
        AppraisalStatus.DRAFT, AppraisalStatus.SELF_SUBMITTED
    )
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            appraisal_services.self_evaluation_save(
                appraisal=appraisal, actor=request.user, scores=form.score_values(),
                note=form.cleaned_data["self_note"], submit=submit,
            )
        except AppraisalError as exc:
            form.add_error(None, exc.message % (exc.params or {}))
        else:
            messages.success(request, _("Self-evaluation submitted to your supervisor.") if submit else _("Draft saved."))
            return redirect("penilaian:my-performance" if submit else "penilaian:self-evaluation", **({} if submit else {"code": code}))
    step = None
    if not editable and period.status != PeriodStatus.CLOSED:  # say why it is locked and what comes next
        step = appraisal_selectors.SelfEvaluationStep(
            rules.self_evaluation_step(period.status, appraisal.status), period, appraisal
        )
    return render(request, "penilaian/self_evaluation_form.html",
                  {"form": form, "appraisal": appraisal, "editable": editable, "step": step})
