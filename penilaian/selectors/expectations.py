"""Reads of expectations: one employee's plan for a period with its RHK, targets, realisation,
evidence and behaviour expectations; the supervisor's RHK a subordinate's RHK may support; the
previous period's plan to start from; the plans of a team. A fixed number of queries each."""

from __future__ import annotations

from django.db.models import Case, Prefetch, QuerySet, Value, When

from penilaian.models import (
    Appraisal,
    AppraisalPeriod,
    Aspect,
    Employee,
    Evidence,
    Indicator,
    IndicatorKind,
    PerformancePlan,
    ResultTarget,
    WorkResult,
)


def responsible_supervisor_id(employee: Employee, period: AppraisalPeriod) -> int | None:
    """Who sets the employee's expectations and writes feedback in ``period``: the assessor
    recorded on the period's appraisal, or (before it is opened) the current direct supervisor."""
    assessor = Appraisal.objects.filter(employee=employee, period=period).values_list("assessor_id", flat=True).first()
    return assessor if assessor is not None else employee.supervisor_id


def behaviour_values() -> list[Indicator]:
    """The seven BerAKHLAK values, in catalogue order."""
    return list(Indicator.objects.filter(kind=IndicatorKind.PERILAKU, parent__isnull=True, is_active=True)
                .order_by("sort_order", "code"))


# Targets in the SKP's order: quantity, quality, time.
ASPECT_ORDER = Case(*(When(aspect=a, then=Value(i)) for i, a in enumerate(Aspect.values)), default=Value(9))


def _plans() -> QuerySet:
    targets = ResultTarget.objects.select_related("realisation").order_by(ASPECT_ORDER)
    results = WorkResult.objects.select_related("supports").prefetch_related(
        Prefetch("targets", queryset=targets),
        Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at", "pk")),
    )
    return PerformancePlan.objects.select_related("employee", "employee__unit", "period", "supervisor").prefetch_related(
        Prefetch("results", queryset=results), "behaviours__value",
    )


def plan_for(employee: Employee, period: AppraisalPeriod) -> PerformancePlan | None:
    """The employee's plan for the period with everything its pages show (six queries)."""
    return _plans().filter(employee=employee, period=period).first()


def previous_plan(employee: Employee, period: AppraisalPeriod) -> PerformancePlan | None:
    """The employee's plan of the latest period that ended before ``period`` began."""
    return (
        _plans().filter(employee=employee, period__end_date__lt=period.start_date)
        .order_by("-period__end_date").first()
    )


def supervisor_results(employee: Employee, period: AppraisalPeriod) -> list[WorkResult]:
    """The RHK of the responsible supervisor's own plan for ``period``: what a subordinate's RHK
    may support (intervensi)."""
    supervisor_id = responsible_supervisor_id(employee, period)
    if supervisor_id is None:
        return []
    return list(WorkResult.objects.filter(plan__employee_id=supervisor_id, plan__period=period).order_by("sort_order", "pk"))


def team_plans(employee_ids, period: AppraisalPeriod) -> dict[int, PerformancePlan]:
    """Employee id → their plan in ``period`` (without its content), for a team list."""
    return {p.employee_id: p for p in PerformancePlan.objects.filter(employee_id__in=list(employee_ids), period=period)}


def plan_targets(employee: Employee, period: AppraisalPeriod) -> list[tuple[str, object, object]]:
    """(aspect, target, realised or None) of every target of the employee's RHK in ``period``,
    for ``rules.suggest_hasil_kerja_from_targets``. One query."""
    return [
        (aspect, target, realised)
        for aspect, target, realised in ResultTarget.objects.filter(
            result__plan__employee=employee, result__plan__period=period
        ).values_list("aspect", "target", "realisation__value").order_by()
    ]
