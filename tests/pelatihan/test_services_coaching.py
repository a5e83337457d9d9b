"""Intensive coaching through the services: plans only where the predikat calls for one, meetings
that credit JP, evaluations that feed the gaps, feedback only from the coached employee."""

import datetime as dt

import pytest

from pelatihan.exceptions import CoachingError
from pelatihan.models import CoachingFeedback, MeetingStatus, RecordSource
from pelatihan.rules import FEEDBACK_CODES, FEEDBACK_STATEMENTS, PREDIKAT_NEEDING_PLAN
from pelatihan.selectors.coaching import (
    coaching_scores,
    current_gaps,
    feedback_to_give,
)
from pelatihan.selectors.history import jp_in_year
from pelatihan.services.coaching import feedback_submit, meeting_record, meeting_schedule, plan_create
from penilaian.models import Predikat
from tests.pelatihan.evaluation_factories import (
    give_score,
    make_indicator,
    make_period,
    make_plan,
)

ALL_FIVE = {code: 5 for code in FEEDBACK_CODES}


@pytest.mark.parametrize("predikat", PREDIKAT_NEEDING_PLAN)
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
            plan_create(employee=city.teacher, supervisor=other, goal="x", indicators=[weak])
        assert exc.value.code == "not_supervisor"
    make_plan(city, weak)
    with pytest.raises(CoachingError) as exc:
        make_plan(city, weak)
    assert exc.value.code == "already"


def test_a_held_meeting_credits_jp_and_its_evaluation_feeds_the_gaps(city, weak):
    plan = make_plan(city, weak)
    assert [(g.indicator, g.gap, g.source) for g in current_gaps(city.teacher)] == [(weak, 1, "appraisal")]
    day = dt.date.today() - dt.timedelta(days=1)
    meeting = meeting_schedule(plan=plan, supervisor=city.school_head, route="coaching", topic="Surel dinas",
                               date=day, start_time=dt.time(9), end_time=dt.time(10, 30))
    with pytest.raises(CoachingError) as exc:  # every competency needs a reason
        meeting_record(meeting=meeting, supervisor=city.school_head, summary="", evaluations={weak.pk: (3, "")})
    assert exc.value.code == "reason_required"
    meeting_record(meeting=meeting, supervisor=city.school_head, summary="Baik",
                   evaluations={weak.pk: (3, "Sudah memakai surel dinas")})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    record_ = meeting.development_record
    assert (record_.jp, record_.route, record_.source, record_.status) == (2, "coaching", RecordSource.COACHING, "verified")
    assert jp_in_year(city.teacher, day.year) == 2
    assert current_gaps(city.teacher) == []  # 3 of 3: the gap closed
    scores = coaching_scores([city.teacher.pk])
    assert scores[(city.teacher.pk, weak.pk)][0] == 3


def test_a_meeting_cannot_be_recorded_before_its_day(city, weak):
    plan = make_plan(city, weak)
    meeting = meeting_schedule(plan=plan, supervisor=city.school_head, route="mentoring", topic="x",
                               date=dt.date.today() + dt.timedelta(days=3), start_time=dt.time(9),
                               end_time=dt.time(10))
    with pytest.raises(CoachingError) as exc:
        meeting_record(meeting=meeting, supervisor=city.school_head, summary="",
                       evaluations={weak.pk: (3, "x")})
    assert exc.value.code == "future"
    with pytest.raises(CoachingError) as exc:
        meeting_schedule(plan=plan, supervisor=city.school_head, route="pelatihan", topic="x",
                         date=dt.date.today(), start_time=dt.time(9), end_time=dt.time(10))
    assert exc.value.code == "bad_route"


@pytest.fixture
def held(city, weak):
    plan = make_plan(city, weak)
    meeting = meeting_schedule(plan=plan, supervisor=city.school_head, route="coaching", topic="x",
                               date=dt.date.today(), start_time=dt.time(9), end_time=dt.time(10))
    return meeting_record(meeting=meeting, supervisor=city.school_head, summary="",
                          evaluations={weak.pk: (2, "x")})


def test_feedback_comes_only_from_the_coached_employee_once(city, held):
    for other in (city.school_head, city.fellow_teacher, city.head_of_education, None):
        with pytest.raises(CoachingError) as exc:
            feedback_submit(meeting=held, employee=other, answers=ALL_FIVE)
        assert exc.value.code == "not_coached"
    assert [m.pk for m in feedback_to_give(city.teacher)] == [held.pk]
    with pytest.raises(CoachingError) as exc:
        feedback_submit(meeting=held, employee=city.teacher, answers=ALL_FIVE | {"heard": 0})
    assert exc.value.code == "bad_answer"
    feedback_submit(meeting=held, employee=city.teacher, answers=ALL_FIVE)
    with pytest.raises(CoachingError) as exc:
        feedback_submit(meeting=held, employee=city.teacher, answers=ALL_FIVE)
    assert exc.value.code == "already"
    assert CoachingFeedback.objects.count() == 1 and feedback_to_give(city.teacher) == []
    assert len(FEEDBACK_STATEMENTS) == 9


def test_feedback_waits_for_the_meeting(city, weak):
    plan = make_plan(city, weak)
    meeting = meeting_schedule(plan=plan, supervisor=city.school_head, route="coaching", topic="x",
                               date=dt.date.today(), start_time=dt.time(9), end_time=dt.time(10))
    with pytest.raises(CoachingError) as exc:
        feedback_submit(meeting=meeting, employee=city.teacher, answers=ALL_FIVE)
    assert exc.value.code == "bad_state"
