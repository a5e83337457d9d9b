"""Post-training evaluation, levels 1–4 (Kirkpatrick, as used in Indonesian government training).

Services (writes) and selectors (reads) of the evaluation, kept out of ``services.py``. The
arithmetic lives in ``pelatihan.impact``; this module only feeds it real rows.

Decisions (documented here, once):

- **Level 1, who answers.** A participant answers the reaction survey once per enrolment, after
  the session is finished, when they *completed* it or *attended at least one day* (hadir or
  terlambat) without completing. Nobody else: the service checks it, and the one-to-one
  ``SurveyResponse.enrolment`` stands behind "only once". Trainers and HR see aggregates only
  (means per question; comments only once ``impact.MIN_GROUP_SIZE`` people answered, unsigned).
- **Level 2.** Pre- and post-test 0–100 per participant, entered on a sheet by the session's
  trainer (or HR) or imported from CSV/XLSX (nip, pre, post). The post-test decides completion
  when the programme has a pass mark, so it is frozen once such a session is finished.
- **Level 3, when tasks appear.** Reads never write. A re-evaluation task is created by
  ``reevaluation_tasks_create`` — run daily by ``manage.py create_reevaluation_tasks`` (cron or
  the django-tasks worker) — on or after its due day: the session's last day + the programme's
  ``reevaluation_delay_days``. It goes to the participant's *current* direct supervisor; the
  same run moves still-open tasks when a supervisor changed. The baseline is the latest
  supervisor score on the indicator in an appraisal period that started before the training.
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
from dataclasses import dataclass, field
from statistics import mean

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, Max, Min, Q, Value
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from penilaian import nip as nip_rules
from penilaian.models import AppraisalPeriod, Employee, PeriodKind, Score
from portal.core import roles
from portal.core.audit import record
from portal.core.tables import TableError, read_table

from . import impact
from .exceptions import TrainingError
from .models import (
    PRESENT_STATUSES,
    AttendanceRecord,
    Enrolment,
    EnrolmentStatus,
    Programme,
    ReevaluationScore,
    ReevaluationTask,
    Session,
    SessionStatus,
    SurveyResponse,
)


class EvaluationError(TrainingError):
    """An evaluation rule was broken (codes: not_participant, not_attended, already, bad_answer,
    bad_score, frozen, not_supervisor, done, file)."""


# --- Level 1: reaction ----------------------------------------------------------------------

# The questions of the reaction survey (1 = strongly disagree … 5 = strongly agree), one table.
SURVEY_QUESTIONS: list[tuple[str, str]] = [
    ("relevance", gettext_lazy("The material was relevant to my work.")),
    ("trainer", gettext_lazy("The trainer explained clearly and answered my questions.")),
    ("methods", gettext_lazy("The methods and exercises helped me learn.")),
    ("organisation", gettext_lazy("The organisation (schedule, venue, materials) was good.")),
    ("apply", gettext_lazy("I can apply what I learned in my job.")),
]
SURVEY_CODES = [code for code, _text in SURVEY_QUESTIONS]
SCALE = range(1, 6)
# The survey stays on the participant's dashboard this many days after the session finished.
SURVEY_DASHBOARD_DAYS = 60


def _answers(raw: dict, codes: list[str]) -> dict[str, int]:
    clean = {}
    for code in codes:
        try:
            value = int(raw.get(code))
        except (TypeError, ValueError):
            value = None
        if value not in SCALE:
            raise EvaluationError(_("Answer every statement with 1 to 5."), code="bad_answer")
        clean[code] = value
    return clean


def may_answer_survey(enrolment: Enrolment) -> bool:
    """Completed, or attended at least one day of a finished session without completing."""
    if enrolment.status == EnrolmentStatus.COMPLETED:
        return True
    if enrolment.status != EnrolmentStatus.NOT_COMPLETED:
        return False
    return AttendanceRecord.objects.filter(enrolment=enrolment, status__in=PRESENT_STATUSES).exists()


@transaction.atomic
def survey_submit(*, enrolment: Enrolment, employee: Employee | None, answers: dict, comment: str = "",
                  actor=None) -> SurveyResponse:
    """The participant's reaction survey. Raises ``EvaluationError``: not_participant (someone
    else), not_attended (did not attend or the session is not finished), already, bad_answer."""
    if employee is None or enrolment.employee_id != employee.pk:
        raise EvaluationError(_("Only the participant answers this survey."), code="not_participant")
    if not may_answer_survey(enrolment):
        raise EvaluationError(_("The survey is for participants who attended the training."), code="not_attended")
    if SurveyResponse.objects.filter(enrolment=enrolment).exists():
        raise EvaluationError(_("You have already answered this survey."), code="already")
    response = SurveyResponse(enrolment=enrolment, answers=_answers(answers, SURVEY_CODES), comment=comment.strip())
    response.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as exc:  # a double submit racing past the check above
        raise EvaluationError(_("You have already answered this survey."), code="already") from exc
    record(response, "pelatihan.survey.submit", actor=actor, data={"enrolment": enrolment.pk})
    return response


def _survey_means(rows: list[dict]) -> tuple[dict[str, float | None], float | None]:
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
    per_question, overall = _survey_means([a for a, _c in responses])
    show_comments = len(responses) >= impact.MIN_GROUP_SIZE
    return {
        "n": len(responses), "eligible": eligible, "overall": overall,
        "questions": [(code, text, per_question[code]) for code, text in SURVEY_QUESTIONS],
        "comments": sorted(c for _a, c in responses if c) if show_comments else [],
        "comments_hidden": not show_comments and any(c for _a, c in responses),
        "min_group_size": impact.MIN_GROUP_SIZE,
    }


def _surveys_to_answer_qs(employee: Employee, today: dt.date):
    since = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=SURVEY_DASHBOARD_DAYS), dt.time()))
    return (
        Enrolment.objects.filter(employee=employee, survey_response__isnull=True, session__finished_at__gte=since)
        .filter(Q(status=EnrolmentStatus.COMPLETED)
                | Q(status=EnrolmentStatus.NOT_COMPLETED, attendance__status__in=PRESENT_STATUSES))
    )


def surveys_to_answer(employee: Employee, *, today: dt.date | None = None) -> list[Enrolment]:
    """Finished sessions (in the last SURVEY_DASHBOARD_DAYS) whose survey the employee may
    answer and has not. One query."""
    qs = _surveys_to_answer_qs(employee, today or timezone.localdate())
    return list(qs.select_related("session", "session__programme").distinct().order_by("-session__finished_at"))


# --- Level 2: learning ----------------------------------------------------------------------


def _test_value(raw) -> int | None:
    if raw is None or str(raw).strip() == "":
        return None
    try:
        value = float(str(raw).strip().replace(",", "."))
    except ValueError:
        raise EvaluationError(_("A test score is a number from 0 to 100."), code="bad_score") from None
    if value != int(value) or not 0 <= value <= 100:
        raise EvaluationError(_("A test score is a number from 0 to 100."), code="bad_score")
    return int(value)


def test_sheet(session: Session) -> list[Enrolment]:
    """The participants whose tests the trainer enters (names and units only)."""
    return list(
        session.enrolments.filter(
            status__in=[EnrolmentStatus.CONFIRMED, EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_COMPLETED]
        ).select_related("employee", "employee__unit").order_by("employee__name", "pk")
    )


def _post_frozen(session: Session) -> bool:
    return session.status == SessionStatus.FINISHED and session.programme.post_test_pass_mark is not None


@transaction.atomic
def test_scores_save(*, session: Session, entries: dict[int, tuple], actor=None) -> int:
    """Write pre/post scores: ``entries`` = {enrolment id: (pre, post)} with '' or None for
    "not taken". Returns how many participants changed. Raises ``EvaluationError``: bad_score,
    not_participant (an id outside the sheet), frozen (post-test of a finished session whose
    programme has a pass mark: it decided completion)."""
    if session.status == SessionStatus.CANCELLED:
        raise EvaluationError(_("The session was cancelled."), code="frozen")
    sheet = {e.pk: e for e in test_sheet(session)}
    frozen = _post_frozen(session)
    changed = 0
    for pk, (pre_raw, post_raw) in entries.items():
        enrolment = sheet.get(pk)
        if enrolment is None:
            raise EvaluationError(_("Someone on the sheet is not a participant of this session."), code="not_participant")
        pre, post = _test_value(pre_raw), _test_value(post_raw)
        if pre == enrolment.pre_test_score and post == enrolment.post_test_score:
            continue
        if post != enrolment.post_test_score and frozen:
            raise EvaluationError(
                _("The post-test decided completion: it cannot change after the session is finished."), code="frozen"
            )
        enrolment.pre_test_score, enrolment.post_test_score = pre, post
        enrolment.full_clean(validate_unique=False)
        enrolment.save(update_fields=["pre_test_score", "post_test_score", "updated_at"])
        record(enrolment, "pelatihan.enrolment.test_scores", actor=actor, data={"pre": pre, "post": post})
        changed += 1
    return changed


@dataclass
class ImportOutcome:
    changed: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def test_scores_import(*, session: Session, data: bytes, filename: str, actor=None) -> ImportOutcome:
    """CSV or XLSX with columns nip, pre, post. All or nothing: any bad row (unknown nip, not a
    participant, a score outside 0–100) is reported with its line and nothing is written."""
    outcome = ImportOutcome()
    try:
        table = read_table(data, filename)
    except TableError as exc:
        outcome.errors.append((0, str(exc)))
        return outcome
    headers = [h.strip().lower() for h in table.headers]
    missing = [c for c in ("nip", "pre", "post") if c not in headers]
    if missing:
        outcome.errors.append((1, _("Missing columns: %(cols)s") % {"cols": ", ".join(missing)}))
        return outcome
    index = {name: headers.index(name) for name in ("nip", "pre", "post")}
    by_nip = {e.employee.nip: e for e in test_sheet(session)}
    entries: dict[int, tuple] = {}
    for line, row in table.rows:
        cells = {name: (row[i] if i < len(row) else "") for name, i in index.items()}
        nip = nip_rules.normalise(str(cells["nip"]))
        enrolment = by_nip.get(nip)
        if enrolment is None:
            outcome.errors.append((line, _("%(nip)s is not a participant of this session.") % {"nip": nip or "—"}))
            continue
        try:
            entries[enrolment.pk] = (_test_value(cells["pre"]), _test_value(cells["post"]))
        except EvaluationError as exc:
            outcome.errors.append((line, " ".join(exc.messages)))
    if outcome.errors:
        return outcome
    try:
        outcome.changed = test_scores_save(session=session, entries=entries, actor=actor)
    except EvaluationError as exc:
        outcome.errors.append((0, " ".join(exc.messages)))
    return outcome


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

# A task not answered this many days after it appeared is overdue (HR follows it up).
REEVALUATION_ANSWER_DAYS = 30


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


@transaction.atomic
def reevaluation_tasks_create(*, today: dt.date | None = None) -> dict:
    """Create the level 3 tasks that are due (idempotent: one task per completed enrolment), and
    hand open tasks to the participant's current direct supervisor when it changed. Returns
    {"created": n, "reassigned": n}. Run daily (``create_reevaluation_tasks``)."""
    today = today or timezone.localdate()
    candidates = list(
        Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED, reevaluation__isnull=True,
                                 session__status=SessionStatus.FINISHED)
        .annotate(first_day=Min("session__days__date"), last_day=Max("session__days__date"))
        .select_related("session__programme", "employee")
    )
    due = [
        e for e in candidates
        if e.last_day is not None and e.last_day + dt.timedelta(days=e.session.programme.reevaluation_delay_days) <= today
    ]
    programme_indicators: dict[int, list[int]] = defaultdict(list)
    for programme_id, indicator_id in Programme.indicators.through.objects.filter(
        programme_id__in={e.session.programme_id for e in due}
    ).values_list("programme_id", "indicator_id"):
        programme_indicators[programme_id].append(indicator_id)
    history = score_history({e.employee_id for e in due}, {i for ids in programme_indicators.values() for i in ids})
    created = 0
    for enrolment in due:
        indicator_ids = programme_indicators.get(enrolment.session.programme_id, [])
        if not indicator_ids:
            continue
        task = ReevaluationTask(
            enrolment=enrolment, supervisor_id=enrolment.employee.supervisor_id,
            due_on=enrolment.last_day + dt.timedelta(days=enrolment.session.programme.reevaluation_delay_days),
        )
        task.full_clean(validate_unique=False)
        task.save()
        ReevaluationScore.objects.bulk_create(
            ReevaluationScore(task=task, indicator_id=i, baseline_score=baseline_score(history, enrolment.employee_id, i, enrolment.first_day))
            for i in indicator_ids
        )
        record(task, "pelatihan.reevaluation.create", data={"enrolment": enrolment.pk, "due_on": task.due_on})
        created += 1
    reassigned = 0
    for task in ReevaluationTask.objects.filter(done_at__isnull=True).exclude(
        supervisor_id=F("enrolment__employee__supervisor_id")
    ).select_related("enrolment__employee"):
        if task.supervisor_id == task.enrolment.employee.supervisor_id:  # both NULL
            continue
        old = task.supervisor_id
        task.supervisor_id = task.enrolment.employee.supervisor_id
        task.save(update_fields=["supervisor"])
        record(task, "pelatihan.reevaluation.reassign", data={"from": old, "to": task.supervisor_id})
        reassigned += 1
    return {"created": created, "reassigned": reassigned}


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


def reevaluation_detail(pk: int) -> ReevaluationTask | None:
    return (
        ReevaluationTask.objects.select_related("enrolment__employee__unit", "enrolment__session__programme",
                                                "supervisor")
        .prefetch_related("scores__indicator")
        .filter(pk=pk).first()
    )


@transaction.atomic
def reevaluation_submit(*, task: ReevaluationTask, supervisor: Employee | None, scores: dict[int, tuple],
                        actor=None) -> ReevaluationTask:
    """The supervisor's re-assessment: ``scores`` = {indicator id: (1–5, note)} for every
    indicator of the task. Raises not_supervisor, done, bad_answer."""
    task = ReevaluationTask.objects.select_for_update().get(pk=task.pk)
    if supervisor is None or task.supervisor_id != supervisor.pk:
        raise EvaluationError(_("This re-evaluation is for the participant's direct supervisor."), code="not_supervisor")
    if task.done_at is not None:
        raise EvaluationError(_("This re-evaluation is already done."), code="done")
    rows = list(task.scores.all())
    for row in rows:
        score, note = scores.get(row.indicator_id, (None, ""))
        try:
            score = int(score)
        except (TypeError, ValueError):
            score = None
        if score not in SCALE:
            raise EvaluationError(_("Score every indicator from 1 to 5."), code="bad_answer")
        row.score, row.note = score, (note or "").strip()
        row.full_clean(validate_unique=False)
        row.save(update_fields=["score", "note"])
    task.done_at = timezone.now()
    task.done_by = actor if getattr(actor, "is_authenticated", False) else None
    task.save(update_fields=["done_at", "done_by"])
    record(task, "pelatihan.reevaluation.submit", actor=actor,
           data={"scores": {r.indicator_id: r.score for r in rows}})
    return task


# --- Level 4: results with a comparison group -----------------------------------------------


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


# --- Dashboard ------------------------------------------------------------------------------


def dashboard_evaluation(user) -> dict:
    """The evaluation card(s) of the dashboard, from one call: the employee's surveys to answer
    and coaching feedback to give; the supervisor's due re-evaluations and the subordinates whose
    predikat calls for a coaching plan; HR's overdue re-evaluations. Empty lists when nothing."""
    from penilaian import permissions

    from . import coaching

    me = permissions.employee_of(user)
    data = {"surveys": [], "feedback": [], "reevaluations": [], "coaching_needed": [], "overdue_count": None}
    if me is not None:
        # One query answers "is there anything at all?"; the lists are read only when there is.
        today = timezone.localdate()
        supervisor = permissions.is_supervisor(user)
        flags = Employee.objects.filter(pk=me.pk).annotate(
            surveys=Exists(_surveys_to_answer_qs(me, today)),
            feedback=Exists(coaching.feedback_to_give_qs(me)),
            tasks=Exists(reevaluation_tasks_for(me, today=today)) if supervisor else Value(False),
        ).values("surveys", "feedback", "tasks").first() or {}
        if flags.get("surveys"):
            data["surveys"] = surveys_to_answer(me, today=today)
        if flags.get("feedback"):
            data["feedback"] = coaching.feedback_to_give(me)
        if flags.get("tasks"):
            data["reevaluations"] = list(reevaluation_tasks_for(me, today=today)[:10])
        if supervisor:
            data["coaching_needed"] = coaching.team_coaching_status(me)
    if roles.is_hr(user):
        data["overdue_count"] = overdue_reevaluations().count()
    data["any"] = bool(data["surveys"] or data["feedback"] or data["reevaluations"] or data["coaching_needed"]
                       or data["overdue_count"] is not None)
    return data


def programme_enrolment_counts(programme_ids=None) -> dict[int, dict]:
    """Per programme: participants (finished sessions), completed, not completed. One query."""
    qs = Enrolment.objects.filter(session__status=SessionStatus.FINISHED)
    if programme_ids is not None:
        qs = qs.filter(session__programme_id__in=programme_ids)
    rows = qs.values("session__programme_id").annotate(
        completed=Count("pk", filter=Q(status=EnrolmentStatus.COMPLETED)),
        not_completed=Count("pk", filter=Q(status=EnrolmentStatus.NOT_COMPLETED)),
    )
    return {r["session__programme_id"]: r for r in rows}
