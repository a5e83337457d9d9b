"""Step 4 of an import: write what ``plan`` decided, in bulk, inside the caller's transaction,
and leave one audit record for the whole file. Only a file without errors gets here, and never
a preview."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from penilaian import rules
from penilaian.exceptions import RegisterError
from penilaian.models import Appraisal, AppraisalStatus, Employee, Indicator
from penilaian.services.register import employees_bulk_create
from portal.core.audit import record

from . import bulk
from .plan import INDICATOR_FIELDS, EmployeePlan, IndicatorPlan, ScorePlan
from .resolve import AppraisalState, ScoreKeys
from .result import ImportResult, RowError

APPRAISAL_BATCH_SIZE = 2000


def scores(planned: ScorePlan, keys: ScoreKeys, result: ImportResult, *, actor) -> None:
    now = timezone.now()
    if planned.new_appraisals:
        _create_appraisals(planned.new_appraisals, now)
    if planned.appraisal_updates:
        bulk.update_appraisals([_timestamps(a) for a in planned.appraisal_updates], now)
    if planned.score_writes:
        bulk.upsert_scores([
            (planned.appraisal(keys, akey).pk, indicator_id, expected, self_score, supervisor_score)
            for (akey, indicator_id), (self_score, supervisor_score, expected) in planned.score_writes.items()
        ])
    data = result.counts()
    # Suggested perilaku ratings the import recomputed: {appraisal id: [before, after]}.
    data["suggestions"] = planned.suggestions
    record(planned.subject, "penilaian.import.scores", actor=actor, data=data)


def _timestamps(appraisal: AppraisalState) -> tuple[str, str, bool, bool, int]:
    status = appraisal.new_status
    return (
        status, appraisal.new_suggested, rules.status_reached(status, AppraisalStatus.SELF_SUBMITTED),
        rules.status_reached(status, AppraisalStatus.ASSESSED), appraisal.pk,
    )


def _create_appraisals(new: dict, now) -> None:
    """The appraisals the file opens, recording the unit, position kind, assessor and approver
    of today (as ``services.appraisal.appraisal_get_or_create`` does)."""
    objs = []
    for a in new.values():
        employee, status = a.employee, a.new_status
        objs.append(Appraisal(
            employee_id=employee.pk, period_id=a.period.pk, unit_id=employee.unit_id, position_kind=employee.position_kind,
            assessor_id=employee.supervisor_id, approver_id=employee.approver_id, status=status,
            rating_perilaku_suggested=a.new_suggested,
            self_submitted_at=now if rules.status_reached(status, AppraisalStatus.SELF_SUBMITTED) else None,
            assessed_at=now if rules.status_reached(status, AppraisalStatus.ASSESSED) else None,
        ))
    created = Appraisal.objects.bulk_create(objs, batch_size=APPRAISAL_BATCH_SIZE)
    for appraisal, obj in zip(new.values(), created, strict=True):
        appraisal.pk = obj.pk


def employees(planned: EmployeePlan, result: ImportResult, *, actor) -> None:
    try:
        created = employees_bulk_create(rows=planned.rows, actor=actor)
    except RegisterError as exc:
        # Only a supervisor cycle among new rows gets here; everything else was checked before.
        transaction.set_rollback(True)
        result.errors = [RowError(planned.lines.get(m.split(":", 1)[0], 0), [m]) for m in exc.messages]
        return
    result.created = len(created)
    subject = next(iter(created.values()), None) or Employee.objects.get(nip=planned.first_existing)
    record(subject, "penilaian.import.employees", actor=actor, data=result.counts())


def indicators(planned: IndicatorPlan, current: dict[str, Indicator], result: ImportResult, *, actor) -> None:
    if not (planned.creates or planned.updates):
        subject = next(iter(current.values()), None)
        if subject is not None:
            record(subject, "penilaian.import.indicators", actor=actor, data=result.counts())
        return
    Indicator.objects.bulk_create([i for i, _p in planned.creates])
    changes = planned.creates + planned.updates
    # Parents last: a new indicator may name another new one as its parent.
    by_code = {i.code: i for i in Indicator.objects.filter(code__in=planned.file_codes | {p for _i, p in changes if p})}
    parented = []
    for indicator, parent in changes:
        indicator = by_code[indicator.code] if indicator.pk is None else indicator
        indicator.parent = by_code.get(parent) if parent else None
        parented.append(indicator)
    Indicator.objects.bulk_update([i for i, _p in planned.updates], INDICATOR_FIELDS)
    Indicator.objects.bulk_update(parented, ["parent"])
    record(parented[0], "penilaian.import.indicators", actor=actor, data=result.counts())
