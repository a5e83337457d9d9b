"""After the appraisal, in the demo (``data/fairness.yaml``): Bina Marga's first final appraisals
handed over and mostly acknowledged, the two lowest rated objecting — one decided by the Kepala
Dinas (the appraiser's superior), one still open — and every unit's own predikat, from which
BKPSDM sees the units outside the distribution pattern.

The services write every step now; the times are then moved back to the days of the data file
(receipt, acknowledgement, objection, decision), each within the objection deadline."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from penilaian import rules
from penilaian.models import (
    Appraisal,
    AppraisalPeriod,
    AppraisalReceipt,
    AppraisalStatus,
    Objection,
    ObjectionOutcome,
    PositionKind,
    Unit,
)
from penilaian.selectors import distribution as distribution_selectors
from penilaian.services import distribution as distribution_services
from penilaian.services import objections as objection_services
from portal.accounts.services import account_create_for_employee
from portal.core.audit import record


def at(today: dt.date, days: int, hour: int = 10) -> dt.datetime:
    """A moment ``days`` before ``today``, in the portal's time zone."""
    return timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days), dt.time(hour)))


def user_of(employee):
    """The employee's account, made with the demo password when missing."""
    return account_create_for_employee(employee=employee, password=settings.PORTAL_DEMO_PASSWORD)[0]


def seed_outcomes(*, hr, data: dict, today: dt.date, period: AppraisalPeriod, unit: Unit, exclude=frozenset()) -> dict:
    finals = _finalise(period=period, unit=unit, data=data, exclude=exclude)
    worst = sorted(finals, key=lambda a: (rules.PREDIKAT_ORDER.index(a.predikat), a.employee.nip), reverse=True)
    decided, still_open = (worst + [None, None])[:2]
    others = [a for a in finals if a not in (decided, still_open)][: data["acknowledged"]]
    for appraisal in others:
        objection_services.receipt_acknowledge(appraisal=appraisal, actor=user_of(appraisal.employee))
    if decided is not None:
        _decide(_object(decided, data["objection_decided"]), data["objection_decided"])
    if still_open is not None:
        _object(still_open, data["objection_open"])
    # Back to the days of the data file.
    AppraisalReceipt.objects.filter(appraisal__in=finals).update(notified_at=at(today, data["finalised_days_ago"]))
    Appraisal.objects.filter(pk__in=[a.pk for a in finals]).update(finalised_at=at(today, data["finalised_days_ago"]))
    for i, appraisal in enumerate(others):
        AppraisalReceipt.objects.filter(appraisal=appraisal).update(
            acknowledged_at=at(today, data["finalised_days_ago"] - 1 - i % 4, hour=8 + i))
    objectors = [(a, spec) for a, spec in ((decided, data["objection_decided"]), (still_open, data["objection_open"]))
                 if a is not None]
    for appraisal, spec in objectors:
        _move_objection(appraisal, spec, today)
    outside = seed_unit_predikats(data=data, hr=hr)
    return {"final": len(finals), "acknowledged": len(others) + len(objectors), "objections": len(objectors),
            "outside": outside}


def _finalise(*, period, unit, data, exclude) -> list[Appraisal]:
    """Demo shortcut for the approver's one-by-one finalisation: the first assessed appraisals of
    the unit's staff (in a small city, of its SKPK, then of the city) become final in bulk (one
    audit record), then each is handed to its employee (a receipt, no e-mail)."""
    wanted = data["final_appraisals"]
    assessed = (
        Appraisal.objects.filter(period=period, status=AppraisalStatus.ASSESSED, approver__isnull=False)
        .exclude(predikat="").exclude(employee_id__in=exclude).exclude(position_kind=PositionKind.ADMINISTRATOR)
        .select_related("employee", "period").order_by("employee__nip"))
    chosen: list[Appraisal] = []
    for scope in (assessed.filter(unit=unit), assessed.filter(unit__parent=unit.parent_id), assessed):
        chosen += [a for a in scope[: wanted * 2] if a not in chosen][: wanted - len(chosen)]
        if len(chosen) >= wanted:
            break
    Appraisal.objects.filter(pk__in=[a.pk for a in chosen]).update(status=AppraisalStatus.FINALISED,
                                                                    finalised_at=timezone.now())
    record(period, "penilaian.demo.conclude", data={"appraisals": len(chosen), "finalised": True, "unit": unit.code})
    for appraisal in chosen:
        appraisal.status = AppraisalStatus.FINALISED
        objection_services.receipt_open(appraisal=appraisal, notify=False)
    return chosen


def _object(appraisal: Appraisal, spec: dict) -> Objection:
    return objection_services.objection_submit(appraisal=appraisal, actor=user_of(appraisal.employee),
                                               reasons=spec["reasons"])


def _decide(objection: Objection, spec: dict) -> None:
    handler = user_of(objection.handler)
    objection_services.objection_record_explanations(
        objection=objection, actor=handler, appraiser_explanation=spec["appraiser_explanation"],
        employee_explanation=spec["employee_explanation"])
    appraisal = objection.appraisal
    changed = (spec["hasil_kerja"], spec["perilaku"]) != (appraisal.rating_hasil_kerja, appraisal.rating_perilaku)
    objection_services.objection_decide(
        objection=objection, actor=handler, outcome=ObjectionOutcome.CHANGED if changed else ObjectionOutcome.UPHELD,
        decision=spec["decision"], rating_hasil_kerja=spec["hasil_kerja"], rating_perilaku=spec["perilaku"])


def _move_objection(appraisal: Appraisal, spec: dict, today: dt.date) -> None:
    submitted = at(today, spec["submitted_days_ago"])
    if "received_days_ago" in spec:
        received = at(today, spec["received_days_ago"])
        AppraisalReceipt.objects.filter(appraisal=appraisal).update(notified_at=received)
        Appraisal.objects.filter(pk=appraisal.pk).update(finalised_at=received)
    AppraisalReceipt.objects.filter(appraisal=appraisal).update(acknowledged_at=submitted)
    moves = {"submitted_at": submitted}
    if "decided_days_ago" in spec:
        moves |= {"explanations_recorded_at": at(today, spec["decided_days_ago"] + 3),
                  "decided_at": at(today, spec["decided_days_ago"])}
    Objection.objects.filter(appraisal=appraisal).update(**moves)


def seed_unit_predikats(*, data: dict, hr) -> int:
    """Every closed period: each SKPK gets the first row of the pattern its staff predikat fit
    (``baik`` when none fits: it shows outside the pattern). The current period: only the units
    the data file names. Returns the units outside the pattern over the closed periods."""
    preference = data["row_preference"]
    outside = 0
    for period in AppraisalPeriod.objects.filter(status="closed"):
        for d in distribution_selectors.distributions(period):
            fitting = [row for row in preference if not rules.check_distribution(row, d.counts)]
            distribution_services.unit_predikat_set(unit=d.unit, period=period, predikat=(fitting or ["baik"])[0],
                                                    actor=hr)
            outside += not fitting
    current = AppraisalPeriod.objects.exclude(status="closed").order_by("-end_date").first()
    for code, predikat in data["current_unit_predikat"].items():
        distribution_services.unit_predikat_set(unit=Unit.objects.get(code=code), period=current, predikat=predikat,
                                                actor=hr)
    return outside
