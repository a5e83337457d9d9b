"""Reads that pages and reports share. Querysets come back with what their templates need
already joined, so list pages do not grow in queries with the data."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from .models import AppraisalPeriod, Employee, EmployeeType, Indicator, IndicatorExpectation, PeriodKind, Unit


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


def period_by_code(code: str) -> AppraisalPeriod | None:
    """``2025`` → the annual period of 2025; ``2025-T2`` → its second quarter; ``2025-07`` →
    July 2025. None when the code is malformed or no such period exists."""
    code = (code or "").strip().upper()
    year, _sep, rest = code.partition("-")
    if not (year.isdigit() and len(year) == 4):
        return None
    if not rest:
        kind, number = PeriodKind.ANNUAL, None
    elif rest.startswith("T") and rest[1:].isdigit():
        kind, number = PeriodKind.QUARTERLY, int(rest[1:])
    elif rest.isdigit():
        kind, number = PeriodKind.MONTHLY, int(rest)
    else:
        return None
    return AppraisalPeriod.objects.filter(year=int(year), kind=kind, number=number).first()


def expected_levels() -> dict[tuple[int, str | None], int]:
    """Expected level per (indicator id, position kind), with (indicator id, None) as the
    indicator's default. Two queries, for bulk work (imports, gap reports)."""
    levels: dict[tuple[int, str | None], int] = {
        (pk, None): level for pk, level in Indicator.objects.values_list("pk", "expected_level")
    }
    for indicator_id, kind, level in IndicatorExpectation.objects.values_list(
        "indicator_id", "position_kind", "expected_level"
    ):
        levels[(indicator_id, kind)] = level
    return levels


def expected_level(levels: dict, indicator_id: int, position_kind: str) -> int:
    """Look up ``expected_levels()``: the position kind's own level, else the default."""
    return levels.get((indicator_id, position_kind), levels[(indicator_id, None)])
