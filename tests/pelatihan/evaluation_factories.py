"""Builders for the evaluation and coaching tests: finished sessions with attendance, annual
periods and appraisal scores written as real rows, a coaching plan, and a programme with data on
all four evaluation levels."""

from __future__ import annotations

import datetime as dt

from pelatihan.models import AttendanceStatus, ReevaluationTask
from pelatihan.rules import SURVEY_CODES
from pelatihan.services import evaluation as evaluation_services
from pelatihan.services.attendance import attendance_record
from pelatihan.services.coaching import plan_create
from pelatihan.services.completion import session_finish
from pelatihan.services.enrolment import enrolment_create
from pelatihan.services.evaluation import reevaluation_submit, reevaluation_tasks_create, survey_submit
from penilaian.models import Appraisal, AppraisalPeriod, Indicator, PeriodStatus, Score
from tests import factories as f
from tests.pelatihan.factories import make_programme, make_session

# Answers to every reaction survey question: 4 of 5.
GOOD = {code: 4 for code in SURVEY_CODES}


def make_indicator(code="kt-uji", name="Literasi Digital Uji", expected=3) -> Indicator:
    return Indicator.objects.get_or_create(code=code, defaults={"name": name, "kind": "teknis",
                                                                "expected_level": expected})[0]


def make_period(year: int, *, status=PeriodStatus.CLOSED) -> AppraisalPeriod:
    return AppraisalPeriod.objects.get_or_create(
        year=year, kind="annual", number=None,
        defaults={"name": f"Penilaian {year}", "start_date": dt.date(year, 1, 1), "end_date": dt.date(year, 12, 31),
                  "status": status},
    )[0]


def give_score(employee, period, indicator, value, *, expected=3, predikat="") -> Score:
    appraisal, _ = Appraisal.objects.get_or_create(
        employee=employee, period=period,
        defaults={"unit": employee.unit, "position_kind": employee.position_kind, "status": "finalised",
                  "predikat": predikat, "assessor": employee.supervisor},
    )
    if predikat and appraisal.predikat != predikat:
        appraisal.predikat = predikat
        appraisal.save(update_fields=["predikat"])
    return Score.objects.create(appraisal=appraisal, indicator=indicator, expected_level=expected,
                                supervisor_score=value, self_score=value)


def finished_session(people, *, programme=None, first_day=None, ndays=2, absent=(), trainers=(), indicators=(),
                     **programme_fields):
    """A session of ``programme`` held on ``first_day`` (default: 10 days ago) and finished:
    everyone present except ``absent`` (alpa every day). Returns (session, {employee pk: enrolment})."""
    if programme is None:
        programme = make_programme(indicators=list(indicators), **programme_fields)
    first_day = first_day or dt.date.today() - dt.timedelta(days=10)
    days = [(first_day + dt.timedelta(days=i), dt.time(8), dt.time(16)) for i in range(ndays)]
    session = make_session(programme=programme, days=days, capacity=len(people) + 5, trainers=list(trainers))
    enrolments = {p.pk: enrolment_create(session=session, employee=p, by_hr=True).enrolment for p in people}
    absent_ids = {p.pk for p in absent}
    for day in session.days.all():
        for pk, enrolment in enrolments.items():
            status = AttendanceStatus.ALPA if pk in absent_ids else AttendanceStatus.HADIR
            attendance_record(day=day, enrolment=enrolment, status=status)
    session_finish(session=session, today=first_day + dt.timedelta(days=ndays))
    for enrolment in enrolments.values():
        enrolment.refresh_from_db()
    session.refresh_from_db()
    return session, enrolments


def make_plan(city, indicator):
    """The school head's coaching plan for the teacher on ``indicator``."""
    return plan_create(employee=city.teacher, supervisor=city.school_head, goal="Naik ke level 3",
                       indicators=[indicator])


def programme_with_all_levels(title="Literasi Digital untuk Guru", n=5, seed=0):
    """n trained teachers with a 2025 gap improving in 2026, n untrained with the same gap."""
    indicator = make_indicator(f"kt-r{seed}", f"Indikator {seed}")
    p2025, p2026 = make_period(2025), make_period(2026, status="supervisor_assessment")
    unit = f.make_unit(f"Sekolah {seed}")
    head = f.make_employee(unit=unit)
    trained = [f.make_employee(unit=unit, supervisor=head) for _ in range(n)]
    others = [f.make_employee(unit=unit, supervisor=head) for _ in range(n)]
    for e in trained:
        give_score(e, p2025, indicator, 2)
        give_score(e, p2026, indicator, 4)
    for e in others:
        give_score(e, p2025, indicator, 2)
        give_score(e, p2026, indicator, 2)
    programme = make_programme(title=title, indicators=[indicator])
    session, enrolments = finished_session(trained, programme=programme, first_day=dt.date(2025, 8, 4))
    for e in trained:
        enrolment = enrolments[e.pk]
        survey_submit(enrolment=enrolment, employee=e,
                      answers={c: 4 for c in SURVEY_CODES})
        evaluation_services.test_scores_save(session=session, entries={enrolment.pk: (50, 75)})  # gain 0.5
    reevaluation_tasks_create(today=dt.date(2026, 1, 1))
    for task in ReevaluationTask.objects.filter(enrolment__session=session):
        reevaluation_submit(task=task, supervisor=head, scores={indicator.pk: (3, "")})  # +1
    return programme
