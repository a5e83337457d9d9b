"""Every demo date is counted from the day of the build: built on two different days, the demo
has each role's daily work waiting (seed_demo's builder, 400 employees).

The two days lie ahead of the real date, so the services that look at the clock (registration
windows, "has the session started") see what they would see on that day; the checks read every
date from the build's ``today``.
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from pelatihan.models import AttendanceRecord, Enrolment, ReevaluationTask, Session, SessionStatus
from pelatihan.selectors import attendance as attendance_selectors
from pelatihan.selectors import enrolment as enrolment_selectors
from pelatihan.selectors import evaluation as evaluation_selectors
from pelatihan.services import attendance as attendance_services
from pelatihan.services import completion as completion_services
from penilaian.models import Appraisal, AppraisalPeriod, Employee, PeriodStatus
from penilaian.services import appraisal as appraisal_services
from portal.demo import builder, story

from .conftest import SMALL


def _days():
    year = timezone.localdate().year
    # Early January (the story's classes are over a year back, "yesterday" is in the first
    # week) and the middle of a later year.
    return [dt.date(year + 1, 1, 5), dt.date(year + 2, 7, 16)]


def _build(today):
    return builder.build(employees=SMALL, today=today, log=lambda _line: None)


def _counts():
    return tuple(m.objects.count() for m in (Employee, Appraisal, Session, Enrolment, AttendanceRecord, ReevaluationTask))


@pytest.mark.parametrize("today", _days(), ids=["early-january", "mid-year"])
def test_built_on_any_day_each_role_finds_its_work_waiting(db, settings, today):
    """One build per day (a build takes a while), then each promise of the demo in turn; the
    checks that change data come last."""
    settings.DEBUG = True
    _build(today)
    counts = _counts()
    _build(today)
    assert _counts() == counts, "a second build on the same day creates nothing"
    _the_story_lies_in_closed_periods(today)
    _overdue_reevaluations_exist(today)
    _a_session_runs_today_with_the_demo_trainer_and_the_demo_employee_can_check_in(today)
    _a_session_ran_yesterday_and_waits_for_bkpsdm(today)
    _the_demo_supervisor_has_appraisals_to_assess_and_registrations_to_approve(today)
    _this_years_period_is_open_for_the_demo_employee_and_the_history_is_closed(today)


def _this_years_period_is_open_for_the_demo_employee_and_the_history_is_closed(built):
    year = built.year
    statuses = dict(AppraisalPeriod.objects.values_list("year", "status"))
    assert statuses == {year - 2: PeriodStatus.CLOSED, year - 1: PeriodStatus.CLOSED, year: PeriodStatus.SELF_EVALUATION}
    teacher = Employee.objects.select_related("user").get(email="pegawai@portal.test")
    mine = Appraisal.objects.get(employee=teacher, period__year=year)
    assert mine.status == "draft"
    # The employee can fill in and hand in the self-evaluation through the ordinary service.
    scores = {s.indicator_id: {"score": 4} for s in mine.scores.all()}
    done = appraisal_services.self_evaluation_save(appraisal=mine, actor=teacher.user, scores=scores, submit=True)
    assert done.status == "self_submitted"


def _the_story_lies_in_closed_periods(built):
    year = story.story_year(built)
    assert year == built.year - 2
    sessions = Session.objects.filter(programme__code=story.STORY_PROGRAMME).prefetch_related("days")
    assert sessions.exists() and all(s.status == SessionStatus.FINISHED for s in sessions)
    assert all(dt.date(year, 7, 1) <= d.date <= dt.date(year, 12, 31) for s in sessions for d in s.days.all())
    assert {s.name.rsplit(" ", 1)[1] for s in sessions} == {str(year)}
    (row,) = [r for r in evaluation_selectors.level4([sessions[0].programme_id]) if r.after is not None]
    assert (row.baseline.year, row.after.year, row.after_closed) == (year, year + 1, True)
    assert row.result.participants.change > row.result.comparison.change + 0.5


def _the_demo_supervisor_has_appraisals_to_assess_and_registrations_to_approve(built):
    head = Employee.objects.select_related("user").get(email="atasan@portal.test")
    waiting = Appraisal.objects.filter(
        period__year=built.year, period__status=PeriodStatus.SELF_EVALUATION, assessor=head, status="self_submitted"
    )
    assert waiting.count() >= 2
    pending = list(enrolment_selectors.pending_approvals(head).prefetch_related("session__days"))
    assert len(pending) >= 2
    assert all(e.session.start_date > built for e in pending)
    # Each waiting registration addresses one of the colleague's gaps: the inbox says why.
    assert all(e.gaps for e in enrolment_selectors.with_gaps_and_jp(pending))
    # The head can assess one of them in the open period.
    appraisal = waiting.first()
    appraisal_services.assessment_save(
        appraisal=appraisal, actor=head.user, scores={s.indicator_id: {"score": 3} for s in appraisal.scores.all()},
    )


def _a_session_ran_yesterday_and_waits_for_bkpsdm(built):
    yesterday = built - dt.timedelta(days=1)
    trainer = get_user_model().objects.get(email="fasilitator@portal.test")
    ended = [
        s for s in Session.objects.filter(status=SessionStatus.PUBLISHED, trainers=trainer).prefetch_related("days")
        if s.end_date == yesterday
    ]
    assert len(ended) == 1
    session = ended[0]
    days = list(session.days.all())
    confirmed = session.enrolments.filter(status="confirmed").count()
    assert confirmed >= 10
    assert AttendanceRecord.objects.filter(day__in=days).count() == confirmed * len(days)
    result = completion_services.session_finish(session=session, today=built)
    assert result.completed


def _a_session_runs_today_with_the_demo_trainer_and_the_demo_employee_can_check_in(built):
    trainer = get_user_model().objects.get(email="fasilitator@portal.test")
    today_sessions = [
        s for s in Session.objects.filter(status=SessionStatus.PUBLISHED, trainers=trainer).prefetch_related("days")
        if attendance_selectors.today_meeting(s, today=built) is not None
    ]
    assert len(today_sessions) == 1
    session = today_sessions[0]
    day = attendance_selectors.today_meeting(session, today=built)
    assert not AttendanceRecord.objects.filter(day=day).exists()  # nobody has checked in yet
    teacher = Employee.objects.get(email="pegawai@portal.test")
    token = attendance_services.checkin_token(day=day)
    for enrolment in session.enrolments.filter(status="confirmed").select_related("employee"):
        checked_day, checked = attendance_services.checkin_verify(
            token=token, session=session, employee=enrolment.employee, max_age=60, today=built,
        )
        assert checked_day == day and checked == enrolment
    assert session.enrolments.filter(employee=teacher, status="confirmed").exists()
    assert session.enrolments.filter(status="confirmed").count() >= 5


def _overdue_reevaluations_exist(built):
    overdue = evaluation_selectors.overdue_reevaluations(today=built)
    assert overdue.count() >= 3
    head = Employee.objects.get(email="atasan@portal.test")
    assert evaluation_selectors.reevaluation_tasks_for(head, today=built).exists()
