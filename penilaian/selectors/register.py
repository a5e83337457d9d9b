"""Reads of the organisation register: employees, the unit tree, and the filters views read
from the query string. Querysets come back with what their templates need already joined, so
list pages do not grow in queries with the data."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from penilaian.models import Employee, EmployeeType, PositionKind, Unit


def employee_list(*, queryset: QuerySet | None = None, search: str = "", unit: Unit | None = None) -> QuerySet:
    qs = (queryset if queryset is not None else Employee.objects.all()).select_related(
        "unit", "unit__parent", "supervisor"
    )
    if search:
        term = search.strip()
        digits = "".join(ch for ch in term if ch.isdigit())
        condition = Q(name__icontains=term) | Q(position_name__icontains=term)
        if digits and len(digits) >= 4:
            condition |= Q(nip__startswith=digits)
        qs = qs.filter(condition)
    if unit is not None:
        qs = qs.filter(unit_id__in=unit_subtree_ids(unit))
    return qs.order_by("name", "nip")


def direct_subordinates(employee: Employee | None) -> QuerySet:
    if employee is None:
        return Employee.objects.none()
    return (
        Employee.objects.filter(supervisor=employee, is_active=True)
        .select_related("unit")
        .order_by("name")
    )


def unit_subtree_ids(unit: Unit) -> set[int]:
    """The unit and all units below it. Units are a few hundred rows: load the edges once."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Unit.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), [unit.pk]
    while stack:
        pk = stack.pop()
        if pk in found:
            continue
        found.add(pk)
        stack.extend(children.get(pk, []))
    return found


def unit_tree() -> list[tuple[Unit, str]]:
    """All units in tree order with an indented label, for selects and the register page."""
    units = list(Unit.objects.filter(is_active=True).order_by("name"))
    by_parent: dict[int | None, list[Unit]] = {}
    for unit in units:
        by_parent.setdefault(unit.parent_id, []).append(unit)
    ordered: list[tuple[Unit, str]] = []

    def walk(parent_id, depth):
        for unit in by_parent.get(parent_id, []):
            ordered.append((unit, "— " * depth + unit.name))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return ordered


def register_counts() -> dict:
    return Employee.objects.filter(is_active=True).aggregate(
        total=Count("pk"),
        pns=Count("pk", filter=Q(employee_type=EmployeeType.PNS)),
        pppk=Count("pk", filter=Q(employee_type=EmployeeType.PPPK)),
        with_account=Count("pk", filter=Q(user__isnull=False)),
    ) | {"units": Unit.objects.filter(is_active=True, parent__isnull=True).count()}


def unit_roots() -> dict[int, Unit]:
    """Each unit's top-level SKPK, for every unit (one query; units are a few hundred rows)."""
    units = {u.pk: u for u in Unit.objects.all()}
    roots: dict[int, Unit] = {}
    for pk, unit in units.items():
        current, depth = unit, 0
        while current.parent_id and current.parent_id in units and depth < 20:
            current = units[current.parent_id]
            depth += 1
        roots[pk] = current
    return roots


def unit_from_param(value: str | None) -> Unit | None:
    """The unit a ``?unit=<id>`` filter names, or None when absent or not a number."""
    if not value or not value.isdigit():
        return None
    return Unit.objects.filter(pk=value).first()


def unit_from_code(code: str) -> Unit | None:
    """The unit with this code (as files and the export commands name units), or None."""
    return Unit.objects.filter(code__iexact=code.strip()).first() if code and code.strip() else None


def position_kind_from_param(value: str | None) -> str:
    """A valid position kind from ``?jabatan=``, or "" for all."""
    return value if value in PositionKind.values else ""
