"""Intensive coaching (pembinaan intensif), the reads: who needs a plan, the plans, feedback,
and the employee's current gaps.

How coaching feeds the gaps. An appraisal score is a dated assessment of an indicator; a coaching
evaluation is a newer one. ``current_gaps(employee)`` starts from the employee's gaps in their
latest assessed period (``penilaian.selectors.gaps_for_employee``'s rule: expected − supervisor
score) and replaces the score of every indicator that a held coaching meeting evaluated *after
that period started* with the latest coaching score (so a gap can close, open or change size).
``coaching_scores(employee_ids)`` gives the same overrides in bulk (two queries) for the needs
analysis. The appraisal rows themselves are never rewritten: the period's record stays what the
supervisor signed; the gap pages read the overlay. (Merge note: ``penilaian``'s "Kinerja Saya"
page and the dashboard's gap count can switch from ``gaps_for_employee`` to ``current_gaps``.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from statistics import mean

from django.db.models import Exists, F, OuterRef, Subquery

from penilaian.models import Appraisal, Employee, Indicator, Score
from penilaian.selectors import gaps as gap_selectors

from ..models import CoachingEvaluation, CoachingFeedback, CoachingMeeting, CoachingPlan, MeetingStatus
from ..rules import FEEDBACK_STATEMENTS, PREDIKAT_NEEDING_PLAN


def latest_rated_appraisal(employee: Employee) -> Appraisal | None:
    """The employee's latest appraisal that carries a predikat."""
    return (
        Appraisal.objects.filter(employee=employee).exclude(predikat="").select_related("period")
        .order_by("-period__end_date").first()
    )


def needs_plan(appraisal: Appraisal | None) -> bool:
    return appraisal is not None and appraisal.predikat in PREDIKAT_NEEDING_PLAN


def plan_indicator_choices(employee: Employee) -> list[Indicator]:
    """The competencies a plan may address: the employee's scored indicators in the appraisal,
    gaps first."""
    appraisal = latest_rated_appraisal(employee)
    if appraisal is None:
        return []
    scores = Score.objects.filter(appraisal=appraisal).select_related("indicator")
    return [s.indicator for s in sorted(scores, key=lambda s: (-s.gap, s.indicator.sort_order, s.indicator.code))]


def _latest_rated(employee_ids=None):
    """Each employee's latest appraisal that carries a predikat, as a queryset (a correlated
    subquery picks the latest period per employee, so the filter runs in the database)."""
    latest_end = (
        Appraisal.objects.filter(employee=OuterRef("employee")).exclude(predikat="")
        .order_by("-period__end_date").values("period__end_date")[:1]
    )
    qs = Appraisal.objects.exclude(predikat="").annotate(latest_end=Subquery(latest_end)).filter(
        period__end_date=F("latest_end")
    )
    if employee_ids is not None:
        qs = qs.filter(employee_id__in=employee_ids)
    return qs


@dataclass
class CoachingStatusRow:
    employee: Employee
    appraisal: Appraisal
    plan_id: int | None

    @property
    def has_plan(self) -> bool:
        return self.plan_id is not None


def coaching_status(employee_ids=None) -> list[CoachingStatusRow]:
    """Everyone whose latest predikat calls for a plan, with the id of their plan for that
    appraisal (or None). One query. ``employee_ids`` narrows it (a supervisor's team)."""
    plan = CoachingPlan.objects.filter(appraisal=OuterRef("pk")).values("pk")[:1]
    latest = (
        _latest_rated(employee_ids).filter(predikat__in=PREDIKAT_NEEDING_PLAN).annotate(plan_id=Subquery(plan))
        .select_related("period", "employee", "employee__unit", "employee__supervisor", "unit")
    )
    rows = [CoachingStatusRow(a.employee, a, a.plan_id) for a in latest]
    return sorted(rows, key=lambda r: (r.has_plan, r.appraisal.unit.name, r.employee.name))


def team_coaching_status(supervisor: Employee) -> list[CoachingStatusRow]:
    """The supervisor's active direct subordinates who need a plan (with or without one)."""
    team = Employee.objects.filter(supervisor=supervisor, is_active=True).values("pk")
    return coaching_status(team)


def hr_coaching_coverage() -> dict:
    rows = [r for r in coaching_status() if r.employee.is_active]
    with_plan = sum(1 for r in rows if r.has_plan)
    return {"rows": rows, "total": len(rows), "with_plan": with_plan, "without_plan": len(rows) - with_plan}


def plans_for(user_employee: Employee) -> dict:
    """The plans an employee sees on the coaching page: those they lead and their own."""
    base = CoachingPlan.objects.select_related("employee", "employee__unit", "appraisal__period", "supervisor")
    return {
        "led": list(base.filter(supervisor=user_employee).order_by("-created_at")),
        "own": list(base.filter(employee=user_employee).order_by("-created_at")),
    }


def plan_detail(pk: int) -> CoachingPlan | None:
    return (
        CoachingPlan.objects.select_related("employee", "employee__unit", "employee__supervisor", "appraisal__period",
                                            "supervisor")
        .prefetch_related("indicators", "meetings__evaluations__indicator", "meetings__feedback")
        .filter(pk=pk).first()
    )


def feedback_to_give_qs(employee: Employee):
    return CoachingMeeting.objects.filter(plan__employee=employee, status=MeetingStatus.HELD).filter(
        ~Exists(CoachingFeedback.objects.filter(meeting=OuterRef("pk")))
    )


def feedback_to_give(employee: Employee) -> list[CoachingMeeting]:
    """Held meetings of the employee's own plans that wait for their feedback. One query."""
    return list(feedback_to_give_qs(employee).select_related("plan").order_by("-date"))


def feedback_summary(plan: CoachingPlan) -> dict:
    rows = [m.feedback.answers for m in plan.meetings.all() if hasattr(m, "feedback")]
    return {
        "n": len(rows),
        "statements": [(c, t, mean(r[c] for r in rows) if rows else None) for c, t in FEEDBACK_STATEMENTS],
    }


def coaching_scores(employee_ids, *, since_by_employee: dict[int, dt.date] | None = None) -> dict[tuple[int, int], tuple]:
    """(employee id, indicator id) → (score, date, reason) of the latest evaluation from a held
    coaching meeting (dated on or after ``since_by_employee[employee]`` when given). One query."""
    rows = (
        CoachingEvaluation.objects.filter(meeting__plan__employee_id__in=employee_ids, meeting__status=MeetingStatus.HELD)
        .values_list("meeting__plan__employee_id", "indicator_id", "score", "meeting__date", "reason")
        .order_by("meeting__date", "meeting__start_time", "pk")
    )
    found: dict[tuple[int, int], tuple] = {}
    for employee_id, indicator_id, score, date, reason in rows:
        if since_by_employee and employee_id in since_by_employee and date < since_by_employee[employee_id]:
            continue
        found[(employee_id, indicator_id)] = (score, date, reason)
    return found


@dataclass
class GapRow:
    indicator: Indicator
    expected_level: int
    score: int
    source: str  # "appraisal" or "coaching"
    assessed_on: dt.date | None = None
    reason: str = ""

    @property
    def gap(self) -> int:
        return max(0, self.expected_level - self.score)


def current_gaps(employee: Employee) -> list[GapRow]:
    """The employee's gaps now: the latest assessed appraisal, overlaid with newer coaching
    evaluations (see the module docstring). Largest gap first. Four queries."""
    period = gap_selectors.latest_assessed_period(employee)
    if period is None:
        return []
    scores = list(
        Score.objects.filter(appraisal__employee=employee, appraisal__period=period, supervisor_score__isnull=False)
        .select_related("indicator")
    )
    overrides = coaching_scores([employee.pk], since_by_employee={employee.pk: period.start_date})
    rows = []
    for s in scores:
        override = overrides.get((employee.pk, s.indicator_id))
        if override is not None:
            rows.append(GapRow(s.indicator, s.expected_level, override[0], "coaching", override[1], override[2]))
        else:
            rows.append(GapRow(s.indicator, s.expected_level, s.supervisor_score, "appraisal", period.end_date))
    return sorted((r for r in rows if r.gap > 0), key=lambda r: (-r.gap, r.indicator.sort_order))
