"""Every change to the organisation register (units, employees, supervisors) goes through these
functions.

Services take keyword-only arguments, run inside ``transaction.atomic``, validate with
``full_clean()`` (or the equivalent per-row checks for bulk work) and leave an audit record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from penilaian import nip as nip_rules
from penilaian.exceptions import RegisterError
from penilaian.models import Employee, Unit
from penilaian.permissions import MAX_CHAIN_DEPTH
from portal.core.audit import record

BULK_BATCH_SIZE = 2000


@transaction.atomic
def unit_ensure(*, code: str, name: str, kind: str, parent: Unit | None = None, short_name: str = "", actor=None):
    """Return the unit with ``code``, creating it when it does not exist yet (idempotent)."""
    unit = Unit.objects.filter(code=code).first()
    if unit is not None:
        return unit, False
    unit = Unit(code=code, name=name, kind=kind, parent=parent, short_name=short_name)
    unit.full_clean()
    unit.save()
    record(unit, "penilaian.unit.create", actor=actor, data={"code": code, "name": name, "parent": parent and parent.code})
    return unit, True


def _check_supervisor(employee: Employee, supervisor: Employee | None) -> None:
    if supervisor is None:
        return
    if employee.pk and supervisor.pk == employee.pk:
        raise RegisterError(_("An employee cannot supervise themselves."), code="self_supervisor")
    # Walk up from the new supervisor: meeting the employee would close a cycle.
    current, depth = supervisor, 0
    while current is not None and depth < MAX_CHAIN_DEPTH:
        if employee.pk and current.pk == employee.pk:
            raise RegisterError(_("This supervisor would create a cycle in the supervisor chain."), code="cycle")
        current = current.supervisor
        depth += 1


@transaction.atomic
def employee_create(*, actor=None, **fields) -> Employee:
    """Create one employee after full validation (NIP rules, position level, rank, unique NIP)."""
    if "nip" in fields:
        fields["nip"] = nip_rules.normalise(fields["nip"])
    employee = Employee(**fields)
    employee.full_clean()
    employee.save()
    record(employee, "penilaian.employee.create", actor=actor, data={"nip": employee.nip, "unit": employee.unit_id})
    return employee


EDITABLE_FIELDS = frozenset(
    {
        "name", "front_title", "back_title", "position_name", "position_kind", "functional_level", "rank",
        "unit", "email", "phone", "is_active", "employee_type", "nip",
    }
)


@transaction.atomic
def employee_update(*, employee: Employee, actor=None, **changes) -> Employee:
    """Change register fields of one employee; the supervisor has its own service."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"employee_update got unknown fields: {sorted(unknown)}")
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    before = {name: getattr(employee, name) for name in changes}
    for name, value in changes.items():
        setattr(employee, name, value)
    employee.full_clean()
    employee.save()
    diff = {name: [before[name], getattr(employee, name)] for name in changes if before[name] != getattr(employee, name)}
    record(employee, "penilaian.employee.update", actor=actor, data=diff)
    return employee


@transaction.atomic
def employee_set_supervisor(*, employee: Employee, supervisor: Employee | None, actor=None) -> Employee:
    """Assign the direct supervisor (atasan langsung); refuses self-supervision and cycles."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    _check_supervisor(employee, supervisor)
    before = employee.supervisor_id
    employee.supervisor = supervisor
    employee.save(update_fields=["supervisor", "updated_at"])
    record(
        employee,
        "penilaian.employee.set_supervisor",
        actor=actor,
        data={"from": before, "to": supervisor.pk if supervisor else None},
    )
    return employee


@dataclass
class EmployeeRow:
    """One employee to create in bulk. ``supervisor_key`` refers to another row's ``key`` or an
    existing employee's NIP; rows are created level by level so supervisors exist first."""

    key: str
    nip: str
    employee_type: str
    name: str
    position_name: str
    position_kind: str
    unit: Unit
    functional_level: str = ""
    rank: str = ""
    front_title: str = ""
    back_title: str = ""
    email: str = ""
    phone: str = ""
    supervisor_key: str | None = None
    errors: list[str] = field(default_factory=list)


def employee_row_check(row: EmployeeRow) -> Employee:
    """Validate one bulk row like ``employee_create`` does, without queries (uniqueness is the
    caller's, for a whole batch at once). Raises ``ValidationError``; returns the unsaved employee."""
    employee = Employee(
        nip=row.nip, employee_type=row.employee_type, name=row.name, front_title=row.front_title,
        back_title=row.back_title, position_name=row.position_name, position_kind=row.position_kind,
        functional_level=row.functional_level, rank=row.rank, unit=row.unit, email=row.email, phone=row.phone,
    )
    employee.clean_fields(exclude=["unit", "supervisor", "user"])
    employee.clean()
    return employee


@transaction.atomic
def employees_bulk_create(*, rows: Iterable[EmployeeRow], actor=None) -> dict[str, Employee]:
    """Create many employees at once, all or nothing.

    Rows whose NIP already exists are skipped (idempotent re-runs). Every row is validated
    like ``employee_create``; a ``ValidationError`` listing every bad row (by key) is raised
    before anything is written. Returns the created employees by row key. Costs a constant
    number of queries per batch of ``BULK_BATCH_SIZE`` rows, never one per row.
    """
    todo = _rows_to_create(list(rows))
    created = _create_level_by_level(todo)
    if created:
        # One trace for the batch: a per-row log entry would double the cost of a large import.
        sample = next(iter(created.values()))
        record(sample, "penilaian.employee.bulk_create", actor=actor, data={"count": len(created)})
    return created


def _rows_to_create(rows: list[EmployeeRow]) -> list[tuple[EmployeeRow, Employee]]:
    """The new rows with their unsaved employees; ``RegisterError`` naming every bad row."""
    existing_nips = set(Employee.objects.filter(nip__in=[r.nip for r in rows]).values_list("nip", flat=True))
    errors: list[str] = []
    todo: list[tuple[EmployeeRow, Employee]] = []
    seen: set[str] = set()
    seen_emails: set[str] = set()
    for row in rows:
        if row.nip in existing_nips:
            continue
        if row.nip in seen:
            errors.append(f"{row.key}: " + _("NIP %(nip)s appears twice.") % {"nip": row.nip})
            continue
        seen.add(row.nip)
        try:
            employee = employee_row_check(row)
        except ValidationError as exc:
            errors.append(f"{row.key}: " + "; ".join(exc.messages))
            continue
        if employee.email:
            if employee.email in seen_emails:
                errors.append(f"{row.key}: " + _("E-mail %(email)s appears twice.") % {"email": employee.email})
                continue
            seen_emails.add(employee.email)
        todo.append((row, employee))
    errors += _emails_taken(todo, seen_emails)
    if errors:
        raise RegisterError(errors, code="invalid_rows")
    return todo


def _emails_taken(todo: list[tuple[EmployeeRow, Employee]], emails: set[str]) -> list[str]:
    """One query for the whole batch: rows whose e-mail another employee already uses."""
    if not emails:
        return []
    taken = set(Employee.objects.filter(email__in=emails).values_list("email", flat=True))
    return [
        f"{row.key}: " + _("E-mail %(email)s is already used.") % {"email": employee.email}
        for row, employee in todo
        if employee.email in taken
    ]


def _create_level_by_level(todo: list[tuple[EmployeeRow, Employee]]) -> dict[str, Employee]:
    """Create level by level: a row waits until its supervisor exists (created or already there)."""
    created: dict[str, Employee] = {}
    supervisor_nips = {r.supervisor_key for r, _e in todo if r.supervisor_key}
    existing_by_nip = {e.nip: e for e in Employee.objects.filter(nip__in=supervisor_nips)}
    pending = todo
    while pending:
        ready, waiting = [], []
        for row, employee in pending:
            key = row.supervisor_key
            if key is None or key in created or key in existing_by_nip:
                ready.append((row, employee))
            else:
                waiting.append((row, employee))
        if not ready:
            missing = sorted({r.supervisor_key for r, _e in waiting})[:10]
            raise RegisterError(
                _("Unknown supervisor for some rows: %(keys)s") % {"keys": ", ".join(missing)}, code="unknown_supervisor"
            )
        for row, employee in ready:
            if row.supervisor_key:
                employee.supervisor = created.get(row.supervisor_key) or existing_by_nip[row.supervisor_key]
        objs = Employee.objects.bulk_create([e for _r, e in ready], batch_size=BULK_BATCH_SIZE)
        for (row, _e), obj in zip(ready, objs, strict=True):
            created[row.key] = obj
        pending = waiting
    return created
