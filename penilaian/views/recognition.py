"""Recognition of a period: the employees rated Sangat Baik, and their letters of appreciation.
HR sees every unit; a supervisor sees the Sangat Baik employees of their own chain."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from penilaian import permissions
from penilaian.selectors import periods as period_selectors
from penilaian.selectors import register as register_selectors
from portal.core import roles


def _recognition_for_user(request, code):
    """HR sees every unit; a supervisor sees the Sangat Baik employees of their own chain."""
    period = period_selectors.period_or_404(code)
    user = request.user
    if roles.is_hr(user):
        visible = None
    elif permissions.is_supervisor(user):
        visible = permissions.subordinate_ids(permissions.employee_of(user))
    else:
        raise PermissionDenied
    unit = register_selectors.unit_from_param(request.GET.get("unit"))
    return period, unit, period_selectors.recognition_list(period, unit=unit, visible_ids=visible)


@login_required
@require_GET
def recognition(request, code):
    period, unit, appraisals = _recognition_for_user(request, code)
    return render(
        request,
        "penilaian/recognition_list.html",
        {"period": period, "unit": unit, "appraisals": appraisals, "units": register_selectors.unit_tree()},
    )


@login_required
@require_GET
def recognition_letters(request, code):
    """Letters of appreciation as one PDF: all listed, or one with ?nip=."""
    from penilaian.letters import appreciation_letters_pdf  # deferred: reportlab is heavy and only this view needs it

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
