"""Needs analysis (AKPK) selectors (``selectors.needs``): ranking, coverage, drill-down."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from pelatihan.models import EnrolmentStatus
from pelatihan.selectors.needs import (
    SERVED_ENROLLED,
    employees_with_gap,
    latest_assessed_period,
    needs_analysis,
    service_state,
)
from pelatihan.services.enrolment import enrolment_cancel, enrolment_create
from penilaian.models import AppraisalPeriod, PeriodStatus, PositionKind
from tests import factories as f
from tests.pelatihan.matching_factories import *  # noqa: F403 - the period and indicators fixtures
from tests.pelatihan.matching_factories import give_scores, programme_for, session_for


def test_indicators_are_ranked_by_employees_with_a_gap(city, period, indicators):
    give_scores(city.teacher, period, {indicators["lit"]: 1, indicators["svc"]: 2})
    give_scores(city.fellow_teacher, period, {indicators["lit"]: 2, indicators["svc"]: 3})
    give_scores(city.nurse, period, {indicators["lit"]: 2})
    rows = needs_analysis(period)
    assert [(r["code"], r["with_gap"]) for r in rows] == [("uji-literasi", 3), ("uji-pelayanan", 1)]
    assert rows[0]["mean_gap"] == (2 + 1 + 1) / 3


def test_unit_with_sub_units_and_position_kind_filter(city, period, indicators):
    give_scores(city.teacher, period, {indicators["lit"]: 1})  # the school, under disdik
    give_scores(city.nurse, period, {indicators["lit"]: 1, indicators["svc"]: 1})
    assert [r["with_gap"] for r in needs_analysis(period, unit=city.disdik)] == [1]
    assert [r["code"] for r in needs_analysis(period, position_kind=PositionKind.PELAKSANA)] == [
        "uji-literasi", "uji-pelayanan"]
    assert needs_analysis(period, position_kind=PositionKind.JPT_PRATAMA) == []


def test_coverage_counts_enrolled_completed_and_not_served(city, period, indicators):
    people = [f.make_employee(unit=city.school) for _ in range(6)]
    for p in people:
        give_scores(p, period, {indicators["lit"]: 1})
    programme = programme_for(indicators["lit"])
    session = session_for(programme, capacity=2)
    for p in people[:3]:  # two confirmed, one waiting: all three "enrolled"
        enrolment_create(session=session, employee=p)
    # one completed a past session of the programme this period
    past = session_for(programme, start_in_days=-20)
    done = enrolment_create(session=past, employee=people[3], by_hr=True).enrolment
    done.status = EnrolmentStatus.COMPLETED
    done.save()
    # one cancelled: not served
    cancelled = enrolment_create(session=session_for(programme, start_in_days=30), employee=people[4]).enrolment
    enrolment_cancel(enrolment=cancelled)

    row = needs_analysis(period)[0]
    assert (row["with_gap"], row["enrolled"], row["completed"], row["not_served"]) == (6, 3, 1, 2)
    offers = row["programmes"]
    assert [o.programme for o in offers] == [programme]
    listed = {o.session.pk: o for o in offers[0].sessions}
    assert session.pk in listed and past.pk not in listed  # upcoming only
    assert listed[session.pk].seats_left == 0 and listed[session.pk].full


def test_a_training_before_the_period_does_not_count_as_serving_it(city, indicators):
    old_period = AppraisalPeriod.objects.create(
        year=2027, kind="annual", name="2027", start_date=timezone.localdate() + dt.timedelta(days=60),
        end_date=timezone.localdate() + dt.timedelta(days=400), status=PeriodStatus.SUPERVISOR_ASSESSMENT)
    give_scores(city.teacher, old_period, {indicators["lit"]: 1})
    session = session_for(programme_for(indicators["lit"]))
    enrolment_create(session=session, employee=city.teacher)
    row = needs_analysis(old_period)[0]
    assert (row["enrolled"], row["not_served"]) == (0, 1)


def test_the_drill_down_orders_by_gap_and_reports_service_state(city, period, indicators, hr_user):
    give_scores(city.teacher, period, {indicators["lit"]: 2})
    give_scores(city.fellow_teacher, period, {indicators["lit"]: 1})
    give_scores(city.nurse, period, {indicators["lit"]: 3})  # no gap
    session = session_for(programme_for(indicators["lit"]))
    enrolment_create(session=session, employee=city.fellow_teacher)
    scores = list(employees_with_gap(period, indicators["lit"]))
    assert [(s.appraisal.employee, s.gap_size) for s in scores] == [(city.fellow_teacher, 2), (city.teacher, 1)]
    state = service_state(period, indicators["lit"], [city.teacher.pk, city.fellow_teacher.pk])
    assert state[city.fellow_teacher.pk]["served"] == SERVED_ENROLLED
    assert state[city.teacher.pk]["served"] is None


def test_the_latest_assessed_period_is_the_newest_with_supervisor_scores(city, period, indicators):
    AppraisalPeriod.objects.create(year=2027, kind="annual", name="2027", start_date=dt.date(2027, 1, 1),
                                   end_date=dt.date(2027, 12, 31))
    assert latest_assessed_period() is None
    give_scores(city.teacher, period, {indicators["lit"]: 3})
    assert latest_assessed_period() == period
