"""Intensive coaching (pembinaan intensif): services and selectors.

The seed: high performers are recognised (``penilaian`` recognition list and letters), weak ones
get more intensive coaching. An employee whose *latest* predikat is Butuh Perbaikan or worse
(``PREDIKAT_NEEDING_PLAN``) gets a coaching plan from their direct supervisor; the supervisor
schedules coaching or mentoring meetings (nonklasikal routes); a held meeting credits its JP
(duration ÷ 45 minutes) to the employee's development record and carries the supervisor's 1–5
evaluation of each competency concerned, with a reason; the coached employee — only they, once
per meeting — answers the nine-statement feedback.

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

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from penilaian import selectors as penilaian_selectors
from penilaian.models import Appraisal, Employee, Indicator, IndicatorKind, Predikat, Score
from penilaian.rules import predikat_at_or_below
from portal.core.audit import record

from . import rules
from .exceptions import TrainingError
from .models import (
    CoachingEvaluation,
    CoachingFeedback,
    CoachingMeeting,
    CoachingPlan,
    CoachingPlanStatus,
    CompetencyKind,
    DevelopmentRecord,
    MeetingStatus,
    RecordSource,
    RecordStatus,
    Route,
)


class CoachingError(TrainingError):
    """A coaching rule was broken (codes: not_needed, not_supervisor, already, bad_route,
    bad_time, bad_state, future, bad_answer, not_coached, reason_required, no_indicator)."""


PREDIKAT_NEEDING_PLAN = frozenset(predikat_at_or_below(Predikat.BUTUH_PERBAIKAN))
COACHING_ROUTES = (Route.COACHING, Route.MENTORING)

# The coached employee's feedback, 1 (not at all) … 5 (fully), one table.
FEEDBACK_STATEMENTS: list[tuple[str, str]] = [
    ("heard", gettext_lazy("I felt heard.")),
    ("steps_valued", gettext_lazy("The steps I have taken were valued.")),
    ("speak_freely", gettext_lazy("I could speak freely.")),
    ("data_based", gettext_lazy("The views were based on data.")),
    ("positive", gettext_lazy("The conversation was positive.")),
    ("asked", gettext_lazy("My supervisor asked more than lectured.")),
    ("solutions", gettext_lazy("It helped me find my own solutions.")),
    ("next_step", gettext_lazy("I know my next step.")),
    ("purpose", gettext_lazy("I understood the purpose of the meeting.")),
]
FEEDBACK_CODES = [c for c, _t in FEEDBACK_STATEMENTS]


# --- Selectors ------------------------------------------------------------------------------


def latest_rated_appraisal(employee: Employee) -> Appraisal | None:
    """The employee's latest appraisal that carries a predikat."""
    return (
        Appraisal.objects.filter(employee=employee).exclude(predikat="").select_related("period")
        .order_by("-period__end_date").first()
    )


def needs_plan(appraisal: Appraisal | None) -> bool:
    return appraisal is not None and appraisal.predikat in PREDIKAT_NEEDING_PLAN


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
    period = penilaian_selectors.latest_assessed_period(employee)
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


# --- Services -------------------------------------------------------------------------------


def _is_direct_supervisor(supervisor: Employee | None, employee: Employee) -> bool:
    return supervisor is not None and employee.supervisor_id == supervisor.pk


@transaction.atomic
def plan_create(*, employee: Employee, supervisor: Employee | None, goal: str, indicators, actor=None) -> CoachingPlan:
    """A coaching plan for the employee's latest rated appraisal, by their direct supervisor.
    Raises ``CoachingError``: not_supervisor, not_needed (the predikat does not call for one),
    already (a plan for that appraisal exists), no_indicator."""
    if not _is_direct_supervisor(supervisor, employee):
        raise CoachingError(_("Only the employee's direct supervisor makes a coaching plan."), code="not_supervisor")
    appraisal = latest_rated_appraisal(employee)
    if not needs_plan(appraisal):
        raise CoachingError(
            _("A coaching plan is for employees rated Butuh Perbaikan or worse in their latest appraisal."),
            code="not_needed",
        )
    if CoachingPlan.objects.filter(appraisal=appraisal).exists():
        raise CoachingError(_("This employee already has a coaching plan for that appraisal."), code="already")
    indicators = list(indicators)
    if not indicators:
        raise CoachingError(_("Choose at least one competency to work on."), code="no_indicator")
    plan = CoachingPlan(employee=employee, appraisal=appraisal, supervisor=supervisor, goal=(goal or "").strip())
    plan.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as exc:
        raise CoachingError(_("This employee already has a coaching plan for that appraisal."), code="already") from exc
    plan.indicators.set(indicators)
    record(plan, "pelatihan.coaching.plan_create", actor=actor,
           data={"employee": employee.pk, "appraisal": appraisal.pk, "indicators": [i.pk for i in indicators]})
    return plan


def _check_leader(plan: CoachingPlan, supervisor: Employee | None) -> None:
    if not _is_direct_supervisor(supervisor, plan.employee):
        raise CoachingError(_("Only the employee's direct supervisor leads the coaching."), code="not_supervisor")


@transaction.atomic
def meeting_schedule(*, plan: CoachingPlan, supervisor: Employee | None, route: str, topic: str, date: dt.date,
                     start_time: dt.time, end_time: dt.time, actor=None) -> CoachingMeeting:
    """Schedule a coaching or mentoring meeting. Raises not_supervisor, bad_state (closed plan),
    bad_route, bad_time."""
    _check_leader(plan, supervisor)
    if plan.status != CoachingPlanStatus.OPEN:
        raise CoachingError(_("The coaching plan is closed."), code="bad_state")
    if route not in COACHING_ROUTES:
        raise CoachingError(_("A coaching meeting is coaching or mentoring."), code="bad_route")
    if end_time <= start_time:
        raise CoachingError(_("The meeting must end after it starts."), code="bad_time")
    meeting = CoachingMeeting(plan=plan, route=route, topic=(topic or "").strip(), date=date, start_time=start_time,
                              end_time=end_time)
    meeting.full_clean()
    meeting.save()
    record(meeting, "pelatihan.coaching.meeting_schedule", actor=actor, data={"plan": plan.pk, "date": date})
    return meeting


def meeting_jp(meeting: CoachingMeeting) -> int:
    """JP of a meeting: its length in whole JP of 45 minutes, at least 1."""
    minutes = (dt.datetime.combine(meeting.date, meeting.end_time) - dt.datetime.combine(meeting.date, meeting.start_time)).seconds // 60
    return max(1, minutes // rules.JP_MINUTES)


def _competency_kind(indicators) -> str:
    kinds = {i.kind for i in indicators}
    if IndicatorKind.TEKNIS in kinds:
        return CompetencyKind.TEKNIS
    if IndicatorKind.MANAJERIAL in kinds:
        return CompetencyKind.MANAJERIAL
    return CompetencyKind.SOSIAL_KULTURAL


@transaction.atomic
def meeting_record(*, meeting: CoachingMeeting, supervisor: Employee | None, summary: str,
                   evaluations: dict[int, tuple], actor=None, today: dt.date | None = None) -> CoachingMeeting:
    """The meeting was held: the supervisor's 1–5 per competency of the plan, each with a reason
    (``evaluations`` = {indicator id: (score, reason)}); the meeting's JP are credited to a
    verified development record (route coaching/mentoring, nonklasikal). Raises
    not_supervisor, bad_state (not scheduled), future, bad_answer, reason_required."""
    meeting = CoachingMeeting.objects.select_for_update().select_related("plan__employee").get(pk=meeting.pk)
    plan = meeting.plan
    _check_leader(plan, supervisor)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise CoachingError(_("Only a scheduled meeting can be recorded."), code="bad_state")
    if meeting.date > (today or timezone.localdate()):
        raise CoachingError(_("A meeting is recorded on or after its day."), code="future")
    indicators = list(plan.indicators.all())
    rows = []
    for indicator in indicators:
        score, reason = evaluations.get(indicator.pk, (None, ""))
        try:
            score = int(score)
        except (TypeError, ValueError):
            score = None
        if score not in range(1, 6):
            raise CoachingError(_("Score every competency from 1 to 5."), code="bad_answer")
        if not (reason or "").strip():
            raise CoachingError(_("Give a reason for every score."), code="reason_required")
        rows.append(CoachingEvaluation(meeting=meeting, indicator=indicator, score=score, reason=reason.strip()))
    jp = meeting_jp(meeting)
    record_ = DevelopmentRecord(
        employee=plan.employee, source=RecordSource.COACHING, title=f"{meeting.get_route_display()}: {meeting.topic}",
        route=meeting.route, competency_kind=_competency_kind(indicators),
        provider=_("Direct supervisor: %(name)s") % {"name": supervisor.full_name},
        start_date=meeting.date, end_date=meeting.date, year=meeting.date.year, jp=jp, status=RecordStatus.VERIFIED,
        verified_at=timezone.now(), verified_by=actor if getattr(actor, "is_authenticated", False) else None,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record_.full_clean()
    record_.save()
    for row in rows:
        row.full_clean(validate_unique=False)
    CoachingEvaluation.objects.bulk_create(rows)
    meeting.status = MeetingStatus.HELD
    meeting.summary = (summary or "").strip()
    meeting.held_at = timezone.now()
    meeting.development_record = record_
    meeting.save(update_fields=["status", "summary", "held_at", "development_record"])
    record(meeting, "pelatihan.coaching.meeting_record", actor=actor,
           data={"jp": jp, "scores": {r.indicator_id: r.score for r in rows}})
    record(record_, "pelatihan.record.credit", actor=actor, data={"coaching_meeting": meeting.pk, "jp": jp})
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: CoachingMeeting, supervisor: Employee | None, actor=None) -> CoachingMeeting:
    _check_leader(meeting.plan, supervisor)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise CoachingError(_("Only a scheduled meeting can be cancelled."), code="bad_state")
    meeting.status = MeetingStatus.CANCELLED
    meeting.save(update_fields=["status"])
    record(meeting, "pelatihan.coaching.meeting_cancel", actor=actor)
    return meeting


@transaction.atomic
def feedback_submit(*, meeting: CoachingMeeting, employee: Employee | None, answers: dict, comment: str = "",
                    actor=None) -> CoachingFeedback:
    """The coached employee's nine-statement feedback, once per held meeting. Raises
    not_coached (anyone else), bad_state (not held), already, bad_answer."""
    if employee is None or meeting.plan.employee_id != employee.pk:
        raise CoachingError(_("Only the coached employee gives this feedback."), code="not_coached")
    if meeting.status != MeetingStatus.HELD:
        raise CoachingError(_("Feedback is given after the meeting was held."), code="bad_state")
    if CoachingFeedback.objects.filter(meeting=meeting).exists():
        raise CoachingError(_("You have already given feedback on this meeting."), code="already")
    clean = {}
    for code in FEEDBACK_CODES:
        try:
            value = int(answers.get(code))
        except (TypeError, ValueError):
            value = None
        if value not in range(1, 6):
            raise CoachingError(_("Answer every statement with 1 to 5."), code="bad_answer")
        clean[code] = value
    feedback = CoachingFeedback(meeting=meeting, answers=clean, comment=(comment or "").strip())
    feedback.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            feedback.save()
    except IntegrityError as exc:
        raise CoachingError(_("You have already given feedback on this meeting."), code="already") from exc
    record(feedback, "pelatihan.coaching.feedback", actor=actor, data={"meeting": meeting.pk})
    return feedback


def plan_indicator_choices(employee: Employee) -> list[Indicator]:
    """The competencies a plan may address: the employee's scored indicators in the appraisal,
    gaps first."""
    appraisal = latest_rated_appraisal(employee)
    if appraisal is None:
        return []
    scores = Score.objects.filter(appraisal=appraisal).select_related("indicator")
    return [s.indicator for s in sorted(scores, key=lambda s: (-s.gap, s.indicator.sort_order, s.indicator.code))]

