"""Intensive coaching: plans only where the predikat calls for one, meetings that credit JP,
evaluations that feed the gaps, feedback only from the coached employee."""

import datetime as dt

import pytest

from pelatihan import coaching, selectors
from pelatihan.coaching import CoachingError
from pelatihan.models import CoachingFeedback, MeetingStatus, RecordSource
from penilaian.models import Predikat
from tests.pelatihan.evaluation_factories import give_score, make_indicator, make_period

ALL_FIVE = {code: 5 for code in coaching.FEEDBACK_CODES}


@pytest.fixture
def weak(db, city):
    """The teacher rated Butuh Perbaikan in 2025 with a gap (2 of 3) on an indicator."""
    indicator = make_indicator()
    period = make_period(2025)
    give_score(city.teacher, period, indicator, 2, predikat=Predikat.BUTUH_PERBAIKAN)
    return indicator


def make_plan(city, indicator):
    return coaching.plan_create(employee=city.teacher, supervisor=city.school_head, goal="Naik ke level 3",
                                indicators=[indicator])


@pytest.mark.parametrize("predikat", coaching.PREDIKAT_NEEDING_PLAN)
def test_a_plan_is_made_for_butuh_perbaikan_or_worse(db, city, predikat):
    indicator = make_indicator()
    give_score(city.teacher, make_period(2025), indicator, 2, predikat=predikat)
    plan = make_plan(city, indicator)
    assert plan.appraisal.predikat == predikat


@pytest.mark.parametrize("predikat", [Predikat.SANGAT_BAIK, Predikat.BAIK])
def test_no_plan_for_predicates_that_do_not_call_for_one(db, city, predikat):
    indicator = make_indicator()
    give_score(city.teacher, make_period(2025), indicator, 2, predikat=predikat)
    with pytest.raises(CoachingError) as exc:
        make_plan(city, indicator)
    assert exc.value.code == "not_needed"


def test_the_latest_predikat_decides(db, city):
    indicator = make_indicator()
    give_score(city.teacher, make_period(2024), indicator, 2, predikat=Predikat.SANGAT_KURANG)
    give_score(city.teacher, make_period(2025), indicator, 3, predikat=Predikat.BAIK)
    with pytest.raises(CoachingError) as exc:
        make_plan(city, indicator)
    assert exc.value.code == "not_needed"


def test_only_the_direct_supervisor_makes_the_plan_and_only_once(city, weak):
    for other in (city.head_of_education, city.fellow_teacher, city.teacher, None):
        with pytest.raises(CoachingError) as exc:
            coaching.plan_create(employee=city.teacher, supervisor=other, goal="x", indicators=[weak])
        assert exc.value.code == "not_supervisor"
    make_plan(city, weak)
    with pytest.raises(CoachingError) as exc:
        make_plan(city, weak)
    assert exc.value.code == "already"


def test_a_held_meeting_credits_jp_and_its_evaluation_feeds_the_gaps(city, weak):
    plan = make_plan(city, weak)
    assert [(g.indicator, g.gap, g.source) for g in coaching.current_gaps(city.teacher)] == [(weak, 1, "appraisal")]
    day = dt.date.today() - dt.timedelta(days=1)
    meeting = coaching.meeting_schedule(plan=plan, supervisor=city.school_head, route="coaching", topic="Surel dinas",
                                        date=day, start_time=dt.time(9), end_time=dt.time(10, 30))
    with pytest.raises(CoachingError) as exc:  # every competency needs a reason
        coaching.meeting_record(meeting=meeting, supervisor=city.school_head, summary="", evaluations={weak.pk: (3, "")})
    assert exc.value.code == "reason_required"
    coaching.meeting_record(meeting=meeting, supervisor=city.school_head, summary="Baik",
                            evaluations={weak.pk: (3, "Sudah memakai surel dinas")})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    record_ = meeting.development_record
    assert (record_.jp, record_.route, record_.source, record_.status) == (2, "coaching", RecordSource.COACHING, "verified")
    assert selectors.jp_in_year(city.teacher, day.year) == 2
    assert coaching.current_gaps(city.teacher) == []  # 3 of 3: the gap closed
    scores = coaching.coaching_scores([city.teacher.pk])
    assert scores[(city.teacher.pk, weak.pk)][0] == 3


def test_a_meeting_cannot_be_recorded_before_its_day(city, weak):
    plan = make_plan(city, weak)
    meeting = coaching.meeting_schedule(plan=plan, supervisor=city.school_head, route="mentoring", topic="x",
                                        date=dt.date.today() + dt.timedelta(days=3), start_time=dt.time(9),
                                        end_time=dt.time(10))
    with pytest.raises(CoachingError) as exc:
        coaching.meeting_record(meeting=meeting, supervisor=city.school_head, summary="",
                                evaluations={weak.pk: (3, "x")})
    assert exc.value.code == "future"
    with pytest.raises(CoachingError) as exc:
        coaching.meeting_schedule(plan=plan, supervisor=city.school_head, route="pelatihan", topic="x",
                                  date=dt.date.today(), start_time=dt.time(9), end_time=dt.time(10))
    assert exc.value.code == "bad_route"


@pytest.fixture
def held(city, weak):
    plan = make_plan(city, weak)
    meeting = coaching.meeting_schedule(plan=plan, supervisor=city.school_head, route="coaching", topic="x",
                                        date=dt.date.today(), start_time=dt.time(9), end_time=dt.time(10))
    return coaching.meeting_record(meeting=meeting, supervisor=city.school_head, summary="",
                                   evaluations={weak.pk: (2, "x")})


def test_feedback_comes_only_from_the_coached_employee_once(city, held):
    for other in (city.school_head, city.fellow_teacher, city.head_of_education, None):
        with pytest.raises(CoachingError) as exc:
            coaching.feedback_submit(meeting=held, employee=other, answers=ALL_FIVE)
        assert exc.value.code == "not_coached"
    assert [m.pk for m in coaching.feedback_to_give(city.teacher)] == [held.pk]
    with pytest.raises(CoachingError) as exc:
        coaching.feedback_submit(meeting=held, employee=city.teacher, answers=ALL_FIVE | {"heard": 0})
    assert exc.value.code == "bad_answer"
    coaching.feedback_submit(meeting=held, employee=city.teacher, answers=ALL_FIVE)
    with pytest.raises(CoachingError) as exc:
        coaching.feedback_submit(meeting=held, employee=city.teacher, answers=ALL_FIVE)
    assert exc.value.code == "already"
    assert CoachingFeedback.objects.count() == 1 and coaching.feedback_to_give(city.teacher) == []
    assert len(coaching.FEEDBACK_STATEMENTS) == 9


def test_feedback_waits_for_the_meeting(city, weak):
    plan = make_plan(city, weak)
    meeting = coaching.meeting_schedule(plan=plan, supervisor=city.school_head, route="coaching", topic="x",
                                        date=dt.date.today(), start_time=dt.time(9), end_time=dt.time(10))
    with pytest.raises(CoachingError) as exc:
        coaching.feedback_submit(meeting=meeting, employee=city.teacher, answers=ALL_FIVE)
    assert exc.value.code == "bad_state"


def test_hr_sees_who_has_a_plan_and_who_does_not(city, weak):
    give_score(city.fellow_teacher, make_period(2025), weak, 1, predikat=Predikat.KURANG)
    give_score(city.nurse, make_period(2025), weak, 4, predikat=Predikat.BAIK)
    make_plan(city, weak)
    coverage = coaching.hr_coaching_coverage()
    assert (coverage["total"], coverage["with_plan"], coverage["without_plan"]) == (2, 1, 1)
    assert {r.employee for r in coverage["rows"]} == {city.teacher, city.fellow_teacher}
    team = coaching.team_coaching_status(city.school_head)
    assert {r.employee for r in team} == {city.teacher, city.fellow_teacher}
    assert coaching.team_coaching_status(city.head_of_education) == []
