"""The supervisor's approvals of registrations (HR may decide too)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from penilaian import permissions as penilaian_permissions
from portal.core import roles
from portal.core.http import error_message

from .. import permissions
from ..exceptions import TrainingError
from ..forms import RejectForm
from ..selectors import enrolment as enrolment_selectors
from ..services import enrolment as enrolment_services
from ._fetch import enrolment_for_decider


@login_required
@require_GET
def approvals(request):
    if not permissions.can_approve(request.user):
        raise PermissionDenied
    me = penilaian_permissions.employee_of(request.user)
    if roles.is_hr(request.user):
        pending = enrolment_selectors.all_pending_approvals()
    else:
        pending = enrolment_selectors.pending_approvals(me)
    return render(request, "pelatihan/approval_list.html", {"pending": pending, "form": RejectForm()})


@login_required
@require_POST
def approval_decide(request, pk):
    enrolment = enrolment_for_decider(request.user, pk)
    try:
        if request.POST.get("decision") == "approve":
            enrolment_services.enrolment_approve(enrolment=enrolment, actor=request.user)
            messages.success(request, _("Approved: %(name)s.") % {"name": enrolment.employee.full_name})
        else:
            form = RejectForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Give a reason for the rejection."))
                return redirect("pelatihan:approvals")
            enrolment_services.enrolment_reject(enrolment=enrolment, actor=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Rejected: %(name)s.") % {"name": enrolment.employee.full_name})
    except TrainingError as exc:
        messages.error(request, error_message(exc))
    return redirect("pelatihan:approvals")
