"""Post-training evaluation, the writes of levels 1–3 (Kirkpatrick, as used in Indonesian
government training). The reads, level 4 and the arithmetic's inputs are in
``selectors.evaluation``; the arithmetic itself in ``pelatihan.impact``.

Decisions (documented here, once):

- **Level 1, who answers.** A participant answers the reaction survey once per enrolment, after
  the session is finished, when they *completed* it or *attended at least one day* (hadir or
  terlambat) without completing. Nobody else: the service checks it, and the one-to-one
  ``SurveyResponse.enrolment`` stands behind "only once".
- **Level 2.** Pre- and post-test 0–100 per participant, entered on a sheet by the session's
  trainer (or HR) or imported from CSV/XLSX (nip, pre, post). The post-test decides completion
  when the programme has a pass mark, so it is frozen once such a session is finished.
- **Level 3, when tasks appear.** Reads never write. A re-evaluation task is created by
  ``reevaluation_tasks_create`` — run daily by ``manage.py create_reevaluation_tasks`` (cron or
  the django-tasks worker) — on or after its due day: the session's last day + the programme's
  ``reevaluation_delay_days``. It goes to the participant's *current* direct supervisor; the
  same run moves still-open tasks when a supervisor changed. The baseline is the latest
  supervisor score on the indicator in an appraisal period that started before the training.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from penilaian import nip as nip_rules
from penilaian.models import Employee
from portal.core.audit import record
from portal.core.tables import TableError, formula_message, read_table, rounded_message

from .. import rules
from ..exceptions import EvaluationError
from ..models import (
    Enrolment,
    EnrolmentStatus,
    Programme,
    ReevaluationReminder,
    ReevaluationScore,
    ReevaluationTask,
    Session,
    SessionStatus,
    SurveyResponse,
)
from ..selectors.evaluation import (
    baseline_score,
    may_answer_survey,
    post_test_frozen,
    reminder_plan,
    score_history,
    test_sheet,
)
from . import notifications

# --- Level 1: reaction ----------------------------------------------------------------------


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
    answers = rules.scale_answers(answers, rules.SURVEY_CODES)
    if answers is None:
        raise EvaluationError(_("Answer every statement with 1 to 5."), code="bad_answer")
    response = SurveyResponse(enrolment=enrolment, answers=answers, comment=comment.strip())
    response.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as exc:  # a double submit racing past the check above
        raise EvaluationError(_("You have already answered this survey."), code="already") from exc
    record(response, "pelatihan.survey.submit", actor=actor, data={"enrolment": enrolment.pk})
    return response


# --- Level 2: learning ----------------------------------------------------------------------


def _test_value(raw) -> int | None:
    if raw is None or str(raw).strip() == "":
        return None
    if str(raw).strip().startswith("="):  # an XLSX formula or a CSV cell written as one
        raise EvaluationError(formula_message(str(raw).strip()), code="bad_score")
    try:
        value = float(str(raw).strip().replace(",", "."))
    except ValueError:
        raise EvaluationError(_("A test score is a number from 0 to 100."), code="bad_score") from None
    if value != int(value) or not 0 <= value <= 100:
        raise EvaluationError(_("A test score is a number from 0 to 100."), code="bad_score")
    return int(value)


@transaction.atomic
def test_scores_save(*, session: Session, entries: dict[int, tuple], actor=None) -> int:
    """Write pre/post scores: ``entries`` = {enrolment id: (pre, post)} with '' or None for
    "not taken". Returns how many participants changed. Raises ``EvaluationError``: bad_score,
    not_participant (an id outside the sheet), frozen (post-test of a finished session whose
    programme has a pass mark: it decided completion)."""
    if session.status == SessionStatus.CANCELLED:
        raise EvaluationError(_("The session was cancelled."), code="frozen")
    sheet = {e.pk: e for e in test_sheet(session)}
    frozen = post_test_frozen(session)
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


def _unreadable_cells(table, line: int, cells: dict[str, str], index: dict[str, int]) -> str:
    """Formula cells (and numbers the spreadsheet rounded) among the columns read, as one message."""
    formulas, rounded = table.formulas.get(line, ()), table.rounded.get(line, ())
    messages = [f"{name}: {formula_message(cells[name]) if i in formulas else rounded_message()}"
                for name, i in index.items() if i in formulas or i in rounded]
    return "; ".join(messages)


@dataclass
class ImportOutcome:
    changed: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def test_scores_import(*, session: Session, data: bytes, filename: str, actor=None) -> ImportOutcome:
    """CSV or XLSX with columns nip, pre, post. All or nothing: any bad row (a malformed or
    unknown NIP, not a participant, a score outside 0–100, a formula in any of the three columns)
    is reported with its line and nothing is written."""
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
        unreadable = _unreadable_cells(table, line, cells, index)
        if unreadable:
            outcome.errors.append((line, unreadable))
            continue
        nip = nip_rules.normalise(str(cells["nip"]))
        enrolment = by_nip.get(nip)
        if enrolment is None:
            problem = nip_rules.problem(nip) if nip else None
            outcome.errors.append((line, _("NIP %(nip)s is not valid: %(problem)s") % {"nip": nip[:30], "problem": problem}
                                   if problem else
                                   _("%(nip)s is not a participant of this session.") % {"nip": nip or "—"}))
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


# --- Level 3: behaviour ---------------------------------------------------------------------


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
        raw, note = scores.get(row.indicator_id, (None, ""))
        score = rules.scale_value(raw)
        if score is None:
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


def overdue_reminders_send(*, today: dt.date | None = None, actor=None) -> int:
    """E-mail every supervisor with overdue re-evaluations one list of them, at most once a day;
    returns how many supervisors were reminded.

    Per supervisor, in one transaction: a ``ReevaluationReminder`` row (unique per supervisor and
    day), the audit record, and the mail queued for after the commit. A supervisor already
    reminded today — by an earlier run, another worker or HR's button — is skipped: the plan
    leaves them out, and a run that loses the race to the same row hits the unique constraint and
    moves on. Supervisors without an e-mail address and tasks without a supervisor are left out
    (HR sees them on the overdue page)."""
    today = today or timezone.localdate()
    sent_by = actor if getattr(actor, "is_authenticated", False) else None
    reminded = 0
    for supervisor_id, task_ids in sorted(reminder_plan(today=today).due.items()):
        with transaction.atomic():
            reminder = ReevaluationReminder(supervisor_id=supervisor_id, day=today, tasks=len(task_ids), sent_by=sent_by)
            reminder.full_clean(validate_unique=False, validate_constraints=False)  # the insert decides
            try:
                with transaction.atomic():
                    reminder.save()
            except IntegrityError:  # another run reminded this supervisor a moment ago
                continue
            record(reminder, "pelatihan.reevaluation.remind", actor=actor,
                   data={"supervisor": supervisor_id, "day": today, "tasks": task_ids})
            notifications.queue_overdue_reminder(reminder)
        reminded += 1
    return reminded
