"""Post-training evaluation, the reads of levels 1–4 (the writes and the decisions of levels 1–3
are in ``services.evaluation``). The arithmetic lives in ``pelatihan.impact``; this module only
feeds it real rows.

Decisions (documented here, once):

- **Level 1, what others see.** Trainers and HR see aggregates only (means per question;
  comments only once ``impact.MIN_GROUP_SIZE`` people answered, unsigned).
- **Level 4, which periods.** Annual periods. The *baseline* period is the latest annual period
  that started on or before the session's first day (the appraisal year in which the gap was
  seen — in the demo, 2025); the *after* period is the next annual period. Participants:
  completed the programme and had a gap on the indicator in the baseline period. Comparison:
  the same gap in the baseline period, no completed or attended enrolment in the programme.
  Both are measured on supervisor scores in both periods (people without both are left out).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from statistics import mean

from django.db.models import F, Min, Q
from django.utils import timezone

from penilaian.models import AppraisalPeriod, Employee, PeriodKind, Score

from .. import impact
from ..models import (
    PRESENT_STATUSES,
    AttendanceRecord,
    Enrolment,
    EnrolmentStatus,
    Programme,
    ReevaluationReminder,
    ReevaluationTask,
    Session,
    SessionStatus,
    SurveyResponse,
)
from ..rules import REEVALUATION_ANSWER_DAYS, SURVEY_CODES, SURVEY_DASHBOARD_DAYS, SURVEY_QUESTIONS

# --- Level 1: reaction ----------------------------------------------------------------------


def may_answer_survey(enrolment: Enrolment) -> bool:
    """Completed, or attended at least one day of a finished session without completing."""
    if enrolment.status == EnrolmentStatus.COMPLETED:
        return True
    if enrolment.status != EnrolmentStatus.NOT_COMPLETED:
        return False
    return AttendanceRecord.objects.filter(enrolment=enrolment, status__in=PRESENT_STATUSES).exists()


def survey_means(rows: list[dict]) -> tuple[dict[str, float | None], float | None]:
    per_question = {
        code: (mean(r[code] for r in rows if code in r) if any(code in r for r in rows) else None) for code in SURVEY_CODES
    }
    values = [v for r in rows for c, v in r.items() if c in SURVEY_CODES]
    return per_question, (mean(values) if values else None)


def survey_summary(session: Session) -> dict:
    """Aggregates only: answers, eligible participants, mean per question and overall; the
    comments (without names, in no telling order) once at least MIN_GROUP_SIZE answered."""
    responses = list(SurveyResponse.objects.filter(enrolment__session=session).values_list("answers", "comment"))
    eligible = Enrolment.objects.filter(session=session).filter(
        Q(status=EnrolmentStatus.COMPLETED)
        | Q(status=EnrolmentStatus.NOT_COMPLETED, attendance__status__in=PRESENT_STATUSES)
    ).distinct().count()
    per_question, overall = survey_means([a for a, _c in responses])
    show_comments = len(responses) >= impact.MIN_GROUP_SIZE
    return {
        "n": len(responses), "eligible": eligible, "overall": overall,
        "questions": [(code, text, per_question[code]) for code, text in SURVEY_QUESTIONS],
        "comments": sorted(c for _a, c in responses if c) if show_comments else [],
        "comments_hidden": not show_comments and any(c for _a, c in responses),
        "min_group_size": impact.MIN_GROUP_SIZE,
    }


def surveys_to_answer_qs(employee: Employee, today: dt.date):
    since = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=SURVEY_DASHBOARD_DAYS), dt.time()))
    return (
        Enrolment.objects.filter(employee=employee, survey_response__isnull=True, session__finished_at__gte=since)
        .filter(Q(status=EnrolmentStatus.COMPLETED)
                | Q(status=EnrolmentStatus.NOT_COMPLETED, attendance__status__in=PRESENT_STATUSES))
    )


def surveys_to_answer(employee: Employee, *, today: dt.date | None = None) -> list[Enrolment]:
    """Finished sessions (in the last SURVEY_DASHBOARD_DAYS) whose survey the employee may
    answer and has not. One query."""
    qs = surveys_to_answer_qs(employee, today or timezone.localdate())
    return list(qs.select_related("session", "session__programme").distinct().order_by("-session__finished_at"))


# --- Level 2: learning ----------------------------------------------------------------------


def test_sheet(session: Session) -> list[Enrolment]:
    """The participants whose tests the trainer enters (names and units only)."""
    return list(
        session.enrolments.filter(
            status__in=[EnrolmentStatus.CONFIRMED, EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_COMPLETED]
        ).select_related("employee", "employee__unit").order_by("employee__name", "pk")
    )


def post_test_frozen(session: Session) -> bool:
    """The post-test decided completion (a finished session of a programme with a pass mark)."""
    return session.status == SessionStatus.FINISHED and session.programme.post_test_pass_mark is not None


def session_learning(session: Session, enrolments: list[Enrolment] | None = None) -> dict:
    """Level 2 of a session: participants with both tests, mean pre and post, the mean
    normalised gain (``impact.mean_normalised_gain``) and how many reached the pass mark."""
    rows = enrolments if enrolments is not None else test_sheet(session)
    pairs = [(e.pre_test_score, e.post_test_score) for e in rows
             if e.pre_test_score is not None and e.post_test_score is not None]
    pass_mark = session.programme.post_test_pass_mark
    posts = [e.post_test_score for e in rows if e.post_test_score is not None]
    return {
        "n": len(pairs), "mean_pre": mean(p for p, _q in pairs) if pairs else None,
        "mean_post": mean(q for _p, q in pairs) if pairs else None,
        "gain": impact.mean_normalised_gain(pairs), "pass_mark": pass_mark,
        "passed": sum(1 for s in posts if pass_mark is not None and s >= pass_mark) if pass_mark is not None else None,
        "post_n": len(posts),
    }


# --- Level 3: behaviour ---------------------------------------------------------------------


def score_history(employee_ids, indicator_ids) -> dict[tuple[int, int], list[tuple[dt.date, int]]]:
    """(employee id, indicator id) → [(period start, supervisor score)], oldest first. One query."""
    history: dict[tuple[int, int], list[tuple[dt.date, int]]] = defaultdict(list)
    if not employee_ids or not indicator_ids:
        return history
    rows = (
        Score.objects.filter(appraisal__employee_id__in=set(employee_ids), indicator_id__in=set(indicator_ids),
                             supervisor_score__isnull=False)
        .values_list("appraisal__employee_id", "indicator_id", "appraisal__period__start_date", "supervisor_score")
        .order_by("appraisal__period__start_date")
    )
    for employee_id, indicator_id, start, score in rows:
        history[(employee_id, indicator_id)].append((start, score))
    return history


def baseline_score(history, employee_id: int, indicator_id: int, first_day: dt.date) -> int | None:
    """The latest supervisor score from a period that started on or before the training."""
    found = None
    for start, score in history.get((employee_id, indicator_id), []):
        if start <= first_day:
            found = score
    return found


def reevaluation_tasks_for(supervisor: Employee | None, *, today: dt.date | None = None):
    """The open tasks of this supervisor that are due (nobody else's). One query."""
    if supervisor is None:
        return ReevaluationTask.objects.none()
    today = today or timezone.localdate()
    return (
        ReevaluationTask.objects.filter(supervisor=supervisor, done_at__isnull=True, due_on__lte=today)
        .select_related("enrolment__employee", "enrolment__session__programme")
        .order_by("due_on", "pk")
    )


def overdue_reevaluations(*, today: dt.date | None = None):
    """For HR: open tasks due more than REEVALUATION_ANSWER_DAYS ago, with the supervisor."""
    today = today or timezone.localdate()
    return (
        ReevaluationTask.objects.filter(done_at__isnull=True,
                                        due_on__lt=today - dt.timedelta(days=REEVALUATION_ANSWER_DAYS))
        .select_related("enrolment__employee__unit", "enrolment__session__programme", "supervisor")
        .order_by("due_on", "pk")
    )


@dataclass
class OverdueRow:
    """One line of HR's overdue list and of its CSV/XLSX (the same columns, in this order)."""

    task: ReevaluationTask
    employee: Employee
    programme: Programme
    indicators: str
    supervisor: Employee | None
    due_on: dt.date
    days_overdue: int

    def cells(self) -> list:
        return [self.employee.full_name, self.employee.nip, self.employee.unit.name, self.programme.title,
                self.indicators, self.supervisor.full_name if self.supervisor else "", self.due_on,
                self.days_overdue]


def overdue_rows(*, today: dt.date | None = None, limit: int | None = None, supervisor_id: int | None = None):
    """``overdue_reevaluations`` (all, or one supervisor's) as rows, with the indicators of each
    task and the days since it was due. Two queries (the tasks, their indicators), read in
    chunks: the export iterates."""
    today = today or timezone.localdate()
    qs = overdue_reevaluations(today=today).prefetch_related("scores__indicator")
    if supervisor_id is not None:
        qs = qs.filter(supervisor_id=supervisor_id)
    tasks = qs[:limit] if limit else qs.iterator(chunk_size=500)
    for task in tasks:
        employee = task.enrolment.employee
        yield OverdueRow(
            task, employee, task.enrolment.session.programme,
            ", ".join(s.indicator.name for s in task.scores.all()), task.supervisor, task.due_on,
            (today - task.due_on).days,
        )


@dataclass
class ReminderPlan:
    """Who a reminder run would reach today: supervisor id → ids of their overdue tasks (those
    with an e-mail address, not reminded today yet), and how many supervisors (or tasks without
    one) are left out and why."""

    due: dict[int, list[int]]
    reminded_today: int
    without_email: int
    without_supervisor: int

    @property
    def tasks(self) -> int:
        return sum(len(ids) for ids in self.due.values())


def reminder_plan(*, today: dt.date | None = None) -> ReminderPlan:
    """The supervisors an overdue reminder goes to today. Two queries."""
    today = today or timezone.localdate()
    reminded = set(ReevaluationReminder.objects.filter(day=today).values_list("supervisor_id", flat=True))
    due: dict[int, list[int]] = defaultdict(list)
    without_email: set[int] = set()
    already: set[int] = set()
    without_supervisor = 0
    for pk, supervisor_id, email in overdue_reevaluations(today=today).values_list("pk", "supervisor_id",
                                                                                 "supervisor__email"):
        if supervisor_id is None:
            without_supervisor += 1
        elif not email:
            without_email.add(supervisor_id)
        elif supervisor_id in reminded:
            already.add(supervisor_id)
        else:
            due[supervisor_id].append(pk)
    return ReminderPlan(dict(due), len(already), len(without_email), without_supervisor)


def reevaluation_detail(pk: int) -> ReevaluationTask | None:
    return (
        ReevaluationTask.objects.select_related("enrolment__employee__unit", "enrolment__session__programme",
                                                "supervisor")
        .prefetch_related("scores__indicator")
        .filter(pk=pk).first()
    )


# --- Level 4: results with a comparison group ----------------------------------------------


@dataclass
class Level4Row:
    programme_id: int
    indicator_id: int
    indicator_name: str
    baseline: AppraisalPeriod
    after: AppraisalPeriod | None
    result: impact.DiffInDiff
    after_closed: bool = False


def annual_periods() -> list[AppraisalPeriod]:
    return list(AppraisalPeriod.objects.filter(kind=PeriodKind.ANNUAL).order_by("start_date"))


def baseline_and_after(periods: list[AppraisalPeriod], first_day: dt.date):
    """The latest annual period started on or before ``first_day``, and the next one."""
    baseline = None
    for i, period in enumerate(periods):
        if period.start_date <= first_day:
            baseline = (period, periods[i + 1] if i + 1 < len(periods) else None)
    return baseline or (None, None)


def level4(programme_ids=None) -> list[Level4Row]:
    """Difference in differences on the supervisor scores, per programme, indicator and
    baseline period (see the module docstring). A fixed number of queries (six) whatever the
    number of programmes, sessions or employees."""
    sessions = Session.objects.filter(status=SessionStatus.FINISHED).annotate(first_day=Min("days__date"))
    if programme_ids is not None:
        sessions = sessions.filter(programme_id__in=programme_ids)
    periods = annual_periods()
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)  # (programme, baseline) → session ids
    afters: dict[int, AppraisalPeriod | None] = {}
    by_pk = {p.pk: p for p in periods}
    for session_id, programme_id, first_day in sessions.values_list("pk", "programme_id", "first_day"):
        if first_day is None:
            continue
        baseline, after = baseline_and_after(periods, first_day)
        if baseline is None:
            continue
        groups[(programme_id, baseline.pk)].append(session_id)
        afters[baseline.pk] = after
    if not groups:
        return []
    programme_set = {p for p, _b in groups}
    indicators: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for programme_id, indicator_id, name in Programme.indicators.through.objects.filter(
        programme_id__in=programme_set
    ).values_list("programme_id", "indicator_id", "indicator__name").order_by("indicator__sort_order", "indicator__code"):
        indicators[programme_id].append((indicator_id, name))
    # Who attended each programme (completed or not) and who completed it, per session.
    session_of_group = {s: key for key, ids in groups.items() for s in ids}
    completed: dict[tuple[int, int], set[int]] = defaultdict(set)
    attended: dict[int, set[int]] = defaultdict(set)  # programme → employees who came (any baseline)
    for session_id, programme_id, employee_id, status in Enrolment.objects.filter(
        session__programme_id__in=programme_set, status__in=[EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_COMPLETED]
    ).values_list("session_id", "session__programme_id", "employee_id", "status"):
        attended[programme_id].add(employee_id)
        if status == EnrolmentStatus.COMPLETED and session_id in session_of_group:
            completed[session_of_group[session_id]].add(employee_id)
    baseline_ids = {b for _p, b in groups}
    indicator_ids = {i for rows in indicators.values() for i, _n in rows}
    gap_rows = Score.objects.filter(
        appraisal__period_id__in=baseline_ids, indicator_id__in=indicator_ids, supervisor_score__isnull=False,
        supervisor_score__lt=F("expected_level"),
    )
    gaps: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)  # (baseline, indicator) → {employee: score}
    for period_id, indicator_id, employee_id, score in gap_rows.values_list(
        "appraisal__period_id", "indicator_id", "appraisal__employee_id", "supervisor_score"
    ):
        gaps[(period_id, indicator_id)][employee_id] = score
    after_ids = {a.pk for a in afters.values() if a is not None}
    later: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)  # (after, indicator) → {employee: score}
    if after_ids:
        for period_id, indicator_id, employee_id, score in Score.objects.filter(
            appraisal__period_id__in=after_ids, indicator_id__in=indicator_ids, supervisor_score__isnull=False,
            appraisal__employee_id__in=gap_rows.values("appraisal__employee_id"),
        ).values_list("appraisal__period_id", "indicator_id", "appraisal__employee_id", "supervisor_score"):
            later[(period_id, indicator_id)][employee_id] = score
    result = []
    for (programme_id, baseline_id), _sessions in sorted(groups.items(), key=lambda kv: (kv[0][0], by_pk[kv[0][1]].start_date)):
        after = afters.get(baseline_id)
        for indicator_id, name in indicators.get(programme_id, []):
            had_gap = gaps.get((baseline_id, indicator_id), {})
            after_scores = later.get((after.pk, indicator_id), {}) if after else {}
            trained = completed.get((programme_id, baseline_id), set())
            participants = [(had_gap[e], after_scores[e]) for e in trained if e in had_gap and e in after_scores]
            comparison = [(s, after_scores[e]) for e, s in had_gap.items()
                          if e not in attended[programme_id] and e in after_scores]
            result.append(Level4Row(
                programme_id, indicator_id, name, by_pk[baseline_id], after,
                impact.diff_in_diff(participants, comparison), after_closed=bool(after and after.is_closed),
            ))
    return result
