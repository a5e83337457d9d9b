"""Reads of gaps: a score is a gap when the supervisor scored below the expected level. The
employee's own gaps, and indicators and units ranked by gaps for BKPSDM and training. The
period-wide rankings and ``matching_gap_scores`` leave out appraisals under an open objection:
they feed no training needs or matching until the objection is decided."""

from __future__ import annotations

from django.db.models import Avg, Count, F, Max, Q, QuerySet, Subquery

from penilaian.models import AppraisalPeriod, Employee, Indicator, ObjectionStatus, Score, Unit

from . import objections as objection_selectors
from .register import unit_roots, unit_subtree_ids


def gap_scores() -> QuerySet:
    """Scores with a gap: the supervisor scored below the expected level."""
    return Score.objects.filter(supervisor_score__isnull=False, supervisor_score__lt=F("expected_level"))


def matching_gap_scores() -> QuerySet:
    """The gaps that feed training needs and matching: those of appraisals under an open
    objection wait until it is decided (the ratings may still change)."""
    return gap_scores().exclude(objection_selectors.under_objection("appraisal__"))


def _assessed_periods(employee: Employee) -> QuerySet:
    """The periods in which the employee's supervisor scored at least one indicator, latest first."""
    return AppraisalPeriod.objects.filter(
        appraisals__employee=employee, appraisals__scores__supervisor_score__isnull=False
    ).order_by("-end_date")


def latest_assessed_period(employee: Employee) -> AppraisalPeriod | None:
    """The most recent period in which the employee's supervisor scored at least one indicator
    (where "the employee's gaps" are read from). One query."""
    return _assessed_periods(employee).first()


def _by_size(gaps) -> list[Score]:
    return sorted(gaps, key=lambda s: (-s.gap, s.indicator.sort_order))


def gaps_for_employee(employee: Employee, period: AppraisalPeriod | None = None) -> list[Score]:
    """The employee's gaps (largest first) in one period, or in their latest assessed period."""
    if period is None:
        return latest_gaps(employee)[1]
    return _by_size(gap_scores().filter(appraisal__employee=employee, appraisal__period=period)
                    .select_related("indicator", "appraisal__period"))


def latest_gaps(employee: Employee) -> tuple[AppraisalPeriod | None, list[Score]]:
    """``latest_assessed_period`` and the employee's gaps in it, in one query: the period (None:
    never assessed) and the gaps, largest first."""
    latest = _assessed_periods(employee).values("pk")[:1]
    scored = list(
        Score.objects.filter(appraisal__employee=employee, appraisal__period=Subquery(latest),
                             supervisor_score__isnull=False)
        .select_related("indicator", "appraisal__period")
        .annotate(objection_status=F("appraisal__objection__status"))
    )
    if not scored:
        return None, []
    gaps = [s for s in scored if s.supervisor_score < s.expected_level]
    return scored[0].appraisal.period, _by_size(gaps)


def matching_gaps_of(scores: list[Score]) -> dict[int, int]:
    """Indicator id → gap of the ``latest_gaps`` scores that feed matching (as
    ``matching_gap_scores``: none while the appraisal is under an open objection)."""
    return {s.indicator_id: s.gap for s in scores if s.objection_status != ObjectionStatus.OPEN}


def _period_scores(period: AppraisalPeriod, unit_ids=None, position_kind: str | None = None) -> QuerySet:
    qs = Score.objects.filter(appraisal__period=period, supervisor_score__isnull=False).exclude(
        objection_selectors.under_objection("appraisal__"))
    if unit_ids is not None:
        qs = qs.filter(appraisal__unit_id__in=unit_ids)
    if position_kind:
        qs = qs.filter(appraisal__position_kind=position_kind)
    return qs


def indicators_ranked_by_gap(
    period: AppraisalPeriod, *, unit: Unit | None = None, position_kind: str | None = None
) -> list[dict]:
    """Indicators ranked by how many employees have a gap on them, with the mean gap size.

    One aggregate query: [{indicator_id, code, name, kind, with_gap, assessed, mean_gap}, …].
    """
    unit_ids = unit_subtree_ids(unit) if unit is not None else None
    rows = (
        _period_scores(period, unit_ids, position_kind)
        .values("indicator_id", "indicator__code", "indicator__name", "indicator__kind")
        .annotate(
            assessed=Count("pk"),
            with_gap=Count("pk", filter=Q(supervisor_score__lt=F("expected_level"))),
            mean_gap=Avg(F("expected_level") - F("supervisor_score"), filter=Q(supervisor_score__lt=F("expected_level"))),
        )
        .filter(with_gap__gt=0)
        .order_by("-with_gap", "indicator__code")
    )
    return [
        {
            "indicator_id": r["indicator_id"], "code": r["indicator__code"], "name": r["indicator__name"],
            "kind": r["indicator__kind"], "with_gap": r["with_gap"], "assessed": r["assessed"],
            "share": r["with_gap"] / r["assessed"] if r["assessed"] else 0, "mean_gap": float(r["mean_gap"] or 0),
        }
        for r in rows
    ]


def gaps_per_unit(period: AppraisalPeriod, *, indicator: Indicator | None = None) -> list[dict]:
    """Per top-level unit (SKPK): employees assessed and employees with at least one gap (or a
    gap on ``indicator``). Aggregated in the database, rolled up to SKPK in Python."""
    roots = unit_roots()
    qs = Score.objects.filter(appraisal__period=period, supervisor_score__isnull=False).exclude(
        objection_selectors.under_objection("appraisal__"))
    if indicator is not None:
        qs = qs.filter(indicator=indicator)
    per_unit = qs.values("appraisal__unit_id").annotate(
        assessed=Count("appraisal_id", distinct=True),
        with_gap=Count("appraisal_id", distinct=True, filter=Q(supervisor_score__lt=F("expected_level"))),
    )
    totals: dict[int, dict] = {}
    for row in per_unit:
        root = roots[row["appraisal__unit_id"]]
        entry = totals.setdefault(root.pk, {"unit": root, "assessed": 0, "with_gap": 0})
        entry["assessed"] += row["assessed"]
        entry["with_gap"] += row["with_gap"]
    return sorted(totals.values(), key=lambda e: (-e["with_gap"], e["unit"].name))


def latest_gaps_by_employee(employee_ids) -> dict[int, list[Score]]:
    """Each employee's gaps in their own latest assessed period (as ``gaps_for_employee``), for
    many employees at once: {employee id: [gap score, …]}. Two queries whatever the number."""
    ids = list(employee_ids)
    if not ids:
        return {}
    latest = dict(
        Score.objects.filter(appraisal__employee_id__in=ids, supervisor_score__isnull=False)
        .values("appraisal__employee_id").annotate(latest=Max("appraisal__period__end_date"))
        .values_list("appraisal__employee_id", "latest")
    )
    result: dict[int, list[Score]] = {pk: [] for pk in ids}
    rows = gap_scores().filter(appraisal__employee_id__in=list(latest)).select_related("indicator").annotate(
        employee_id=F("appraisal__employee_id"), period_end=F("appraisal__period__end_date"))
    for score in rows:
        if score.period_end == latest[score.employee_id]:
            result[score.employee_id].append(score)
    return {pk: _by_size(scores) for pk, scores in result.items()}
