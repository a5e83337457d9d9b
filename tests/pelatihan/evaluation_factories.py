"""Builders for the evaluation and coaching tests: finished sessions with attendance, annual
periods and appraisal scores written as real rows."""

from __future__ import annotations

import datetime as dt

from pelatihan import services
from pelatihan.models import AttendanceStatus
from penilaian.models import Appraisal, AppraisalPeriod, Indicator, PeriodStatus, Score
from tests.pelatihan.factories import make_programme, make_session


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
    enrolments = {p.pk: services.enrolment_create(session=session, employee=p, by_hr=True).enrolment for p in people}
    absent_ids = {p.pk for p in absent}
    for day in session.days.all():
        for pk, enrolment in enrolments.items():
            status = AttendanceStatus.ALPA if pk in absent_ids else AttendanceStatus.HADIR
            services.attendance_record(day=day, enrolment=enrolment, status=status)
    services.session_finish(session=session, today=first_day + dt.timedelta(days=ndays))
    for enrolment in enrolments.values():
        enrolment.refresh_from_db()
    session.refresh_from_db()
    return session, enrolments
