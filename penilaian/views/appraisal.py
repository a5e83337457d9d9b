"""One appraisal: reading it (the employee, the supervisor chain, HR) and finalising it (the
approver, HR, or the assessor when there is no approver above them)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from penilaian import permissions
from penilaian.exceptions import AppraisalError
from penilaian.models import Appraisal, AppraisalStatus
from penilaian.selectors import appraisal as appraisal_selectors
from penilaian.services import appraisal as appraisal_services
from portal.core import roles


def _get_appraisal_for_user(user, pk: int) -> Appraisal:
    appraisal = appraisal_selectors.appraisal_detail(pk)
    if appraisal is None:
        raise Http404
    if not permissions.can_view_employee(user, appraisal.employee):
        raise PermissionDenied
    return appraisal


@login_required
@require_GET
def appraisal_detail(request, pk):
    appraisal = _get_appraisal_for_user(request.user, pk)
    me = permissions.employee_of(request.user)
    return render(
        request,
        "penilaian/appraisal_detail.html",
        {
            "appraisal": appraisal, "scores": appraisal_selectors.appraisal_scores(appraisal),
            "dialogue": appraisal_selectors.dialogue_prompts(appraisal),
            "can_finalise": appraisal.status == AppraisalStatus.ASSESSED
            and (roles.is_hr(request.user) or (me is not None and appraisal.approver_id == me.pk)
                 or (appraisal.approver_id is None and me is not None and appraisal.assessor_id == me.pk)),
        },
    )


@login_required
@require_POST
def appraisal_finalise(request, pk):
    appraisal = _get_appraisal_for_user(request.user, pk)
    try:
        appraisal_services.appraisal_finalise(appraisal=appraisal, actor=request.user)
    except AppraisalError as exc:
        messages.error(request, exc.message % (exc.params or {}))
    else:
        messages.success(request, _("Appraisal finalised."))
    return redirect("penilaian:appraisal-detail", pk=pk)
