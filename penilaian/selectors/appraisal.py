"""Reads of appraisals: one appraisal with its scores, an employee's history, a supervisor's
team and the approvals waiting for them. A fixed number of queries whatever the team size."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q, QuerySet

from penilaian import rules
from penilaian.models import (
    Appraisal,
    AppraisalPeriod,
    AppraisalStatus,
    Employee,
    IndicatorKind,
    PeriodStatus,
    Predikat,
    Rating,
    Score,
)

from . import documentation as documentation_selectors
from .register import direct_subordinates


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

    @property
    def assessed(self) -> bool:
        """The supervisor has submitted the assessment (assessed or finalised)."""
        return rules.status_reached(self.status, AppraisalStatus.ASSESSED)


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


def dialogue_prompts(appraisal: Appraisal) -> list[Score]:
    """Indicators where self and supervisor differ by GAP_DIALOGUE_THRESHOLD or more."""
    return [
        s
        for s in appraisal_scores(appraisal)
        if s.self_supervisor_difference is not None and abs(s.self_supervisor_difference) >= rules.GAP_DIALOGUE_THRESHOLD
    ]


def assessment_preview(appraisal: Appraisal, scores: list[Score], *, typed: dict[int, int | None] | None = None,
                       hasil_kerja: str = "", perilaku: str = "", hasil_kerja_reason: str = "",
                       perilaku_reason: str = "") -> dict:
    """What the assessment form shows beside the ratings (``rules.assessment_preview``), from the
    scores as typed (``typed``: indicator id → 1–5 or None) or, without ``typed``, as saved.
    Reads the hasil kerja suggestion; writes nothing."""
    if typed is None:
        typed = {s.indicator_id: s.supervisor_score for s in scores}
    entries = [
        rules.ScoreEntry(s.indicator_id, s.indicator.kind == IndicatorKind.PERILAKU, s.expected_level, s.self_score,
                         typed.get(s.indicator_id))
        for s in scores
    ]
    preview = rules.assessment_preview(
        entries, hasil_kerja=hasil_kerja, perilaku=perilaku, hasil_kerja_reason=hasil_kerja_reason,
        perilaku_reason=perilaku_reason,
        hasil_kerja_suggested=documentation_selectors.suggested_hasil_kerja(appraisal.employee, appraisal.period) or "",
    )
    by_id = {s.indicator_id: s for s in scores}
    return {
        "perilaku_suggested": preview.perilaku_suggested or "",
        "perilaku_suggested_label": Rating(preview.perilaku_suggested).label if preview.perilaku_suggested else "",
        "dialogue": [(by_id[i], typed.get(i)) for i in preview.dialogue],
        "predikat": preview.predikat or "",
        "predikat_label": Predikat(preview.predikat).label if preview.predikat else "",
        "perilaku_reason_needed": preview.perilaku_reason_needed,
        "hasil_kerja_reason_needed": preview.hasil_kerja_reason_needed,
    }


@dataclass
class SelfEvaluationStep:
    """Where the employee stands with the open period's self-evaluation (``rules.self_evaluation_step``),
    with what the page needs to say why and what comes next."""

    step: str
    period: AppraisalPeriod | None
    appraisal: Appraisal | None
    last_closed: AppraisalPeriod | None = None

    @property
    def with_form(self) -> bool:
        return self.step in rules.STEPS_WITH_FORM


def self_evaluation_step(employee: Employee) -> SelfEvaluationStep:
    """The open period (the most recent in self-evaluation or supervisor assessment), the
    employee's appraisal in it with the assessor and approver, and the step. Three queries at most."""
    period = (
        AppraisalPeriod.objects.filter(status__in=[PeriodStatus.SELF_EVALUATION, PeriodStatus.SUPERVISOR_ASSESSMENT])
        .order_by("-end_date").first()
    )
    if period is None:
        last = AppraisalPeriod.objects.filter(status=PeriodStatus.CLOSED).order_by("-end_date").first()
        return SelfEvaluationStep(rules.STEP_NO_PERIOD, None, None, last_closed=last)
    appraisal = (
        Appraisal.objects.filter(employee=employee, period=period).select_related("assessor", "approver").first()
    )
    step = rules.self_evaluation_step(period.status, appraisal.status if appraisal else None)
    return SelfEvaluationStep(step, period, appraisal)
