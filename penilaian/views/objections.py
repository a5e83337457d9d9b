"""After the appraisal: the employee's final appraisal (acknowledge receipt, object within the
deadline, read the outcome), the approver's handling of an objection (explanations, decision)
and BKPSDM's list of open objections with their age. Objections follow the appraisal's
visibility: the employee, the supervisor chain and BKPSDM read them; trainers never."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from penilaian import permissions
from penilaian.forms.fairness import DecisionForm, ExplanationsForm, ObjectionForm
from penilaian.models import AppraisalReceipt, Objection
from penilaian.selectors import objections as objection_selectors
from penilaian.services import objections as objection_services
from portal.core import roles

from ._fetch import attempt, objection_for_user
from .appraisal import _get_appraisal_for_user


@login_required
@require_GET
def my_receipt(request, pk):
    """A final appraisal as handed to the employee: acknowledge, object, or read the outcome."""
    appraisal = _get_appraisal_for_user(request.user, pk)
    receipt = AppraisalReceipt.objects.filter(appraisal=appraisal).first()
    objection = Objection.objects.filter(appraisal=appraisal).first()
    me = permissions.employee_of(request.user)
    is_self = me is not None and me.pk == appraisal.employee_id
    deadline = objection_selectors.deadline(receipt) if receipt else None
    return render(request, "penilaian/receipt_detail.html", {
        "appraisal": appraisal, "receipt": receipt, "objection": objection, "is_self": is_self, "deadline": deadline,
        "may_object": is_self and receipt is not None and objection is None and deadline >= timezone.localdate(),
        "form": ObjectionForm(),
    })


@login_required
@require_POST
def receipt_acknowledge(request, pk):
    appraisal = _get_appraisal_for_user(request.user, pk)
    attempt(request, lambda: objection_services.receipt_acknowledge(appraisal=appraisal, actor=request.user),
            _("Receipt acknowledged."))
    return redirect("penilaian:my-receipt", pk=pk)


@login_required
@require_POST
def objection_submit(request, pk):
    appraisal = _get_appraisal_for_user(request.user, pk)
    form = ObjectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reasons for your objection."))
        return redirect("penilaian:my-receipt", pk=pk)
    attempt(request, lambda: objection_services.objection_submit(
        appraisal=appraisal, actor=request.user, reasons=form.cleaned_data["reasons"]),
        _("Your objection has been sent to your appraiser's superior."))
    return redirect("penilaian:my-receipt", pk=pk)


@login_required
@require_GET
def objection_detail(request, pk):
    objection = objection_for_user(request.user, pk)
    may_decide = objection_services.may_decide(request.user, objection) and objection.status == "open"
    return render(request, "penilaian/objection_detail.html", {
        "objection": objection, "appraisal": objection.appraisal, "may_decide": may_decide,
        "age_days": (timezone.localdate() - timezone.localdate(objection.submitted_at)).days,
        "explanations_form": ExplanationsForm(initial={
            "appraiser_explanation": objection.appraiser_explanation,
            "employee_explanation": objection.employee_explanation}),
        "decision_form": DecisionForm(initial={"rating_hasil_kerja": objection.appraisal.rating_hasil_kerja,
                                               "rating_perilaku": objection.appraisal.rating_perilaku}),
    })


def _handle(request, pk, form_class, service, invalid: str, success: str):
    """One step of the handler (explanations, decision): the form, the service, a message."""
    objection = objection_for_user(request.user, pk)
    form = form_class(request.POST)
    if form.is_valid():
        attempt(request, lambda: service(objection=objection, actor=request.user, **form.cleaned_data), success)
    else:
        messages.error(request, invalid)
    return redirect("penilaian:objection-detail", pk=pk)


@login_required
@require_POST
def objection_explanations(request, pk):
    return _handle(request, pk, ExplanationsForm, objection_services.objection_record_explanations,
                   _("Record the explanations of both the appraiser and the employee."), _("Explanations recorded."))


@login_required
@require_POST
def objection_decide(request, pk):
    return _handle(request, pk, DecisionForm, objection_services.objection_decide,
                   _("Choose the outcome and write the decision and its reasons."),
                   _("Objection decided. The employee has been told."))


@login_required
@require_GET
def objection_list(request):
    """BKPSDM: every open objection with its age, and the latest decided. An approver: the
    objections they decide."""
    if roles.is_hr(request.user):
        return render(request, "penilaian/objection_list.html", {
            "open": objection_selectors.open_objections(), "decided": objection_selectors.recently_decided(),
            "hr": True})
    me = permissions.employee_of(request.user)
    if me is None:
        raise PermissionDenied
    mine = list(objection_selectors.objections_for_handler(me))
    if not mine and not permissions.is_supervisor(request.user):
        raise PermissionDenied
    return render(request, "penilaian/objection_list.html", {"mine": mine, "hr": False})
