"""Reads of appraisal periods: finding a period by its code, the open period, and BKPSDM's
overview of a period (completion, predikat distribution, recognition)."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from penilaian import rules
from penilaian.models import (
    Appraisal,
    AppraisalPeriod,
    AppraisalStatus,
    Employee,
    Indicator,
    OrganisationPredikat,
    PeriodKind,
    PeriodStatus,
    Predikat,
    Unit,
)

from . import distribution as distribution_selectors
from . import objections as objection_selectors
from .catalogue import SCORED_KINDS
from .register import unit_roots, unit_subtree_ids


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


def period_or_404(code: str) -> AppraisalPeriod:
    """``period_by_code`` for views: 404 when the code names no period."""
    period = period_by_code(code)
    if period is None:
        raise Http404
    return period


def _open_periods() -> QuerySet:
    return AppraisalPeriod.objects.filter(
        status__in=[PeriodStatus.SELF_EVALUATION, PeriodStatus.SUPERVISOR_ASSESSMENT]).order_by("-end_date")


def current_period() -> AppraisalPeriod | None:
    """The most recent period that is open (self-evaluation or supervisor assessment)."""
    return _open_periods().first()


def current_period_and_appraisal(employee: Employee) -> tuple[AppraisalPeriod | None, Appraisal | None]:
    """``current_period`` and the employee's appraisal in it (only its ``status``; None when not
    opened), in one query."""
    mine = Appraisal.objects.filter(period=OuterRef("pk"), employee=employee)
    period = _open_periods().annotate(
        my_appraisal_pk=Subquery(mine.values("pk")[:1]), my_appraisal_status=Subquery(mine.values("status")[:1]),
    ).first()
    if period is None or period.my_appraisal_pk is None:
        return period, None
    return period, Appraisal(pk=period.my_appraisal_pk, status=period.my_appraisal_status, period=period,
                             employee=employee)


def period_overview(period: AppraisalPeriod) -> list[dict]:
    """Per SKPK: active employees, appraisals per status, completion %, predikat distribution
    and what of it breaks the distribution pattern row of the unit's own predikat (none set: no
    check). A fixed number of queries whatever the size."""
    roots = unit_roots()
    employees_per_unit = Employee.objects.filter(is_active=True).values("unit_id").annotate(n=Count("pk"))
    # Marked in the report: appraisals under an open objection (their ratings may still change).
    appraisal_rows = (
        Appraisal.objects.filter(period=period).values("unit_id", "status", "predikat")
        .annotate(n=Count("pk"), under_objection=Count("pk", filter=objection_selectors.under_objection()))
    )
    table: dict[int, dict] = {}

    def entry(unit_id):
        root = roots[unit_id]
        return table.setdefault(
            root.pk,
            {"unit": root, "employees": 0, "statuses": dict.fromkeys(AppraisalStatus.values, 0),
             "predikat": dict.fromkeys(rules.PREDIKAT_ORDER, 0), "under_objection": 0},
        )

    for row in employees_per_unit:
        entry(row["unit_id"])["employees"] += row["n"]
    for row in appraisal_rows:
        e = entry(row["unit_id"])
        e["statuses"][row["status"]] += row["n"]
        e["under_objection"] += row["under_objection"]
        if row["predikat"]:
            e["predikat"][row["predikat"]] += row["n"]
    own = distribution_selectors.organisation_predikats(period)
    result = []
    for e in table.values():
        done = e["statuses"][AppraisalStatus.ASSESSED] + e["statuses"][AppraisalStatus.FINALISED]
        rated = sum(e["predikat"].values())
        e["completion"] = done / e["employees"] if e["employees"] else 0
        e["rated"] = rated
        # The unit's own predikat (set by BKPSDM) picks its row of the distribution pattern.
        e["organisation_predikat"] = own.get(e["unit"].pk)
        e["organisation_label"] = OrganisationPredikat(e["organisation_predikat"]).label if e["organisation_predikat"] else ""
        e["breaches"] = rules.check_distribution(e["organisation_predikat"], e["predikat"]) if e["organisation_predikat"] else []
        broken = {p for b in e["breaches"] for p in b.predikats}
        e["distribution"] = [
            {"predikat": p, "n": e["predikat"][p], "share": e["predikat"][p] / rated if rated else 0, "over_cap": p in broken}
            for p in rules.PREDIKAT_ORDER
        ]
        result.append(e)
    return sorted(result, key=lambda e: e["unit"].name)


def recognition_list(period: AppraisalPeriod, *, unit: Unit | None = None, visible_ids=None) -> QuerySet:
    """Employees rated Sangat Baik in the period, by unit (the seed: high performers are
    recognised). ``visible_ids`` limits the list to what the viewer may see."""
    qs = Appraisal.objects.filter(period=period, predikat=Predikat.SANGAT_BAIK).select_related(
        "employee", "unit", "period"
    )
    if unit is not None:
        qs = qs.filter(unit_id__in=unit_subtree_ids(unit))
    if visible_ids is not None:
        qs = qs.filter(employee_id__in=visible_ids)
    return qs.order_by("unit__name", "employee__name")


def advance_preview(period: AppraisalPeriod) -> dict | None:
    """What moving ``period`` one step on would do, in live figures, for BKPSDM's confirmation
    page; None when the period is closed (no next step). Two queries at most.

    - draft → self-evaluation: ``to_open`` appraisals will be opened (active employees without
      one), with the ``indicators`` active now;
    - self-evaluation → supervisor assessment: ``affected`` of ``total`` appraisals have no
      submitted self-evaluation, and can no longer have one;
    - supervisor assessment → closed: ``affected`` of ``total`` appraisals are not final and
      can no longer change; ``not_assessed`` of them were never assessed, ``under_objection``
      have an open objection.
    """
    next_status = rules.PERIOD_FLOW.get(period.status)
    if next_status is None:
        return None
    preview = {"next_status": next_status, "next_label": PeriodStatus(next_status).label,
               "total": 0, "affected": 0, "share": 0}
    if next_status == PeriodStatus.SELF_EVALUATION:
        have = Appraisal.objects.filter(period=period).values("employee_id")
        preview["to_open"] = Employee.objects.filter(is_active=True).exclude(pk__in=have).count()
        preview["indicators"] = Indicator.objects.filter(is_active=True, kind__in=SCORED_KINDS).count()
        return preview
    not_final = ~Q(status=AppraisalStatus.FINALISED)
    counts = Appraisal.objects.filter(period=period).aggregate(
        total=Count("pk"),
        not_submitted=Count("pk", filter=Q(status=AppraisalStatus.DRAFT)),
        not_assessed=Count("pk", filter=Q(status__in=[AppraisalStatus.DRAFT, AppraisalStatus.SELF_SUBMITTED])),
        not_final=Count("pk", filter=not_final),
        under_objection=Count("pk", filter=not_final & objection_selectors.under_objection()),
    )
    preview["total"] = counts["total"]
    if next_status == PeriodStatus.SUPERVISOR_ASSESSMENT:
        preview["affected"] = counts["not_submitted"]
    else:
        preview["affected"] = counts["not_final"]
        preview["not_assessed"] = counts["not_assessed"]
        preview["under_objection"] = counts["under_objection"]
    preview["share"] = rules.share_percent(preview["affected"], preview["total"])
    return preview
