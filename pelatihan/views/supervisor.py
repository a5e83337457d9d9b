"""The supervisor's approvals of registrations (HR may decide too)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from penilaian import permissions as penilaian_permissions
from portal.core import roles
from portal.core.http import error_message, safe_next

from .. import permissions
from ..exceptions import TrainingError
from ..forms import BulkApprovalForm, RejectForm
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
    pending = enrolment_selectors.with_gaps_and_jp(list(pending))
    return render(request, "pelatihan/approval_list.html", {"pending": pending, "form": RejectForm()})


@login_required
@require_POST
def approvals_bulk(request):
    """Approve the ticked registrations (the dashboard's inbox and the approvals page): each
    through the approval service; what could not be approved is said, the rest go through."""
    if not permissions.can_approve(request.user):
        raise PermissionDenied
    back = safe_next(request, reverse("pelatihan:approvals"))
    form = BulkApprovalForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_message(form.errors.as_data()["enrolment"][0]))
        return redirect(back)
    batch = enrolment_services.enrolment_approve_many(enrolment_ids=form.cleaned_data["enrolment"], actor=request.user)
    _report_batch(request, batch)
    return redirect(back)


def _names(enrolments) -> str:
    return ", ".join(e.employee.full_name for e in enrolments)


def _report_batch(request, batch) -> None:
    if batch.confirmed:
        messages.success(request, ngettext("Approved %(n)d registration: %(names)s",
                                           "Approved %(n)d registrations: %(names)s", len(batch.confirmed))
                         % {"n": len(batch.confirmed), "names": _names(batch.confirmed)})
    if batch.waiting:
        messages.warning(request, ngettext(
            "Approved, but the session is full, so on the waiting list: %(names)s",
            "Approved, but the sessions are full, so on the waiting list: %(names)s", len(batch.waiting))
            % {"names": _names(batch.waiting)})
    for enrolment, exc in batch.refused:
        if enrolment is None or exc.code == "not_allowed":
            # Say nothing about a registration that is not this user's to decide.
            messages.error(request, _("One registration could not be approved: %(reason)s")
                           % {"reason": _("it is not yours to decide.")})
        else:
            messages.error(request, _("Not approved (%(name)s): %(reason)s")
                           % {"name": enrolment.employee.full_name, "reason": error_message(exc)})


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
