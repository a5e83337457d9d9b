"""Levels 1–3 of the post-training evaluation through the services, on real rows: the survey,
the tests and the re-evaluation tasks."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import translation

from pelatihan.exceptions import EvaluationError
from pelatihan.models import EnrolmentStatus, ReevaluationTask, SurveyResponse
from pelatihan.selectors.evaluation import (
    may_answer_survey,
    reevaluation_tasks_for,
)
from pelatihan.services import evaluation as evaluation_services
from pelatihan.services.attendance import attendance_record
from pelatihan.services.completion import session_finish
from pelatihan.services.enrolment import enrolment_create
from pelatihan.services.evaluation import reevaluation_submit, reevaluation_tasks_create, survey_submit
from tests.pelatihan.evaluation_factories import (
    GOOD,
    finished_session,
)
from tests.pelatihan.factories import make_participants, make_programme, make_session
from tests.penilaian.import_files import xlsx_bytes


def test_the_survey_is_answered_once_by_a_participant_who_attended(db, city):
    session, enrolments = finished_session([city.teacher])
    enrolment = enrolments[city.teacher.pk]
    assert enrolment.status == EnrolmentStatus.COMPLETED
    survey_submit(enrolment=enrolment, employee=city.teacher, answers=GOOD, comment="Bagus")
    with pytest.raises(EvaluationError) as exc:
        survey_submit(enrolment=enrolment, employee=city.teacher, answers=GOOD)
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
        survey_submit(enrolment=enrolments[city.teacher.pk], employee=city.nurse, answers=GOOD)
    assert exc.value.code == "not_participant"
    absent = enrolments[city.fellow_teacher.pk]
    assert absent.status == EnrolmentStatus.NOT_COMPLETED
    with pytest.raises(EvaluationError) as exc:  # registered but never came
        survey_submit(enrolment=absent, employee=city.fellow_teacher, answers=GOOD)
    assert exc.value.code == "not_attended"


def test_a_participant_who_attended_one_day_but_did_not_complete_may_answer(db, city):
    # Present on day 1 of 3 only → 33 % < 80 %: not completed, yet attended.

    other = make_participants(1)[0]
    days = [(dt.date.today() - dt.timedelta(days=20 - i), dt.time(8), dt.time(16)) for i in range(3)]
    s = make_session(days=days, capacity=3)
    e = enrolment_create(session=s, employee=other, by_hr=True).enrolment
    for i, day in enumerate(s.days.all()):
        attendance_record(day=day, enrolment=e, status="hadir" if i == 0 else "alpa")
    session_finish(session=s)
    e.refresh_from_db()
    assert e.status == EnrolmentStatus.NOT_COMPLETED
    assert may_answer_survey(e)
    survey_submit(enrolment=e, employee=other, answers=GOOD)


def test_a_confirmed_participant_of_a_session_not_yet_finished_cannot_answer(db, city):

    session = make_session()
    e = enrolment_create(session=session, employee=city.teacher, by_hr=True).enrolment
    with pytest.raises(EvaluationError) as exc:
        survey_submit(enrolment=e, employee=city.teacher, answers=GOOD)
    assert exc.value.code == "not_attended"


def test_answers_outside_1_to_5_are_refused(db, city):
    _s, enrolments = finished_session([city.teacher])
    with pytest.raises(EvaluationError) as exc:
        survey_submit(enrolment=enrolments[city.teacher.pk], employee=city.teacher,
                      answers=GOOD | {"relevance": 6})
    assert exc.value.code == "bad_answer"


@pytest.mark.parametrize("bad", ["101", "-1", "abc", "7.5"])
def test_scores_outside_0_100_are_refused(db, bad):
    session = make_session(capacity=5)

    e = enrolment_create(session=session, employee=make_participants(1)[0], by_hr=True).enrolment
    with pytest.raises(EvaluationError):
        evaluation_services.test_scores_save(session=session, entries={e.pk: (bad, "")})


def test_the_post_test_is_frozen_once_it_decided_completion(db, city):
    session, enrolments = finished_session([city.teacher], post_test_pass_mark=None)
    e = enrolments[city.teacher.pk]
    assert evaluation_services.test_scores_save(session=session, entries={e.pk: ("40", "90")}) == 1  # no pass mark
    programme = make_programme(post_test_pass_mark=60)
    session2, enrolments2 = finished_session([city.fellow_teacher], programme=programme)
    e2 = enrolments2[city.fellow_teacher.pk]
    assert e2.status == EnrolmentStatus.NOT_COMPLETED  # no post-test score
    with pytest.raises(EvaluationError) as exc:
        evaluation_services.test_scores_save(session=session2, entries={e2.pk: ("40", "90")})
    assert exc.value.code == "frozen"
    assert evaluation_services.test_scores_save(session=session2, entries={e2.pk: ("40", "")}) == 1  # pre-test still fine


def test_importing_tests_from_csv_is_all_or_nothing(db):
    people = make_participants(2)
    session = make_session(capacity=5)

    es = [enrolment_create(session=session, employee=p, by_hr=True).enrolment for p in people]
    bad = f"nip,pre,post\n{people[0].nip},40,70\n199001012015051999,50,80\n{people[1].nip},30,120\n".encode()
    outcome = evaluation_services.test_scores_import(session=session, data=bad, filename="tes.csv")
    assert not outcome.ok and [line for line, _m in outcome.errors] == [3, 4]
    es[0].refresh_from_db()
    assert es[0].pre_test_score is None
    good = f"NIP,Pre,Post\n{people[0].nip},40,70\n{people[1].nip},30,\n".encode()
    outcome = evaluation_services.test_scores_import(session=session, data=good, filename="tes.csv")
    assert outcome.ok and outcome.changed == 2
    es[1].refresh_from_db()
    assert (es[1].pre_test_score, es[1].post_test_score) == (30, None)


@pytest.mark.parametrize("row", [["NIP", "=20+20", 70], ["NIP", 40, '=HYPERLINK("http://x","70")'],
                                 ['=HYPERLINK("http://x","y")', 40, 70]])
def test_a_formula_in_a_test_result_is_a_line_error_not_a_blank(db, row):
    """The defect: the formula read as blank, so the row imported as "not taken"."""
    person = make_participants(1)[0]
    session = make_session(capacity=5)
    enrolment = enrolment_create(session=session, employee=person, by_hr=True).enrolment
    evaluation_services.test_scores_save(session=session, entries={enrolment.pk: (35, 65)})
    data = xlsx_bytes([["nip", "pre", "post"], [person.nip if c == "NIP" else c for c in row]])
    with translation.override("id"):
        outcome = evaluation_services.test_scores_import(session=session, data=data, filename="tes.xlsx")
    assert [line for line, _m in outcome.errors] == [2] and "rumus" in outcome.errors[0][1]
    enrolment.refresh_from_db()
    assert (enrolment.pre_test_score, enrolment.post_test_score) == (35, 65)
    csv_outcome = evaluation_services.test_scores_import(session=session, data=f"nip,pre,post\n{person.nip},=2+2,70\n"
                                                         .encode(), filename="tes.csv")
    assert not csv_outcome.ok


def test_a_malformed_nip_in_a_test_file_says_what_is_wrong(db):
    session = make_session(capacity=5)
    with translation.override("id"):
        outcome = evaluation_services.test_scores_import(session=session, data=b"nip,pre,post\n198609322015051001,40,70\n",
                                                         filename="tes.csv")
    assert "tanggal lahir" in outcome.errors[0][1]


def test_re_evaluation_tasks_appear_on_the_right_day_for_the_right_supervisor(city, trained):
    session, enrolments, indicator, due = trained
    assert reevaluation_tasks_create(today=due - dt.timedelta(days=1))["created"] == 0
    assert not ReevaluationTask.objects.exists()
    assert reevaluation_tasks_create(today=due)["created"] == 2
    task = ReevaluationTask.objects.get(enrolment=enrolments[city.teacher.pk])
    assert task.due_on == due and task.supervisor == city.school_head
    assert [t.pk for t in reevaluation_tasks_for(city.school_head, today=due)] == [task.pk]
    assert not reevaluation_tasks_for(city.school_head, today=due - dt.timedelta(days=1)).exists()
    for nobody in (city.head_of_education, city.teacher, city.fellow_teacher, city.nurse):
        assert not reevaluation_tasks_for(nobody, today=due).exists()
    # The nurse has no supervisor: her task has nobody yet (HR sees it once overdue).
    assert ReevaluationTask.objects.get(enrolment=enrolments[city.nurse.pk]).supervisor is None
    assert reevaluation_tasks_create(today=due + dt.timedelta(days=5))["created"] == 0  # idempotent
    scores = list(task.scores.all())
    assert [(s.indicator_id, s.baseline_score) for s in scores] == [(indicator.pk, 2)]  # 2025, not 2024


def test_the_command_creates_the_tasks_once(city, trained):
    _session, _enrolments, _indicator, due = trained
    call_command("create_reevaluation_tasks", today=due, stdout=open("/dev/null", "w"))
    call_command("create_reevaluation_tasks", today=due, stdout=open("/dev/null", "w"))
    assert ReevaluationTask.objects.count() == 2


def test_an_open_task_follows_the_new_supervisor(city, trained):
    _session, enrolments, _indicator, due = trained
    reevaluation_tasks_create(today=due)
    city.teacher.supervisor = city.head_of_education
    city.teacher.save()
    assert reevaluation_tasks_create(today=due)["reassigned"] == 1
    assert not reevaluation_tasks_for(city.school_head, today=due).exists()
    assert reevaluation_tasks_for(city.head_of_education, today=due).count() == 1


def test_the_supervisor_re_assesses_and_the_improvement_is_counted(city, trained):
    _session, enrolments, indicator, due = trained
    reevaluation_tasks_create(today=due)
    task = ReevaluationTask.objects.get(enrolment=enrolments[city.teacher.pk])
    with pytest.raises(EvaluationError) as exc:
        reevaluation_submit(task=task, supervisor=city.head_of_education, scores={indicator.pk: (4, "")})
    assert exc.value.code == "not_supervisor"
    with pytest.raises(EvaluationError):
        reevaluation_submit(task=task, supervisor=city.school_head, scores={indicator.pk: (9, "")})
    reevaluation_submit(task=task, supervisor=city.school_head, scores={indicator.pk: (4, "Rutin pakai")})
    assert task.scores.get().improvement == 2
    with pytest.raises(EvaluationError) as exc:
        reevaluation_submit(task=task, supervisor=city.school_head, scores={indicator.pk: (4, "")})
    assert exc.value.code == "done"
