"""Every evaluation and coaching view: the allowed user, an outsider (403), anonymous (login) and
the wrong method; then the happy paths of the evaluation forms."""

import datetime as dt

import pytest
from django.urls import reverse

from pelatihan.models import SurveyResponse
from pelatihan.rules import SURVEY_CODES

# (url name, args from the world, allowed persona, outsider persona, the method that is wrong)
VIEWS = [
    ("pelatihan:survey-answer", lambda w: [w.enrolment.pk], "employee_user", "colleague_user", "put"),
    ("pelatihan:survey-summary", lambda w: [w.session.pk], "trainer_user", "employee_user", "post"),
    ("pelatihan:tests-sheet", lambda w: [w.session.pk], "trainer_user", "supervisor_user", "put"),
    ("pelatihan:reevaluation-list", lambda w: [], "supervisor_user", "trainer_user", "post"),
    ("pelatihan:reevaluation-form", lambda w: [w.task.pk], "supervisor_user", "indirect_supervisor_user", "put"),
    ("pelatihan:reevaluation-overdue", lambda w: [], "hr_user", "supervisor_user", "post"),
    ("pelatihan:coaching-list", lambda w: [], "supervisor_user", "trainer_user", "post"),
    ("pelatihan:coaching-plan-create", lambda w: [w.plan.employee.nip], "supervisor_user", "indirect_supervisor_user", "put"),
    ("pelatihan:coaching-plan", lambda w: [w.plan.pk], "employee_user", "colleague_user", "post"),
    ("pelatihan:coaching-meeting-record", lambda w: [w.scheduled.pk], "supervisor_user", "employee_user", "put"),
    ("pelatihan:coaching-feedback", lambda w: [w.meeting.pk], "employee_user", "supervisor_user", "put"),
    ("pelatihan:coaching-coverage", lambda w: [], "hr_user", "supervisor_user", "post"),
]


@pytest.mark.parametrize(("name", "args", "allowed", "outsider", "wrong"), VIEWS, ids=[v[0] for v in VIEWS])
def test_every_view_checks_who_asks(client, request, world, name, args, allowed, outsider, wrong):
    url = reverse(name, args=args(world))
    assert client.get(url).status_code == 302  # anonymous → login
    client.force_login(request.getfixturevalue(outsider))
    assert client.get(url).status_code == 403
    client.force_login(request.getfixturevalue(allowed))
    assert client.get(url).status_code == 200
    assert getattr(client, wrong)(url).status_code == 405


def test_post_only_views(client, world, employee_user, supervisor_user, trainer_user, colleague_user):
    create = reverse("pelatihan:coaching-meeting-create", args=[world.plan.pk])
    imp = reverse("pelatihan:tests-import", args=[world.session.pk])
    assert client.post(create).status_code == 302 and "login" in client.post(create)["Location"]
    client.force_login(employee_user)  # the coached employee may see the plan, not schedule
    assert client.post(create, {"route": "coaching"}).status_code == 403
    assert client.post(imp).status_code == 403
    client.force_login(supervisor_user)
    assert client.get(create).status_code == 405
    day = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    response = client.post(create, {"route": "mentoring", "topic": "Berikutnya", "date": day, "start_time": "09:00",
                                    "end_time": "10:30"})
    assert response.status_code == 302 and world.plan.meetings.count() == 3
    client.force_login(trainer_user)
    assert client.get(imp).status_code == 405
    nip = world.enrolment.employee.nip
    upload = _file(f"nip,pre,post\n{nip},35,80\n".encode(), "tes.csv")
    assert client.post(imp, {"file": upload}).status_code == 302
    world.enrolment.refresh_from_db()
    assert world.enrolment.pre_test_score == 35
    bad = _file(b"nip,pre,post\n123,35,80\n", "tes.csv")
    response = client.post(imp, {"file": bad})
    assert response.status_code == 400 and "123" in response.content.decode()


def _file(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_the_participant_answers_the_survey_through_the_form(client, world, employee_user):
    client.force_login(employee_user)
    url = reverse("pelatihan:survey-answer", args=[world.enrolment.pk])
    bad = client.post(url, {"relevance": "4"})
    assert bad.status_code == 400 and not SurveyResponse.objects.exists()
    answers = {code: "5" for code in SURVEY_CODES} | {"comment": "Sangat berguna"}
    assert client.post(url, answers).status_code == 302
    assert SurveyResponse.objects.get().answers["relevance"] == 5
    assert client.post(url, answers).status_code == 400  # once
    assert "already answered" in client.get(url).content.decode() or "sudah" in client.get(url).content.decode()


def test_the_trainer_saves_the_sheet(client, world, trainer_user):
    client.force_login(trainer_user)
    url = reverse("pelatihan:tests-sheet", args=[world.session.pk])
    e = world.enrolment
    assert client.post(url, {f"pre-{e.pk}": "40", f"post-{e.pk}": "70"}).status_code == 302
    e.refresh_from_db()
    assert (e.pre_test_score, e.post_test_score) == (40, 70)
    assert 'data-gain="0.500"' in client.get(url).content.decode()


def test_the_supervisor_submits_the_re_evaluation(client, world, supervisor_user):
    client.force_login(supervisor_user)
    url = reverse("pelatihan:reevaluation-form", args=[world.task.pk])
    i = world.indicator.pk
    assert client.post(url, {f"score-{i}": "7"}).status_code == 400
    assert client.post(url, {f"score-{i}": "4", f"note-{i}": "Rutin"}).status_code == 302
    world.task.refresh_from_db()
    assert world.task.done_at is not None and world.task.scores.get().score == 4
