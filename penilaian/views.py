from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from . import permissions, selectors
from .models import Employee, Unit


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
    """Penilaian Bawahan starts here: the supervisor's direct subordinates."""
    me = permissions.employee_of(request.user)
    if me is None or not permissions.is_supervisor(request.user):
        raise PermissionDenied
    return render(request, "penilaian/team.html", {"team": selectors.direct_subordinates(me)})


@login_required
@require_GET
def employee_list(request):
    """HR's register: search by name, position or NIP; filter by unit (with its sub-units)."""
    if not permissions.is_hr(request.user):
        raise PermissionDenied
    unit = None
    unit_id = request.GET.get("unit")
    if unit_id and unit_id.isdigit():
        unit = Unit.objects.filter(pk=unit_id).first()
    qs = selectors.employee_list(search=request.GET.get("q", ""), unit=unit)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "penilaian/employee_list.html",
        {"page": page, "units": selectors.unit_tree(), "unit": unit, "q": request.GET.get("q", "")},
    )
