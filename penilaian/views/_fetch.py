"""Fetch what a fair-appraisal view acts on *for this user* (404 when it does not exist, 403 when
it is not theirs), and run one service call with its message. Shared by the view modules of
expectations, documentation, multi-source input and objections."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from penilaian import permissions
from penilaian.models import AppraisalPeriod, Employee, Evidence, Objection
from penilaian.selectors import expectations as expectation_selectors
from penilaian.selectors import objections as objection_selectors
from penilaian.selectors import periods as period_selectors
from penilaian.services import objections as objection_services
from portal.core.http import error_message


def subject_for(user, code: str, nip: str) -> tuple[Employee, AppraisalPeriod]:
    """The employee with this NIP and the period with this code, if ``user`` may see the
    employee (self, supervisor chain, BKPSDM)."""
    period = period_selectors.period_or_404(code)
    employee = get_object_or_404(Employee.objects.select_related("unit", "supervisor"), nip=nip)
    if not permissions.can_view_employee(user, employee):
        raise PermissionDenied
    return employee, period


def require_responsible(user, employee: Employee, period: AppraisalPeriod) -> Employee:
    """403 unless ``user`` is the employee's supervisor for the period."""
    me = permissions.employee_of(user)
    if me is None or me.pk != expectation_selectors.responsible_supervisor_id(employee, period):
        raise PermissionDenied
    return me


def evidence_for_user(user, pk: int) -> Evidence:
    evidence = Evidence.objects.select_related("result__plan__employee", "result__plan__period").filter(pk=pk).first()
    if evidence is None:
        raise Http404
    if not permissions.can_view_employee(user, evidence.result.plan.employee):
        raise PermissionDenied
    return evidence


def objection_for_user(user, pk: int) -> Objection:
    """An objection for who may see the employee, or for its handler."""
    objection = objection_selectors.objection_detail(pk)
    if objection is None:
        raise Http404
    if not (permissions.can_view_employee(user, objection.appraisal.employee)
            or objection_services.may_decide(user, objection)):
        raise PermissionDenied
    return objection


def attempt(request, call: Callable[[], object], success: str) -> bool:
    """Run one service call: its domain error becomes an error message, success ``success``."""
    try:
        call()
    except ValidationError as exc:
        messages.error(request, error_message(exc))
        return False
    messages.success(request, success)
    return True


def show_form_errors(request, form) -> None:
    """A posted form that did not validate, as messages (its page is elsewhere)."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
