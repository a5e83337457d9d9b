"""Training fixtures shared by the test modules of ``tests/pelatihan``: a published session, a
session meeting today, a teacher rated for coaching, a trained cohort due for re-evaluation, one
overdue under two supervisors, and the evaluation "world" the view tests walk through."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from pelatihan.models import ReevaluationTask
from pelatihan.rules import REEVALUATION_ANSWER_DAYS
from pelatihan.services.coaching import meeting_record, meeting_schedule, plan_create
from pelatihan.services.enrolment import enrolment_create
from pelatihan.services.evaluation import reevaluation_tasks_create
from penilaian.models import Predikat
from tests.pelatihan.evaluation_factories import finished_session, give_score, make_indicator, make_period
from tests.pelatihan.factories import make_session


@pytest.fixture
def session(db, trainer_user):
    return make_session(capacity=3, trainers=[trainer_user])


@pytest.fixture
def running(db, trainer_user, employee_user, city):
    """A session meeting today with the teacher confirmed, the trainer in charge."""
    today = timezone.localdate()
    session = make_session(capacity=5, trainers=[trainer_user], days=[
        (today - dt.timedelta(days=1), dt.time(8), dt.time(16)), (today, dt.time(0), dt.time(23, 59))])
    enrolment = enrolment_create(session=session, employee=city.teacher, by_hr=True).enrolment
    return session, enrolment


@pytest.fixture
def weak(db, city):
    """The teacher rated Butuh Perbaikan in 2025 with a gap (2 of 3) on an indicator."""
    indicator = make_indicator()
    period = make_period(2025)
    give_score(city.teacher, period, indicator, 2, predikat=Predikat.BUTUH_PERBAIKAN)
    return indicator


@pytest.fixture
def trained(db, city):
    """The teacher and a colleague trained on an indicator they had a gap on in 2025."""
    indicator = make_indicator()
    give_score(city.teacher, make_period(2025), indicator, 2)
    give_score(city.teacher, make_period(2024), indicator, 1)
    first = dt.date(2025, 8, 4)
    session, enrolments = finished_session([city.teacher, city.nurse], first_day=first, indicators=[indicator],
                                           reevaluation_delay_days=90)
    due = first + dt.timedelta(days=1) + dt.timedelta(days=90)  # last day + 90
    return session, enrolments, indicator, due


@pytest.fixture
def overdue(db, city):
    """The teacher and a colleague (supervisor: the school head), the school head (supervisor:
    the head of education) and the nurse (no supervisor) trained; every task overdue today."""
    indicator = make_indicator()
    for e in (city.teacher, city.fellow_teacher, city.school_head):
        give_score(e, make_period(2025), indicator, 2)
    first = dt.date(2025, 8, 4)
    session, enrolments = finished_session([city.teacher, city.fellow_teacher, city.school_head, city.nurse],
                                           first_day=first, indicators=[indicator], reevaluation_delay_days=90)
    due = first + dt.timedelta(days=1 + 90)
    reevaluation_tasks_create(today=due)
    today = due + dt.timedelta(days=REEVALUATION_ANSWER_DAYS + 3)
    return session, enrolments, today


@dataclass
class World:
    session: object
    enrolment: object
    task: object
    plan: object
    meeting: object  # held
    scheduled: object
    indicator: object


@pytest.fixture
def world(db, city, trainer_user, employee_user, supervisor_user, colleague_user, hr_user, other_unit_user,
          indirect_supervisor_user):
    indicator = make_indicator()
    give_score(city.teacher, make_period(2025), indicator, 2, predikat=Predikat.BUTUH_PERBAIKAN)
    first = dt.date.today() - dt.timedelta(days=120)
    session, enrolments = finished_session([city.teacher, city.fellow_teacher], first_day=first, indicators=[indicator],
                                           trainers=[trainer_user])
    reevaluation_tasks_create()
    task = ReevaluationTask.objects.get(enrolment=enrolments[city.teacher.pk])
    plan = plan_create(employee=city.teacher, supervisor=city.school_head, goal="x", indicators=[indicator])
    meeting = meeting_schedule(plan=plan, supervisor=city.school_head, route="coaching", topic="Awal",
                               date=dt.date.today() - dt.timedelta(days=2), start_time=dt.time(9),
                               end_time=dt.time(10))
    meeting = meeting_record(meeting=meeting, supervisor=city.school_head, summary="",
                             evaluations={indicator.pk: (3, "lebih baik")})
    scheduled = meeting_schedule(plan=plan, supervisor=city.school_head, route="mentoring", topic="Lanjut",
                                 date=dt.date.today() - dt.timedelta(days=1), start_time=dt.time(9),
                                 end_time=dt.time(11))
    return World(session, enrolments[city.teacher.pk], task, plan, meeting, scheduled, indicator)


from tests.pelatihan.siasn_fake import english, siasn_fake, siasn_on  # noqa: E402,F401 - fixtures of the SIASN fake
