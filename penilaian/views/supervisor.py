"""The supervisor's pages: the team, Penilaian Bawahan (the team's progress in a period and the
approvals waiting) and the assessment of one subordinate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from penilaian import permissions
from penilaian.exceptions import AppraisalError
from penilaian.forms.appraisal import AssessmentForm
from penilaian.models import Appraisal, AppraisalStatus, Employee, PeriodStatus
from penilaian.selectors import appraisal as appraisal_selectors
from penilaian.selectors import periods as period_selectors
from penilaian.selectors import register as register_selectors
from penilaian.services import appraisal as appraisal_services


@login_required
@require_GET
def team(request):
    """The supervisor's direct subordinates."""
    me = permissions.employee_of(request.user)
    if me is None or not permissions.is_supervisor(request.user):
        raise PermissionDenied
    return render(request, "penilaian/team.html", {"team": register_selectors.direct_subordinates(me)})


NOT_ASSESSED = "belum-dinilai"


@login_required
@require_GET
def team_assessment(request):
    me = permissions.require_employee(request.user)
    if not permissions.is_supervisor(request.user):
        raise PermissionDenied
    period = period_selectors.period_by_code(request.GET.get("periode", "")) or period_selectors.current_period()
    rows, counts = appraisal_selectors.team_progress(me, period) if period else ([], {})
    done = counts.get(AppraisalStatus.ASSESSED, 0) + counts.get(AppraisalStatus.FINALISED, 0)
    # "belum-dinilai": only those the supervisor has not yet assessed (the dashboard links here).
    pending_only = request.GET.get("status") == NOT_ASSESSED
    return render(
        request,
        "penilaian/team_assessment.html",
        {"period": period, "rows": [r for r in rows if not r.assessed] if pending_only else rows, "counts": counts,
         "done": done, "total": len(rows), "pending_only": pending_only, "not_assessed": NOT_ASSESSED,
         "not_done": len(rows) - done,
         "approvals": appraisal_selectors.approvals_waiting(me, period) if period else []},
    )


def _assessment_for(request, code: str, nip: str):
    """The period, the employee and their appraisal (None before it is opened), for the
    appraisal's assessor only (before it exists, the direct supervisor): 404 unknown, 403 not theirs."""
    me = permissions.require_employee(request.user)
    period = period_selectors.period_or_404(code)
    employee = get_object_or_404(Employee.objects.select_related("unit"), nip=nip)
    appraisal = Appraisal.objects.filter(employee=employee, period=period).select_related("period", "employee").first()
    assessor_id = appraisal.assessor_id if appraisal else employee.supervisor_id
    if assessor_id != me.pk:
        raise PermissionDenied
    return period, employee, appraisal


def _preview(appraisal, scores, form) -> dict:
    """The live part of the form: from what was posted when the form is bound, else as saved."""
    if not form.is_bound:
        return appraisal_selectors.assessment_preview(
            appraisal, scores, hasil_kerja=appraisal.rating_hasil_kerja,
            perilaku=form.fields["rating_perilaku"].initial or "",
            hasil_kerja_reason=appraisal.rating_hasil_kerja_reason, perilaku_reason=appraisal.rating_perilaku_reason)
    form.is_valid()
    data = form.cleaned_data
    typed = {pk: int(v["score"]) if v["score"] else None for pk, v in form.score_values().items()}
    return appraisal_selectors.assessment_preview(
        appraisal, scores, typed=typed, hasil_kerja=data.get("rating_hasil_kerja", ""),
        perilaku=data.get("rating_perilaku", ""), hasil_kerja_reason=data.get("rating_hasil_kerja_reason", ""),
        perilaku_reason=data.get("rating_perilaku_reason", ""))


@login_required
@require_http_methods(["GET", "POST"])
def assessment(request, code, nip):
    period, employee, appraisal = _assessment_for(request, code, nip)
    if appraisal is None:
        if request.method == "POST" and period.status != PeriodStatus.CLOSED:
            appraisal_services.appraisal_get_or_create(employee=employee, period=period, actor=request.user)
            return redirect("penilaian:assessment", code=code, nip=nip)
        return render(request, "penilaian/appraisal_missing.html", {"period": period, "subject": employee,
                                                                    "can_open": period.status != PeriodStatus.CLOSED})
    scores = appraisal_selectors.appraisal_scores(appraisal)
    form = AssessmentForm(request.POST or None, appraisal=appraisal, scores=scores)
    editable = period.status in (PeriodStatus.SELF_EVALUATION, PeriodStatus.SUPERVISOR_ASSESSMENT) and (
        appraisal.status != AppraisalStatus.FINALISED
    )
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            appraisal_services.assessment_save(
                appraisal=appraisal, actor=request.user, scores=form.score_values(),
                feedback=form.cleaned_data["feedback"], rating_hasil_kerja=form.cleaned_data["rating_hasil_kerja"],
                rating_perilaku=form.cleaned_data["rating_perilaku"],
                rating_perilaku_reason=form.cleaned_data["rating_perilaku_reason"], submit=submit,
                rating_hasil_kerja_reason=form.cleaned_data["rating_hasil_kerja_reason"],
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
        {"form": form, "appraisal": appraisal, "editable": editable, "preview": _preview(appraisal, scores, form)},
    )


@login_required
@require_POST
def assessment_preview(request, code, nip):
    """The suggested perilaku rating, the dialogue prompts and the predikat for the scores as
    typed (htmx posts the whole assessment form here on every change). Writes nothing; the same
    permission as the form."""
    _period, _employee, appraisal = _assessment_for(request, code, nip)
    if appraisal is None:
        raise Http404
    scores = appraisal_selectors.appraisal_scores(appraisal)
    form = AssessmentForm(request.POST, appraisal=appraisal, scores=scores)
    return render(request, "penilaian/includes/assessment_live.html",
                  {"preview": _preview(appraisal, scores, form), "appraisal": appraisal})
