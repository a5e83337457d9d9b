"""Levels 1–4 of the post-training evaluation read back: the survey summary, surveys to answer,
the learning gain, overdue re-evaluations and the difference in differences."""

import datetime as dt

import pytest

from pelatihan.rules import REEVALUATION_ANSWER_DAYS
from pelatihan.selectors.evaluation import (
    level4,
    overdue_reevaluations,
    session_learning,
    survey_summary,
    surveys_to_answer,
)
from pelatihan.services import evaluation as evaluation_services
from pelatihan.services.enrolment import enrolment_create
from pelatihan.services.evaluation import reevaluation_tasks_create, survey_submit
from tests import factories as f
from tests.pelatihan.evaluation_factories import (
    GOOD,
    finished_session,
    give_score,
    make_indicator,
    make_period,
)
from tests.pelatihan.factories import make_participants, make_programme, make_session


def test_the_summary_shows_means_and_hides_comments_of_a_small_group(db, city):
    people = make_participants(5)
    session, enrolments = finished_session(people)
    for i, p in enumerate(people[:4]):
        survey_submit(enrolment=enrolments[p.pk], employee=p, answers=GOOD | {"relevance": 1 + i},
                      comment=f"komentar {i}")
    summary = survey_summary(session)
    assert summary["n"] == 4 and summary["eligible"] == 5
    assert dict((c, v) for c, _t, v in summary["questions"])["relevance"] == 2.5
    assert summary["comments"] == [] and summary["comments_hidden"]
    survey_submit(enrolment=enrolments[people[4].pk], employee=people[4], answers=GOOD, comment="x")
    assert len(survey_summary(session)["comments"]) == 5


def test_the_dashboard_lists_the_surveys_to_answer(db, city):
    _s, enrolments = finished_session([city.teacher])
    assert [e.pk for e in surveys_to_answer(city.teacher)] == [enrolments[city.teacher.pk].pk]
    survey_submit(enrolment=enrolments[city.teacher.pk], employee=city.teacher, answers=GOOD)
    assert surveys_to_answer(city.teacher) == []


def test_the_mean_normalised_gain_of_a_session(db):
    people = make_participants(3)
    session = make_session(programme=make_programme(post_test_pass_mark=70), capacity=5)

    es = [enrolment_create(session=session, employee=p, by_hr=True).enrolment for p in people]
    # gains: (80-60)/40 = 0.5 ; (100-50)/50 = 1.0 ; (40-40)/60 = 0.0 → mean 0.5
    changed = evaluation_services.test_scores_save(session=session, entries={
        es[0].pk: ("60", "80"), es[1].pk: (50, 100), es[2].pk: ("40", "40")})
    assert changed == 3
    learning = session_learning(session)
    assert learning["n"] == 3 and learning["gain"] == pytest.approx(0.5)
    assert learning["mean_pre"] == 50 and learning["mean_post"] == pytest.approx(220 / 3)
    assert learning["passed"] == 2  # 80 and 100 reach 70
    assert evaluation_services.test_scores_save(session=session, entries={es[0].pk: ("60", "80")}) == 0


def test_a_perfect_pre_test_is_left_out_of_the_gain(db):
    people = make_participants(2)
    session = make_session(capacity=5)

    es = [enrolment_create(session=session, employee=p, by_hr=True).enrolment for p in people]
    evaluation_services.test_scores_save(session=session, entries={es[0].pk: (100, 100), es[1].pk: (20, 60)})
    assert session_learning(session)["gain"] == pytest.approx(0.5)


def test_hr_sees_overdue_tasks(city, trained):
    _session, _enrolments, _indicator, due = trained
    reevaluation_tasks_create(today=due)
    assert not overdue_reevaluations(today=due + dt.timedelta(days=REEVALUATION_ANSWER_DAYS)).exists()
    assert overdue_reevaluations(
        today=due + dt.timedelta(days=REEVALUATION_ANSWER_DAYS + 1)).count() == 2


def _did_dataset(n_participants=5, n_comparison=5):
    """Indicator expected 3. 2025: the baseline; 2026: after. Known answer:
    participants 2025 → 2026: mean 2 → 4 (change +2); comparison: 1.6 → 2.0 (+0.4); DiD = 1.6."""
    indicator = make_indicator("kt-did", "Indikator DiD")
    p2025, p2026 = make_period(2025), make_period(2026, status="supervisor_assessment")
    unit = f.make_unit("Sekolah Uji")
    participants = [f.make_employee(unit=unit) for _ in range(n_participants)]
    comparison = [f.make_employee(unit=unit) for _ in range(n_comparison)]
    after_p = [4, 4, 3, 4, 5][:n_participants]
    before_c, after_c = [1, 2, 2, 2, 1][:n_comparison], [2, 2, 3, 2, 1][:n_comparison]
    for e, after in zip(participants, after_p, strict=True):
        give_score(e, p2025, indicator, 2)
        give_score(e, p2026, indicator, after)
    for e, b, a in zip(comparison, before_c, after_c, strict=True):
        give_score(e, p2025, indicator, b)
        give_score(e, p2026, indicator, a)
    # Noise that must be left out:
    no_gap = f.make_employee(unit=unit)  # no gap in 2025, did not attend
    give_score(no_gap, p2025, indicator, 3)
    give_score(no_gap, p2026, indicator, 5)
    trained_no_gap = f.make_employee(unit=unit)  # trained without the gap
    give_score(trained_no_gap, p2025, indicator, 4)
    give_score(trained_no_gap, p2026, indicator, 5)
    dropout = f.make_employee(unit=unit)  # had the gap, came, did not complete
    give_score(dropout, p2025, indicator, 1)
    give_score(dropout, p2026, indicator, 5)
    missing_after = f.make_employee(unit=unit)  # had the gap, no 2026 score yet
    give_score(missing_after, p2025, indicator, 1)
    programme = make_programme(indicators=[indicator])
    people = participants + [trained_no_gap, dropout]
    finished_session(people, programme=programme, first_day=dt.date(2025, 8, 4), absent=[dropout])
    return programme, indicator


def test_difference_in_differences_on_a_hand_made_dataset(db):
    programme, indicator = _did_dataset()
    (row,) = level4([programme.pk])
    assert row.indicator_id == indicator.pk and row.baseline.year == 2025 and row.after.year == 2026
    d = row.result
    assert (d.participants.n, d.comparison.n) == (5, 5)
    assert d.participants.before == 2 and d.participants.after == 4
    assert d.comparison.before == pytest.approx(1.6) and d.comparison.after == pytest.approx(2.0)
    assert d.value == pytest.approx(1.6)
    assert not d.too_small and not row.after_closed


def test_a_group_too_small_is_flagged(db):
    programme, _indicator = _did_dataset(n_comparison=3)
    (row,) = level4([programme.pk])
    assert row.result.comparison.n == 3 and row.result.too_small


def test_level4_queries_do_not_grow_with_programmes(db, django_assert_max_num_queries):
    programme, _ = _did_dataset()
    for _ in range(3):
        finished_session(make_participants(2), indicators=[make_indicator()], first_day=dt.date(2025, 9, 1))
    with django_assert_max_num_queries(6):
        rows = level4()
    assert len(rows) == 4
