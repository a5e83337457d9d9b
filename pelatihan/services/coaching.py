"""Intensive coaching (pembinaan intensif), the writes.

The seed: high performers are recognised (``penilaian`` recognition list and letters), weak ones
get more intensive coaching. An employee whose *latest* predikat is Butuh Perbaikan or worse
(``rules.PREDIKAT_NEEDING_PLAN``) gets a coaching plan from their direct supervisor; the
supervisor schedules coaching or mentoring meetings (nonklasikal routes); a held meeting credits
its JP (duration ÷ 45 minutes) to the employee's development record and carries the supervisor's
1–5 evaluation of each competency concerned, with a reason; the coached employee — only they,
once per meeting — answers the nine-statement feedback. How the evaluations feed the gaps is
told in ``selectors.coaching``.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from penilaian.models import Employee, IndicatorKind
from portal.core.audit import record

from .. import rules
from ..exceptions import CoachingError
from ..models import (
    COACHING_ROUTES,
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
)
from ..selectors.coaching import latest_rated_appraisal, needs_plan


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
        raw, reason = evaluations.get(indicator.pk, (None, ""))
        score = rules.scale_value(raw)
        if score is None:
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
    clean = rules.scale_answers(answers, rules.FEEDBACK_CODES)
    if clean is None:
        raise CoachingError(_("Answer every statement with 1 to 5."), code="bad_answer")
    feedback = CoachingFeedback(meeting=meeting, answers=clean, comment=(comment or "").strip())
    feedback.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            feedback.save()
    except IntegrityError as exc:
        raise CoachingError(_("You have already given feedback on this meeting."), code="already") from exc
    record(feedback, "pelatihan.coaching.feedback", actor=actor, data={"meeting": meeting.pk})
    return feedback
