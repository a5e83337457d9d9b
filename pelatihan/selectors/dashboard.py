"""What the portal's dashboard reads from training: the development card, the trainer's next
sessions, the evaluation tasks (surveys, feedback, re-evaluations, coaching) and the
registrations waiting for the supervisor's approval."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, Value
from django.utils import timezone

from penilaian import permissions
from penilaian.models import Employee
from portal.core import roles

from .. import rules
from ..models import ACTIVE_STATUSES, Session
from . import coaching
from .enrolment import my_enrolments, pending_approvals, with_gaps_and_jp
from .evaluation import overdue_reevaluations, reevaluation_tasks_for, surveys_to_answer, surveys_to_answer_qs
from .history import jp_in_year
from .sessions import trainer_agenda


def dashboard_development(employee: Employee, *, enrolments: list | None = None) -> dict:
    """The "My competency development" card: JP this year against the target, the next active
    registrations (from ``enrolments``, ``my_enrolments(employee)`` when the page already read it)."""
    year = timezone.localdate().year
    jp = jp_in_year(employee, year)
    target = rules.jp_target(employee.employee_type)
    upcoming = [
        e for e in (my_enrolments(employee) if enrolments is None else enrolments) if e.status in ACTIVE_STATUSES and (e.session.end_date or dt.date.max) >= timezone.localdate()
    ]
    return {
        "year": year, "jp": jp, "target": target, "percent": min(100, round(jp * 100 / target)) if target else 100,
        "upcoming": upcoming[:5],
    }


def dashboard_trainer(user) -> list[Session]:
    """The trainer's next sessions: those meeting today first (each with ``today_day``, which the
    dashboard's check-in card opens in one tap), then the upcoming ones; five at most."""
    agenda = trainer_agenda(user, with_past=False)
    return (agenda.today + agenda.upcoming)[:5]


def dashboard_evaluation(user) -> dict:
    """The evaluation card(s) of the dashboard, from one call: the employee's surveys to answer
    and coaching feedback to give; the supervisor's due re-evaluations and the subordinates whose
    predikat calls for a coaching plan; HR's overdue re-evaluations. Empty lists when nothing."""
    me = permissions.employee_of(user)
    data = {"surveys": [], "feedback": [], "reevaluations": [], "coaching_needed": [], "overdue_count": None}
    if me is not None:
        # One query answers "is there anything at all?"; the lists are read only when there is.
        today = timezone.localdate()
        supervisor = permissions.is_supervisor(user)
        flags = Employee.objects.filter(pk=me.pk).annotate(
            surveys=Exists(surveys_to_answer_qs(me, today)),
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


INBOX_APPROVALS = 10


def dashboard_approvals(supervisor: Employee, *, limit: int = INBOX_APPROVALS) -> dict:
    """The registrations waiting for this supervisor's approval (the oldest ``limit``), each
    with ``gaps`` — the employee's gaps in their latest assessment that the programme addresses —
    and ``jp_year`` / ``jp_target`` (verified JP this year against the employee's target).
    {"rows": [...], "total": n}. One query when none wait; at most eight however many do."""
    qs = pending_approvals(supervisor)
    rows = list(qs[:limit])
    if not rows:
        return {"rows": [], "total": 0}
    total = len(rows) if len(rows) < limit else qs.count()
    return {"rows": with_gaps_and_jp(rows), "total": total}


def dashboard_inbox(supervisor: Employee, evaluation: dict) -> dict:
    """The training part of the supervisor's inbox: registrations to approve and the due
    re-evaluations, which move here from the evaluation card (``evaluation`` from
    ``dashboard_evaluation``, updated in place so they are not listed twice)."""
    reevaluations, evaluation["reevaluations"] = evaluation["reevaluations"], []
    evaluation["any"] = bool(evaluation["surveys"] or evaluation["feedback"] or evaluation["coaching_needed"]
                             or evaluation["overdue_count"] is not None)
    return {"approvals": dashboard_approvals(supervisor), "reevaluations": reevaluations}
