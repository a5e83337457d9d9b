"""Reads that pages and reports share. Querysets come back with what their templates need
already joined, so list pages do not grow in queries with the data."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q, QuerySet

from . import rules
from .models import (
    Appraisal,
    AppraisalPeriod,
    AppraisalStatus,
    Audience,
    Employee,
    EmployeeType,
    Indicator,
    IndicatorExpectation,
    IndicatorKind,
    PeriodKind,
    PeriodStatus,
    PositionKind,
    Score,
    Unit,
    UnitKind,
)

LEADER_KINDS = frozenset(
    {PositionKind.JPT_UTAMA, PositionKind.JPT_MADYA, PositionKind.JPT_PRATAMA, PositionKind.ADMINISTRATOR,
     PositionKind.PENGAWAS}
)
SCORED_KINDS = frozenset(
    {IndicatorKind.PERILAKU, IndicatorKind.TEKNIS, IndicatorKind.MANAJERIAL, IndicatorKind.SOSIAL_KULTURAL,
     IndicatorKind.HASIL_KERJA}
)


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


# --- Units ----------------------------------------------------------------------------------


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


# --- Indicators -----------------------------------------------------------------------------


def audiences_for(employee: Employee, unit_kind: str, root_code: str) -> set[str]:
    audiences = {Audience.ALL}
    if unit_kind == UnitKind.SEKOLAH and employee.position_kind == PositionKind.FUNGSIONAL:
        audiences.add(Audience.TEACHERS)
    if unit_kind == UnitKind.PUSKESMAS or root_code in rules.HEALTH_ROOT_UNITS:
        audiences.add(Audience.HEALTH)
    if employee.position_kind in LEADER_KINDS:
        audiences.add(Audience.LEADERS)
    return audiences


def indicators_for(employee: Employee) -> list[Indicator]:
    """The indicators an employee is appraised on: the seven BerAKHLAK values, work results and
    the competencies of their audience (teachers, health staff, structural leaders, everyone).
    The 21 guideline behaviours are guidance under each value, not scored separately."""
    root = unit_roots().get(employee.unit_id)
    audiences = audiences_for(employee, employee.unit.kind, root.code if root else "")
    return list(
        Indicator.objects.filter(is_active=True, kind__in=SCORED_KINDS, audience__in=audiences).order_by(
            "sort_order", "code"
        )
    )


# --- Periods and appraisals -----------------------------------------------------------------


def current_period() -> AppraisalPeriod | None:
    """The most recent period that is open (self-evaluation or supervisor assessment)."""
    return (
        AppraisalPeriod.objects.filter(status__in=[PeriodStatus.SELF_EVALUATION, PeriodStatus.SUPERVISOR_ASSESSMENT])
        .order_by("-end_date")
        .first()
    )


def appraisal_detail(pk: int) -> Appraisal | None:
    return (
        Appraisal.objects.select_related(
            "employee", "employee__unit", "period", "unit", "assessor", "approver", "employee__supervisor"
        )
        .filter(pk=pk)
        .first()
    )


def appraisal_scores(appraisal: Appraisal) -> list[Score]:
    """Scores in catalogue order with the indicator (and a BerAKHLAK value's behaviours)."""
    return list(
        appraisal.scores.select_related("indicator")
        .prefetch_related("indicator__children")
        .order_by("indicator__sort_order", "indicator__code")
    )


def appraisals_of(employee: Employee) -> list[Appraisal]:
    """An employee's appraisals, newest period first, with the figures the history chart needs."""
    return list(
        Appraisal.objects.filter(employee=employee)
        .select_related("period")
        .annotate(
            mean_supervisor=Avg("scores__supervisor_score"),
            gap_count=Count("scores", filter=Q(scores__supervisor_score__lt=F("scores__expected_level"))),
        )
        .order_by("-period__end_date")
    )


@dataclass
class TeamRow:
    employee: Employee
    appraisal: Appraisal | None

    @property
    def status(self) -> str:
        return self.appraisal.status if self.appraisal else AppraisalStatus.DRAFT


def team_progress(supervisor: Employee, period: AppraisalPeriod) -> tuple[list[TeamRow], dict[str, int]]:
    """Penilaian Bawahan: each direct subordinate with their appraisal (or none yet) and the
    counts per status. Two queries whatever the team size."""
    team = list(direct_subordinates(supervisor))
    appraisals = {
        a.employee_id: a
        for a in Appraisal.objects.filter(period=period, employee__in=[e.pk for e in team]).only(
            "pk", "employee_id", "status", "predikat", "period_id"
        )
    }
    rows = [TeamRow(e, appraisals.get(e.pk)) for e in team]
    counts = {status: 0 for status, _label in AppraisalStatus.choices}
    for row in rows:
        counts[row.status] += 1
    return rows, counts


def approvals_waiting(approver: Employee, period: AppraisalPeriod | None = None) -> QuerySet:
    qs = Appraisal.objects.filter(approver=approver, status=AppraisalStatus.ASSESSED).select_related(
        "employee", "period", "assessor", "unit"
    )
    if period is not None:
        qs = qs.filter(period=period)
    return qs.order_by("employee__name")


# --- Gaps -----------------------------------------------------------------------------------


def gap_scores() -> QuerySet:
    """Scores with a gap: the supervisor scored below the expected level."""
    return Score.objects.filter(supervisor_score__isnull=False, supervisor_score__lt=F("expected_level"))


def latest_assessed_period(employee: Employee) -> AppraisalPeriod | None:
    """The most recent period in which the employee's supervisor scored at least one indicator
    (where "the employee's gaps" are read from). One query."""
    return (
        AppraisalPeriod.objects.filter(
            appraisals__employee=employee, appraisals__scores__supervisor_score__isnull=False
        )
        .order_by("-end_date")
        .first()
    )


def gaps_for_employee(employee: Employee, period: AppraisalPeriod | None = None) -> list[Score]:
    """The employee's gaps (largest first) in one period, or in their latest assessed period."""
    qs = gap_scores().filter(appraisal__employee=employee).select_related("indicator", "appraisal__period")
    period = period or latest_assessed_period(employee)
    if period is None:
        return []
    qs = qs.filter(appraisal__period=period)
    return sorted(qs, key=lambda s: (-s.gap, s.indicator.sort_order))


def dialogue_prompts(appraisal: Appraisal) -> list[Score]:
    """Indicators where self and supervisor differ by GAP_DIALOGUE_THRESHOLD or more."""
    return [
        s
        for s in appraisal_scores(appraisal)
        if s.self_supervisor_difference is not None and abs(s.self_supervisor_difference) >= rules.GAP_DIALOGUE_THRESHOLD
    ]


def _period_scores(period: AppraisalPeriod, unit_ids=None, position_kind: str | None = None) -> QuerySet:
    qs = Score.objects.filter(appraisal__period=period, supervisor_score__isnull=False)
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
    qs = Score.objects.filter(appraisal__period=period, supervisor_score__isnull=False)
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


# --- HR period overview ---------------------------------------------------------------------


def period_overview(period: AppraisalPeriod) -> list[dict]:
    """Per SKPK: active employees, appraisals per status, completion %, predikat distribution
    and whether a distribution cap is exceeded. A fixed number of queries whatever the size."""
    roots = unit_roots()
    employees_per_unit = Employee.objects.filter(is_active=True).values("unit_id").annotate(n=Count("pk"))
    appraisal_rows = (
        Appraisal.objects.filter(period=period).values("unit_id", "status", "predikat").annotate(n=Count("pk"))
    )
    table: dict[int, dict] = {}

    def entry(unit_id):
        root = roots[unit_id]
        return table.setdefault(
            root.pk,
            {"unit": root, "employees": 0, "statuses": dict.fromkeys(AppraisalStatus.values, 0),
             "predikat": dict.fromkeys(rules.PREDIKAT_ORDER, 0)},
        )

    for row in employees_per_unit:
        entry(row["unit_id"])["employees"] += row["n"]
    for row in appraisal_rows:
        e = entry(row["unit_id"])
        e["statuses"][row["status"]] += row["n"]
        if row["predikat"]:
            e["predikat"][row["predikat"]] += row["n"]
    caps = rules.DISTRIBUTION_CAPS.get(rules.DEFAULT_UNIT_RATING, {})
    result = []
    for e in table.values():
        done = e["statuses"][AppraisalStatus.ASSESSED] + e["statuses"][AppraisalStatus.FINALISED]
        rated = sum(e["predikat"].values())
        e["completion"] = done / e["employees"] if e["employees"] else 0
        e["rated"] = rated
        e["distribution"] = [
            {
                "predikat": p, "n": e["predikat"][p], "share": e["predikat"][p] / rated if rated else 0,
                "cap": caps.get(p), "over_cap": bool(rated and caps.get(p) is not None and e["predikat"][p] / rated > caps[p]),
            }
            for p in rules.PREDIKAT_ORDER
        ]
        result.append(e)
    return sorted(result, key=lambda e: e["unit"].name)


def recognition_list(period: AppraisalPeriod, *, unit: Unit | None = None, visible_ids=None) -> QuerySet:
    """Employees rated Sangat Baik in the period, by unit (the seed: high performers are
    recognised). ``visible_ids`` limits the list to what the viewer may see."""
    from .models import Predikat

    qs = Appraisal.objects.filter(period=period, predikat=Predikat.SANGAT_BAIK).select_related(
        "employee", "unit", "period"
    )
    if unit is not None:
        qs = qs.filter(unit_id__in=unit_subtree_ids(unit))
    if visible_ids is not None:
        qs = qs.filter(employee_id__in=visible_ids)
    return qs.order_by("unit__name", "employee__name")


# --- Helpers for views: reading filters from the query string -------------------------------


def period_or_404(code: str) -> AppraisalPeriod:
    """``period_by_code`` for views: 404 when the code names no period."""
    from django.http import Http404

    period = period_by_code(code)
    if period is None:
        raise Http404
    return period


def unit_from_param(value: str | None) -> Unit | None:
    """The unit a ``?unit=<id>`` filter names, or None when absent or not a number."""
    if not value or not value.isdigit():
        return None
    return Unit.objects.filter(pk=value).first()


def position_kind_from_param(value: str | None) -> str:
    """A valid position kind from ``?jabatan=``, or "" for all."""
    return value if value in PositionKind.values else ""
