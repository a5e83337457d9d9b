"""Levels 1–4 of the post-training evaluation, through the services and selectors on real rows."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import IntegrityError

from pelatihan import evaluation
from pelatihan.evaluation import EvaluationError
from pelatihan.models import EnrolmentStatus, ReevaluationTask, SurveyResponse
from tests import factories as f
from tests.pelatihan.evaluation_factories import finished_session, give_score, make_indicator, make_period
from tests.pelatihan.factories import make_participants, make_programme, make_session

GOOD = {code: 4 for code in evaluation.SURVEY_CODES}


# --- Level 1 --------------------------------------------------------------------------------


def test_the_survey_is_answered_once_by_a_participant_who_attended(db, city):
    session, enrolments = finished_session([city.teacher])
    enrolment = enrolments[city.teacher.pk]
    assert enrolment.status == EnrolmentStatus.COMPLETED
    evaluation.survey_submit(enrolment=enrolment, employee=city.teacher, answers=GOOD, comment="Bagus")
    with pytest.raises(EvaluationError) as exc:
        evaluation.survey_submit(enrolment=enrolment, employee=city.teacher, answers=GOOD)
    assert exc.value.code == "already"
    assert SurveyResponse.objects.filter(enrolment=enrolment).count() == 1


def test_the_database_refuses_a_second_answer(db, city):
    _session, enrolments = finished_session([city.teacher])
    enrolment = enrolments[city.teacher.pk]
    SurveyResponse.objects.create(enrolment=enrolment, answers=GOOD)
    with pytest.raises(IntegrityError):
        SurveyResponse.objects.create(enrolment=enrolment, answers=GOOD)


def test_nobody_else_answers_the_survey(db, city):
    session, enrolments = finished_session([city.teacher, city.fellow_teacher], absent=[city.fellow_teacher])
    with pytest.raises(EvaluationError) as exc:  # someone answering another's survey
        evaluation.survey_submit(enrolment=enrolments[city.teacher.pk], employee=city.nurse, answers=GOOD)
    assert exc.value.code == "not_participant"
    absent = enrolments[city.fellow_teacher.pk]
    assert absent.status == EnrolmentStatus.NOT_COMPLETED
    with pytest.raises(EvaluationError) as exc:  # registered but never came
        evaluation.survey_submit(enrolment=absent, employee=city.fellow_teacher, answers=GOOD)
    assert exc.value.code == "not_attended"


def test_a_participant_who_attended_one_day_but_did_not_complete_may_answer(db, city):
    # Present on day 1 of 3 only → 33 % < 80 %: not completed, yet attended.
    from pelatihan import services

    other = make_participants(1)[0]
    days = [(dt.date.today() - dt.timedelta(days=20 - i), dt.time(8), dt.time(16)) for i in range(3)]
    s = make_session(days=days, capacity=3)
    e = services.enrolment_create(session=s, employee=other, by_hr=True).enrolment
    for i, day in enumerate(s.days.all()):
        services.attendance_record(day=day, enrolment=e, status="hadir" if i == 0 else "alpa")
    services.session_finish(session=s)
    e.refresh_from_db()
    assert e.status == EnrolmentStatus.NOT_COMPLETED
    assert evaluation.may_answer_survey(e)
    evaluation.survey_submit(enrolment=e, employee=other, answers=GOOD)


def test_a_confirmed_participant_of_a_session_not_yet_finished_cannot_answer(db, city):
    from pelatihan import services

    session = make_session()
    e = services.enrolment_create(session=session, employee=city.teacher, by_hr=True).enrolment
    with pytest.raises(EvaluationError) as exc:
        evaluation.survey_submit(enrolment=e, employee=city.teacher, answers=GOOD)
    assert exc.value.code == "not_attended"


def test_answers_outside_1_to_5_are_refused(db, city):
    _s, enrolments = finished_session([city.teacher])
    with pytest.raises(EvaluationError) as exc:
        evaluation.survey_submit(enrolment=enrolments[city.teacher.pk], employee=city.teacher,
                                 answers=GOOD | {"relevance": 6})
    assert exc.value.code == "bad_answer"


def test_the_summary_shows_means_and_hides_comments_of_a_small_group(db, city):
    people = make_participants(5)
    session, enrolments = finished_session(people)
    for i, p in enumerate(people[:4]):
        evaluation.survey_submit(enrolment=enrolments[p.pk], employee=p, answers=GOOD | {"relevance": 1 + i},
                                 comment=f"komentar {i}")
    summary = evaluation.survey_summary(session)
    assert summary["n"] == 4 and summary["eligible"] == 5
    assert dict((c, v) for c, _t, v in summary["questions"])["relevance"] == 2.5
    assert summary["comments"] == [] and summary["comments_hidden"]
    evaluation.survey_submit(enrolment=enrolments[people[4].pk], employee=people[4], answers=GOOD, comment="x")
    assert len(evaluation.survey_summary(session)["comments"]) == 5


def test_the_dashboard_lists_the_surveys_to_answer(db, city):
    _s, enrolments = finished_session([city.teacher])
    assert [e.pk for e in evaluation.surveys_to_answer(city.teacher)] == [enrolments[city.teacher.pk].pk]
    evaluation.survey_submit(enrolment=enrolments[city.teacher.pk], employee=city.teacher, answers=GOOD)
    assert evaluation.surveys_to_answer(city.teacher) == []


# --- Level 2 --------------------------------------------------------------------------------


def test_the_mean_normalised_gain_of_a_session(db):
    people = make_participants(3)
    session = make_session(programme=make_programme(post_test_pass_mark=70), capacity=5)
    from pelatihan import services

    es = [services.enrolment_create(session=session, employee=p, by_hr=True).enrolment for p in people]
    # gains: (80-60)/40 = 0.5 ; (100-50)/50 = 1.0 ; (40-40)/60 = 0.0 → mean 0.5
    changed = evaluation.test_scores_save(session=session, entries={
        es[0].pk: ("60", "80"), es[1].pk: (50, 100), es[2].pk: ("40", "40")})
    assert changed == 3
    learning = evaluation.session_learning(session)
    assert learning["n"] == 3 and learning["gain"] == pytest.approx(0.5)
    assert learning["mean_pre"] == 50 and learning["mean_post"] == pytest.approx(220 / 3)
    assert learning["passed"] == 2  # 80 and 100 reach 70
    assert evaluation.test_scores_save(session=session, entries={es[0].pk: ("60", "80")}) == 0


def test_a_perfect_pre_test_is_left_out_of_the_gain(db):
    people = make_participants(2)
    session = make_session(capacity=5)
    from pelatihan import services

    es = [services.enrolment_create(session=session, employee=p, by_hr=True).enrolment for p in people]
    evaluation.test_scores_save(session=session, entries={es[0].pk: (100, 100), es[1].pk: (20, 60)})
    assert evaluation.session_learning(session)["gain"] == pytest.approx(0.5)


@pytest.mark.parametrize("bad", ["101", "-1", "abc", "7.5"])
def test_scores_outside_0_100_are_refused(db, bad):
    session = make_session(capacity=5)
    from pelatihan import services

    e = services.enrolment_create(session=session, employee=make_participants(1)[0], by_hr=True).enrolment
    with pytest.raises(EvaluationError):
        evaluation.test_scores_save(session=session, entries={e.pk: (bad, "")})


def test_the_post_test_is_frozen_once_it_decided_completion(db, city):
    session, enrolments = finished_session([city.teacher], post_test_pass_mark=None)
    e = enrolments[city.teacher.pk]
    assert evaluation.test_scores_save(session=session, entries={e.pk: ("40", "90")}) == 1  # no pass mark
    programme = make_programme(post_test_pass_mark=60)
    session2, enrolments2 = finished_session([city.fellow_teacher], programme=programme)
    e2 = enrolments2[city.fellow_teacher.pk]
    assert e2.status == EnrolmentStatus.NOT_COMPLETED  # no post-test score
    with pytest.raises(EvaluationError) as exc:
        evaluation.test_scores_save(session=session2, entries={e2.pk: ("40", "90")})
    assert exc.value.code == "frozen"
    assert evaluation.test_scores_save(session=session2, entries={e2.pk: ("40", "")}) == 1  # pre-test still fine


def test_importing_tests_from_csv_is_all_or_nothing(db):
    people = make_participants(2)
    session = make_session(capacity=5)
    from pelatihan import services

    es = [services.enrolment_create(session=session, employee=p, by_hr=True).enrolment for p in people]
    bad = f"nip,pre,post\n{people[0].nip},40,70\n199001012015051999,50,80\n{people[1].nip},30,120\n".encode()
    outcome = evaluation.test_scores_import(session=session, data=bad, filename="tes.csv")
    assert not outcome.ok and [line for line, _m in outcome.errors] == [3, 4]
    es[0].refresh_from_db()
    assert es[0].pre_test_score is None
    good = f"NIP,Pre,Post\n{people[0].nip},40,70\n{people[1].nip},30,\n".encode()
    outcome = evaluation.test_scores_import(session=session, data=good, filename="tes.csv")
    assert outcome.ok and outcome.changed == 2
    es[1].refresh_from_db()
    assert (es[1].pre_test_score, es[1].post_test_score) == (30, None)


# --- Level 3 --------------------------------------------------------------------------------


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


def test_re_evaluation_tasks_appear_on_the_right_day_for_the_right_supervisor(city, trained):
    session, enrolments, indicator, due = trained
    assert evaluation.reevaluation_tasks_create(today=due - dt.timedelta(days=1))["created"] == 0
    assert not ReevaluationTask.objects.exists()
    assert evaluation.reevaluation_tasks_create(today=due)["created"] == 2
    task = ReevaluationTask.objects.get(enrolment=enrolments[city.teacher.pk])
    assert task.due_on == due and task.supervisor == city.school_head
    assert [t.pk for t in evaluation.reevaluation_tasks_for(city.school_head, today=due)] == [task.pk]
    assert not evaluation.reevaluation_tasks_for(city.school_head, today=due - dt.timedelta(days=1)).exists()
    for nobody in (city.head_of_education, city.teacher, city.fellow_teacher, city.nurse):
        assert not evaluation.reevaluation_tasks_for(nobody, today=due).exists()
    # The nurse has no supervisor: her task has nobody yet (HR sees it once overdue).
    assert ReevaluationTask.objects.get(enrolment=enrolments[city.nurse.pk]).supervisor is None
    assert evaluation.reevaluation_tasks_create(today=due + dt.timedelta(days=5))["created"] == 0  # idempotent
    scores = list(task.scores.all())
    assert [(s.indicator_id, s.baseline_score) for s in scores] == [(indicator.pk, 2)]  # 2025, not 2024


def test_the_command_creates_the_tasks_once(city, trained):
    _session, _enrolments, _indicator, due = trained
    call_command("create_reevaluation_tasks", today=due, stdout=open("/dev/null", "w"))
    call_command("create_reevaluation_tasks", today=due, stdout=open("/dev/null", "w"))
    assert ReevaluationTask.objects.count() == 2


def test_an_open_task_follows_the_new_supervisor(city, trained):
    _session, enrolments, _indicator, due = trained
    evaluation.reevaluation_tasks_create(today=due)
    city.teacher.supervisor = city.head_of_education
    city.teacher.save()
    assert evaluation.reevaluation_tasks_create(today=due)["reassigned"] == 1
    assert not evaluation.reevaluation_tasks_for(city.school_head, today=due).exists()
    assert evaluation.reevaluation_tasks_for(city.head_of_education, today=due).count() == 1


def test_the_supervisor_re_assesses_and_the_improvement_is_counted(city, trained):
    _session, enrolments, indicator, due = trained
    evaluation.reevaluation_tasks_create(today=due)
    task = ReevaluationTask.objects.get(enrolment=enrolments[city.teacher.pk])
    with pytest.raises(EvaluationError) as exc:
        evaluation.reevaluation_submit(task=task, supervisor=city.head_of_education, scores={indicator.pk: (4, "")})
    assert exc.value.code == "not_supervisor"
    with pytest.raises(EvaluationError):
        evaluation.reevaluation_submit(task=task, supervisor=city.school_head, scores={indicator.pk: (9, "")})
    evaluation.reevaluation_submit(task=task, supervisor=city.school_head, scores={indicator.pk: (4, "Rutin pakai")})
    assert task.scores.get().improvement == 2
    with pytest.raises(EvaluationError) as exc:
        evaluation.reevaluation_submit(task=task, supervisor=city.school_head, scores={indicator.pk: (4, "")})
    assert exc.value.code == "done"


def test_hr_sees_overdue_tasks(city, trained):
    _session, _enrolments, _indicator, due = trained
    evaluation.reevaluation_tasks_create(today=due)
    assert not evaluation.overdue_reevaluations(today=due + dt.timedelta(days=evaluation.REEVALUATION_ANSWER_DAYS)).exists()
    assert evaluation.overdue_reevaluations(
        today=due + dt.timedelta(days=evaluation.REEVALUATION_ANSWER_DAYS + 1)).count() == 2


# --- Level 4 --------------------------------------------------------------------------------


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
    (row,) = evaluation.level4([programme.pk])
    assert row.indicator_id == indicator.pk and row.baseline.year == 2025 and row.after.year == 2026
    d = row.result
    assert (d.participants.n, d.comparison.n) == (5, 5)
    assert d.participants.before == 2 and d.participants.after == 4
    assert d.comparison.before == pytest.approx(1.6) and d.comparison.after == pytest.approx(2.0)
    assert d.value == pytest.approx(1.6)
    assert not d.too_small and not row.after_closed


def test_a_group_too_small_is_flagged(db):
    programme, _indicator = _did_dataset(n_comparison=3)
    (row,) = evaluation.level4([programme.pk])
    assert row.result.comparison.n == 3 and row.result.too_small


def test_level4_queries_do_not_grow_with_programmes(db, django_assert_max_num_queries):
    programme, _ = _did_dataset()
    for _ in range(3):
        finished_session(make_participants(2), indicators=[make_indicator()], first_day=dt.date(2025, 9, 1))
    with django_assert_max_num_queries(6):
        rows = evaluation.level4()
    assert len(rows) == 4
