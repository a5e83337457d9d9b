"""Demo coaching plans, built through the coaching services after the current appraisal.

A few employees whose latest predikat is Butuh Perbaikan or worse get a plan: the demo school
head's team first, then others by NIP. Each plan has a held meeting (with the supervisor's
evaluation and, for every other plan, the employee's feedback) and one scheduled. The words are
the ``coaching`` part of ``data/story.yaml``.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from pelatihan import rules as training_rules
from pelatihan.models import CoachingPlan
from pelatihan.selectors import coaching as coaching_selectors
from pelatihan.services import coaching as coaching_services
from penilaian.models import Employee

from .register import DEMO_SUPERVISOR_EMAIL
from .story import STORY

COACHING = STORY["coaching"]


@transaction.atomic
def seed_coaching(*, today: dt.date | None = None) -> int:
    """Returns the plans created (0 on a second run: nothing is added once any plan exists)."""
    today = today or timezone.localdate()
    if CoachingPlan.objects.exists():
        return 0
    head = Employee.objects.filter(email=DEMO_SUPERVISOR_EMAIL).first()
    rows = [r for r in coaching_selectors.coaching_status() if r.employee.is_active and r.employee.supervisor_id]
    rows.sort(key=lambda r: (r.employee.supervisor_id != (head.pk if head else None), r.employee.nip))
    created = 0
    for r in rows[: COACHING["plans"]]:
        employee = r.employee
        supervisor = employee.supervisor
        choices = coaching_selectors.plan_indicator_choices(employee)[:2]
        if not choices:
            continue
        plan = coaching_services.plan_create(
            employee=employee, supervisor=supervisor, indicators=choices,
            goal=COACHING["goal"].format(indicator=choices[0].name.lower()),
        )
        _meetings(plan, employee=employee, supervisor=supervisor, choices=choices, today=today,
                  with_feedback=created % 2 == 0)
        created += 1
    return created


def _meetings(plan, *, employee, supervisor, choices, today: dt.date, with_feedback: bool) -> None:
    held_spec, next_spec = COACHING["held"], COACHING["next"]
    held = coaching_services.meeting_schedule(
        plan=plan, supervisor=supervisor, route="coaching", topic=held_spec["topic"],
        date=today - dt.timedelta(days=14), start_time=dt.time(9), end_time=dt.time(10, 30),
    )
    coaching_services.meeting_record(
        meeting=held, supervisor=supervisor, summary=held_spec["summary"],
        evaluations={i.pk: (2 + (k == 0), held_spec["evaluation"]) for k, i in enumerate(choices)}, today=today,
    )
    if with_feedback:
        held.refresh_from_db()
        coaching_services.feedback_submit(
            meeting=held, employee=employee, answers={c: 4 + (k % 2) for k, c in enumerate(training_rules.FEEDBACK_CODES)},
            comment=held_spec["feedback"],
        )
    coaching_services.meeting_schedule(
        plan=plan, supervisor=supervisor, route="mentoring", topic=next_spec["topic"],
        date=today + dt.timedelta(days=14), start_time=dt.time(9), end_time=dt.time(10, 30),
    )
