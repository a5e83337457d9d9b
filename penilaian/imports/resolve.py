"""Step 2 of an import: every key a file names, loaded once per file — never one query per row.

For scores: the periods, the indicator codes, the employees of the file's NIPs (with what a new
appraisal records: unit, position kind, assessor, approver), their appraisals in the file's
periods and those appraisals' stored scores, and the expected levels. A fixed number of queries
(NIPs and appraisals in chunks), whatever the file's size. For a real import (not a preview) the
appraisals are locked: a supervisor finalising one at the same moment waits for the import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from penilaian.models import Appraisal, AppraisalPeriod, Employee, Indicator, Score, Unit
from penilaian.selectors.catalogue import expected_levels

from .bulk import chunks
from .parse import EmployeeLine, ScoreLine

# --- Scores ---------------------------------------------------------------------------------------


class EmployeeKey(NamedTuple):
    pk: int
    unit_id: int
    position_kind: str
    supervisor_id: int | None
    approver_id: int | None  # the supervisor's supervisor


@dataclass(slots=True)
class AppraisalState:
    """An appraisal the file touches: as stored (``pk`` None for one the import creates) and,
    once planned, its new status and suggested perilaku rating."""

    pk: int | None
    status: str
    position_kind: str
    suggested: str
    rated: str = ""  # the supervisor's chosen ratings and predikat ("" when none chosen yet)
    employee: EmployeeKey | None = None  # set for a new appraisal
    period: AppraisalPeriod | None = None  # set for a new appraisal
    new_status: str = ""
    new_suggested: str = ""


@dataclass
class ScoreKeys:
    periods: dict[str, AppraisalPeriod]  # by code
    indicators: dict[str, tuple[int, str]]  # code → (id, kind)
    employees: dict[str, EmployeeKey]  # by NIP
    appraisals: dict[tuple[int, int], AppraisalState]  # (employee id, period id) → stored appraisal
    scores: dict[tuple[int, int], list]  # (appraisal id, indicator id) → [self, supervisor, expected level]
    levels: dict  # ``selectors.catalogue.expected_levels()``


def scores(lines: list[ScoreLine], *, lock: bool) -> ScoreKeys:
    periods = {p.code: p for p in AppraisalPeriod.objects.all()}
    indicators = {code: (pk, kind) for code, pk, kind in Indicator.objects.values_list("code", "pk", "kind")}
    employees = _employees({nip for _line, nip, *_rest in lines if nip})
    period_ids = {periods[code].pk for _line, _nip, _ind, code, *_rest in lines if code in periods}
    appraisals = _appraisals(period_ids, sorted({e.pk for e in employees.values()}), lock=lock)
    return ScoreKeys(
        periods=periods, indicators=indicators, employees=employees, appraisals=appraisals,
        scores=_stored_scores(sorted(a.pk for a in appraisals.values())), levels=expected_levels(),
    )


def _employees(nips: set[str]) -> dict[str, EmployeeKey]:
    found: dict[str, EmployeeKey] = {}
    for chunk in chunks(sorted(nips)):
        for nip, *key in Employee.objects.filter(nip__in=chunk).values_list(
            "nip", "pk", "unit_id", "position_kind", "supervisor_id", "supervisor__supervisor_id"
        ):
            found[nip] = EmployeeKey(*key)
    return found


def _appraisals(period_ids: set[int], employee_ids: list[int], *, lock: bool) -> dict[tuple[int, int], AppraisalState]:
    found: dict[tuple[int, int], AppraisalState] = {}
    if not (period_ids and employee_ids):
        return found
    qs = Appraisal.objects.filter(period_id__in=period_ids)
    if lock:
        # Lock what we are about to change: a supervisor finalising an appraisal at the same
        # moment waits for the import (PostgreSQL; a no-op on SQLite).
        qs = qs.select_for_update()
    for chunk in chunks(employee_ids):
        for pk, employee_id, period_id, status, position_kind, suggested, hasil, perilaku, predikat in qs.filter(
            employee_id__in=chunk
        ).values_list("pk", "employee_id", "period_id", "status", "position_kind", "rating_perilaku_suggested",
                      "rating_hasil_kerja", "rating_perilaku", "predikat"):
            rated = predikat or hasil or perilaku
            found[(employee_id, period_id)] = AppraisalState(pk, status, position_kind, suggested, rated)
    return found


def _stored_scores(appraisal_ids: list[int]) -> dict[tuple[int, int], list]:
    found: dict[tuple[int, int], list] = {}
    for chunk in chunks(appraisal_ids):
        for appraisal_id, indicator_id, s, u, e in Score.objects.filter(appraisal_id__in=chunk).values_list(
            "appraisal_id", "indicator_id", "self_score", "supervisor_score", "expected_level"
        ):
            found[(appraisal_id, indicator_id)] = [s, u, e]
    return found


# --- Employees ------------------------------------------------------------------------------------


@dataclass
class EmployeeKeys:
    units: dict[str, Unit]  # by code
    in_register: set[str]  # NIPs of the file (employees and supervisors) already in the register
    emails_taken: set[str]  # e-mails of the file already used in the register


def employees(lines: list[EmployeeLine]) -> EmployeeKeys:
    units = {u.code: u for u in Unit.objects.all()}
    in_register: set[str] = set()
    for chunk in chunks(sorted({n for row in lines for n in (row.nip, row.supervisor) if n})):
        in_register |= set(Employee.objects.filter(nip__in=chunk).values_list("nip", flat=True))
    emails_taken: set[str] = set()
    for chunk in chunks(sorted({row.email for row in lines if row.email})):
        emails_taken |= set(Employee.objects.filter(email__in=chunk).values_list("email", flat=True))
    return EmployeeKeys(units=units, in_register=in_register, emails_taken=emails_taken)


# --- Indicators -----------------------------------------------------------------------------------


def indicators() -> dict[str, Indicator]:
    """The whole catalogue by code, with parents (a few hundred rows)."""
    return {i.code: i for i in Indicator.objects.select_related("parent")}
