"""Who may see which employee's data. Every view that shows employee data asks this module.

The rule: an employee sees their own data; the supervisor chain above
an employee (direct and indirect) sees it; HR (BKPSDM) sees everyone. Trainers have no access to
employee data through this module: what they see of their own sessions' participants (names and
units only) is decided in ``pelatihan.permissions``.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef

from portal.core.roles import is_hr

from .models import Employee

# Supervisor chains in a city government are at most ~7 deep (Sekda → kepala dinas → kabid →
# kasi → staff); the bound only protects against a cycle in bad data.
MAX_CHAIN_DEPTH = 25


def employee_of(user) -> Employee | None:
    """The employee record of a user account, or None (admins, trainers from outside)."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return None
    if not hasattr(user, "_portal_employee"):
        # Whether they supervise anyone comes along in the same query (``is_supervisor``).
        user._portal_employee = (
            Employee.objects.select_related("unit", "supervisor").filter(user=user, is_active=True)
            .annotate(_supervises=Exists(Employee.objects.filter(supervisor=OuterRef("pk"), is_active=True)))
            .first()
        )
        if user._portal_employee is not None:
            user._portal_is_supervisor = user._portal_employee._supervises
    return user._portal_employee


def require_employee(user) -> Employee:
    """For views: the user's employee record, or 403 (an account with no active employee)."""
    employee = employee_of(user)
    if employee is None:
        raise PermissionDenied
    return employee


def is_supervisor(user) -> bool:
    """Atasan is derived, not assigned: anyone with at least one active subordinate."""
    me = employee_of(user)
    if me is None:
        return False
    if not hasattr(user, "_portal_is_supervisor"):
        user._portal_is_supervisor = Employee.objects.filter(supervisor=me, is_active=True).exists()
    return user._portal_is_supervisor


def supervisor_chain_ids(employee: Employee) -> list[int]:
    """Primary keys of the employee's supervisors, nearest first (one query per level)."""
    chain: list[int] = []
    current = employee.supervisor_id
    while current and current not in chain and len(chain) < MAX_CHAIN_DEPTH:
        chain.append(current)
        current = Employee.objects.filter(pk=current).values_list("supervisor_id", flat=True).first()
    return chain


def subordinate_ids(employee: Employee, *, direct_only: bool = False, active_only: bool = True) -> set[int]:
    """Primary keys of everyone below the employee in the supervisor tree (one query per level)."""
    found: set[int] = set()
    frontier = {employee.pk}
    depth = 0
    while frontier and depth < MAX_CHAIN_DEPTH:
        qs = Employee.objects.filter(supervisor_id__in=frontier)
        if active_only:
            qs = qs.filter(is_active=True)
        level = set(qs.values_list("pk", flat=True)) - found - {employee.pk}
        found |= level
        if direct_only:
            break
        frontier = level
        depth += 1
    return found


def can_view_employee(user, employee: Employee) -> bool:
    """May ``user`` see ``employee``'s personal and appraisal data?"""
    if user is None or not user.is_authenticated:
        return False
    if is_hr(user):
        return True
    me = employee_of(user)
    if me is None:
        return False
    if me.pk == employee.pk:
        return True
    return me.pk in supervisor_chain_ids(employee)


def visible_employees(user):
    """The employees ``user`` may see, as a queryset (HR: all; others: self and subordinates)."""
    if is_hr(user):
        return Employee.objects.all()
    me = employee_of(user)
    if me is None:
        return Employee.objects.none()
    return Employee.objects.filter(pk__in=subordinate_ids(me) | {me.pk})
