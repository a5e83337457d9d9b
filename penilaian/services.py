"""Every change to the organisation register goes through these functions.

Services take keyword-only arguments, run inside ``transaction.atomic``, validate with
``full_clean()`` (or the equivalent per-row checks for bulk work) and leave an audit record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.audit import record

from . import nip as nip_rules
from . import rules
from .exceptions import AppraisalError, RegisterError
from .models import (
    Appraisal,
    AppraisalPeriod,
    AppraisalStatus,
    Employee,
    Indicator,
    IndicatorExpectation,
    IndicatorKind,
    PeriodStatus,
    Score,
    Unit,
)
from .permissions import MAX_CHAIN_DEPTH, is_hr

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
    rows = list(rows)
    existing_nips = set(Employee.objects.filter(nip__in=[r.nip for r in rows]).values_list("nip", flat=True))
    existing_by_nip = {}
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
    if seen_emails:
        taken = set(Employee.objects.filter(email__in=seen_emails).values_list("email", flat=True))
        for row, employee in todo:
            if employee.email in taken:
                errors.append(f"{row.key}: " + _("E-mail %(email)s is already used.") % {"email": employee.email})
    if errors:
        raise RegisterError(errors, code="invalid_rows")

    created: dict[str, Employee] = {}
    supervisor_nips = {r.supervisor_key for r, _e in todo if r.supervisor_key}
    existing_by_nip = {e.nip: e for e in Employee.objects.filter(nip__in=supervisor_nips)}
    pending = todo
    # Create level by level: a row waits until its supervisor exists (created or already there).
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
    if created:
        # One trace for the batch: a per-row log entry would double the cost of a large import.
        sample = next(iter(created.values()))
        record(sample, "penilaian.employee.bulk_create", actor=actor, data={"count": len(created)})
    return created


@transaction.atomic
def indicator_ensure(
    *, code: str, name: str, kind: str, description: str = "", parent: Indicator | None = None,
    level_descriptions: list[str] | None = None, expected_level: int = 3, audience: str = "all",
    expectations: dict[str, int] | None = None, sort_order: int = 0, actor=None,
) -> tuple[Indicator, bool]:
    """Return the indicator with ``code``, creating it (with its per-position-kind expected
    levels) when it does not exist. An existing indicator is left as HR edited it."""
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is not None:
        return indicator, False
    indicator = Indicator(
        code=code, name=name, kind=kind, description=description, parent=parent, audience=audience,
        level_descriptions=list(level_descriptions or ["", "", "", "", ""]), expected_level=expected_level,
        sort_order=sort_order,
    )
    indicator.full_clean()
    indicator.save()
    for position_kind, level in (expectations or {}).items():
        expectation = IndicatorExpectation(indicator=indicator, position_kind=position_kind, expected_level=level)
        expectation.full_clean()
        expectation.save()
    record(indicator, "penilaian.indicator.create", actor=actor, data={"code": code, "kind": kind})
    return indicator, True


# --- Periods --------------------------------------------------------------------------------

# The only moves a period's status may make, in order.
PERIOD_FLOW = {
    PeriodStatus.DRAFT: PeriodStatus.SELF_EVALUATION,
    PeriodStatus.SELF_EVALUATION: PeriodStatus.SUPERVISOR_ASSESSMENT,
    PeriodStatus.SUPERVISOR_ASSESSMENT: PeriodStatus.CLOSED,
}


@transaction.atomic
def period_create(*, year: int, kind: str, number: int | None, name: str, start_date, end_date, actor=None):
    period = AppraisalPeriod(year=year, kind=kind, number=number, name=name, start_date=start_date, end_date=end_date)
    period.full_clean()
    period.save()
    record(period, "penilaian.period.create", actor=actor, data={"code": period.code, "name": name})
    return period


@transaction.atomic
def period_advance(*, period: AppraisalPeriod, to_status: str, actor=None) -> AppraisalPeriod:
    """Move a period one step: draft → self-evaluation → supervisor assessment → closed.

    Raises ``AppraisalError(code="wrong_phase")`` for any other move; a closed period is final.
    """
    period = AppraisalPeriod.objects.select_for_update().get(pk=period.pk)
    if PERIOD_FLOW.get(period.status) != to_status:
        raise AppraisalError(
            _("A period in status '%(current)s' cannot move to '%(target)s'.")
            % {"current": period.get_status_display(), "target": PeriodStatus(to_status).label},
            code="wrong_phase",
        )
    before = period.status
    period.status = to_status
    period.save(update_fields=["status"])
    opened = appraisals_bulk_open(period=period) if to_status == PeriodStatus.SELF_EVALUATION else 0
    record(period, "penilaian.period.advance", actor=actor, data={"from": before, "to": to_status, "opened": opened})
    return period


def appraisals_bulk_open(*, period: AppraisalPeriod) -> int:
    """Open an appraisal, with its score rows, for every active employee who has none in the
    period. Constant number of queries per batch: a city of 5,000 opens in seconds."""
    from .selectors import SCORED_KINDS, audiences_for, expected_level, expected_levels, unit_roots

    have = set(Appraisal.objects.filter(period=period).values_list("employee_id", flat=True))
    employees = [
        e for e in Employee.objects.filter(is_active=True).select_related("unit", "supervisor") if e.pk not in have
    ]
    if not employees:
        return 0
    roots = unit_roots()
    indicators = list(Indicator.objects.filter(is_active=True, kind__in=SCORED_KINDS).order_by("sort_order", "code"))
    levels = expected_levels()
    appraisals = Appraisal.objects.bulk_create(
        [
            Appraisal(
                employee=e, period=period, unit_id=e.unit_id, position_kind=e.position_kind,
                assessor_id=e.supervisor_id, approver_id=e.supervisor.supervisor_id if e.supervisor else None,
            )
            for e in employees
        ],
        batch_size=BULK_BATCH_SIZE,
    )
    scores = []
    for employee, appraisal in zip(employees, appraisals, strict=True):
        root = roots.get(employee.unit_id)
        audiences = audiences_for(employee, employee.unit.kind, root.code if root else "")
        scores.extend(
            Score(appraisal=appraisal, indicator=i, expected_level=expected_level(levels, i.pk, employee.position_kind))
            for i in indicators
            if i.audience in audiences
        )
    Score.objects.bulk_create(scores, batch_size=BULK_BATCH_SIZE)
    return len(appraisals)


# --- Appraisals -----------------------------------------------------------------------------


def _guard_open(appraisal: Appraisal, *, phases: tuple[str, ...]) -> None:
    period = appraisal.period
    if period.status == PeriodStatus.CLOSED:
        raise AppraisalError(_("This appraisal period is closed; nothing can be changed."), code="closed")
    if appraisal.status == AppraisalStatus.FINALISED:
        raise AppraisalError(_("This appraisal is finalised; nothing can be changed."), code="finalised")
    if period.status not in phases:
        raise AppraisalError(
            _("This cannot be done while the period is in status '%(status)s'.") % {"status": period.get_status_display()},
            code="wrong_phase",
        )


@transaction.atomic
def appraisal_get_or_create(*, employee: Employee, period: AppraisalPeriod, actor=None) -> Appraisal:
    """The employee's appraisal for the period, created with a score row per indicator they are
    appraised on. The unit, position kind, assessor (direct supervisor) and approver (the
    supervisor's supervisor) are recorded now: supervisors change, the record keeps who it was."""
    from .selectors import expected_level, expected_levels, indicators_for

    existing = Appraisal.objects.filter(employee=employee, period=period).first()
    if existing is not None:
        return existing
    if period.status == PeriodStatus.CLOSED:
        raise AppraisalError(_("This appraisal period is closed; nothing can be changed."), code="closed")
    supervisor = employee.supervisor
    appraisal = Appraisal(
        employee=employee, period=period, unit_id=employee.unit_id, position_kind=employee.position_kind,
        assessor=supervisor, approver=supervisor.supervisor if supervisor else None,
    )
    appraisal.full_clean(validate_unique=False)
    appraisal.save()
    levels = expected_levels()
    Score.objects.bulk_create(
        [
            Score(appraisal=appraisal, indicator=indicator,
                  expected_level=expected_level(levels, indicator.pk, employee.position_kind))
            for indicator in indicators_for(employee)
        ]
    )
    record(appraisal, "penilaian.appraisal.create", actor=actor, data={"employee": employee.nip, "period": period.code})
    return appraisal


def _check_score(value) -> int | None:
    if value in (None, ""):
        return None
    value = int(value)
    if not 1 <= value <= 5:
        raise AppraisalError(_("Scores go from 1 to 5."), code="out_of_range")
    return value


@transaction.atomic
def self_evaluation_save(
    *, appraisal: Appraisal, actor, scores: dict[int, dict], note: str = "", submit: bool = False
) -> Appraisal:
    """Save the employee's own scores (1–5), notes and evidence links; ``submit`` hands the
    self-evaluation to the supervisor. Only the employee, only while self-evaluation is open,
    and only until the supervisor has assessed.

    ``scores`` maps indicator id → {"score": int|None, "note": str, "evidence_url": str}.
    Raises ``AppraisalError`` (closed, finalised, wrong_phase, not_owner, already_assessed,
    incomplete, out_of_range).
    """
    appraisal = Appraisal.objects.select_for_update().select_related("period", "employee").get(pk=appraisal.pk)
    if appraisal.employee.user_id != getattr(actor, "pk", None):
        raise AppraisalError(_("Only the employee fills in their own self-evaluation."), code="not_owner")
    _guard_open(appraisal, phases=(PeriodStatus.SELF_EVALUATION,))
    if appraisal.status in (AppraisalStatus.ASSESSED, AppraisalStatus.FINALISED):
        raise AppraisalError(_("Your supervisor has already assessed this appraisal."), code="already_assessed")
    changed = {}
    rows = {s.indicator_id: s for s in appraisal.scores.all()}
    for indicator_id, values in scores.items():
        score = rows.get(int(indicator_id))
        if score is None:
            continue
        new = (_check_score(values.get("score")), values.get("note", "").strip(), values.get("evidence_url", "").strip())
        if new != (score.self_score, score.self_note, score.evidence_url):
            score.self_score, score.self_note, score.evidence_url = new
            score.full_clean()
            changed[score.indicator_id] = new[0]
    if changed:
        Score.objects.bulk_update([rows[i] for i in changed], ["self_score", "self_note", "evidence_url"])
    appraisal.self_note = note.strip()
    if submit:
        missing = [s for s in rows.values() if s.self_score is None]
        if missing:
            raise AppraisalError(
                _("Give every indicator a score before submitting (%(n)d missing).") % {"n": len(missing)},
                code="incomplete",
            )
        appraisal.status = AppraisalStatus.SELF_SUBMITTED
        appraisal.self_submitted_at = timezone.now()
    appraisal.save()
    record(appraisal, "penilaian.appraisal.self_evaluation", actor=actor, data={"scores": changed, "submitted": submit})
    return appraisal


def _refresh_suggestions(appraisal: Appraisal, rows: dict[int, Score]) -> None:
    values = [(s.supervisor_score, s.expected_level) for s in rows.values() if s.indicator.kind == IndicatorKind.PERILAKU]
    appraisal.rating_perilaku_suggested = rules.suggest_perilaku(values) or ""


@transaction.atomic
def assessment_save(
    *, appraisal: Appraisal, actor, scores: dict[int, dict], feedback: str = "", rating_hasil_kerja: str = "",
    rating_perilaku: str = "", rating_perilaku_reason: str = "", submit: bool = False,
) -> Appraisal:
    """The supervisor's assessment: 1–5 per indicator with notes, written feedback, the two
    ratings and, when both are set, the predikat from ``rules.PREDIKAT_MATRIX``.

    The perilaku rating is suggested from the BerAKHLAK scores; choosing another needs a
    reason. Only the appraisal's assessor, while the period is open (self-evaluation or
    supervisor assessment), and never after finalisation. ``submit`` marks it assessed (every
    indicator scored and both ratings chosen). Raises ``AppraisalError``.
    """
    appraisal = Appraisal.objects.select_for_update().select_related("period", "employee").get(pk=appraisal.pk)
    if appraisal.assessor is None or appraisal.assessor.user_id != getattr(actor, "pk", None):
        raise AppraisalError(_("Only the employee's supervisor for this period assesses it."), code="not_assessor")
    _guard_open(appraisal, phases=(PeriodStatus.SELF_EVALUATION, PeriodStatus.SUPERVISOR_ASSESSMENT))
    rows = {s.indicator_id: s for s in appraisal.scores.select_related("indicator")}
    changed = {}
    for indicator_id, values in scores.items():
        score = rows.get(int(indicator_id))
        if score is None:
            continue
        new = (_check_score(values.get("score")), values.get("note", "").strip())
        if new != (score.supervisor_score, score.supervisor_note):
            score.supervisor_score, score.supervisor_note = new
            changed[score.indicator_id] = new[0]
    if changed:
        Score.objects.bulk_update([rows[i] for i in changed], ["supervisor_score", "supervisor_note"])
    _refresh_suggestions(appraisal, rows)
    appraisal.feedback = feedback.strip()
    appraisal.rating_hasil_kerja = rating_hasil_kerja or ""
    appraisal.rating_perilaku = rating_perilaku or ""
    appraisal.rating_perilaku_reason = rating_perilaku_reason.strip()
    if (
        appraisal.rating_perilaku
        and appraisal.rating_perilaku_suggested
        and appraisal.rating_perilaku != appraisal.rating_perilaku_suggested
        and not appraisal.rating_perilaku_reason
    ):
        raise AppraisalError(
            _("Give a reason for choosing a work behaviour rating other than the suggested one."),
            code="reason_required",
        )
    appraisal.predikat = (
        rules.predikat_for(appraisal.rating_hasil_kerja, appraisal.rating_perilaku)
        if appraisal.rating_hasil_kerja and appraisal.rating_perilaku
        else ""
    )
    if submit:
        missing = [s for s in rows.values() if s.supervisor_score is None]
        if missing or not appraisal.predikat:
            raise AppraisalError(
                _("Score every indicator and choose both ratings before submitting."), code="incomplete"
            )
        appraisal.status = AppraisalStatus.ASSESSED
        appraisal.assessed_at = timezone.now()
    appraisal.full_clean(validate_unique=False)
    appraisal.save()
    record(
        appraisal, "penilaian.appraisal.assessment", actor=actor,
        data={"scores": changed, "hasil_kerja": appraisal.rating_hasil_kerja, "perilaku": appraisal.rating_perilaku,
              "predikat": appraisal.predikat, "submitted": submit},
    )
    return appraisal


@transaction.atomic
def appraisal_finalise(*, appraisal: Appraisal, actor) -> Appraisal:
    """Approve an assessed appraisal: the supervisor's supervisor (the approver), HR, or the
    assessor when there is no approver above them. After this nothing changes."""
    appraisal = Appraisal.objects.select_for_update(of=("self",)).select_related("period", "assessor", "approver").get(pk=appraisal.pk)
    allowed = is_hr(actor) or (appraisal.approver and appraisal.approver.user_id == actor.pk) or (
        appraisal.approver is None and appraisal.assessor and appraisal.assessor.user_id == actor.pk
    )
    if not allowed:
        raise AppraisalError(_("Only the approver or BKPSDM can finalise this appraisal."), code="not_approver")
    if appraisal.period.status == PeriodStatus.CLOSED:
        raise AppraisalError(_("This appraisal period is closed; nothing can be changed."), code="closed")
    if appraisal.status != AppraisalStatus.ASSESSED:
        raise AppraisalError(_("Only an assessed appraisal can be finalised."), code="not_assessed")
    appraisal.status = AppraisalStatus.FINALISED
    appraisal.finalised_at = timezone.now()
    appraisal.save(update_fields=["status", "finalised_at", "updated_at"])
    record(appraisal, "penilaian.appraisal.finalise", actor=actor, data={"predikat": appraisal.predikat})
    return appraisal
