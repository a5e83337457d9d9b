"""The supervisors' reminders about overdue re-evaluations: one e-mail per supervisor listing
their overdue tasks, at most once a day, through the outbox path, audited."""

import datetime as dt

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from pelatihan.models import ReevaluationReminder, ReevaluationTask
from pelatihan.rules import REEVALUATION_ANSWER_DAYS
from pelatihan.selectors.evaluation import reminder_plan
from pelatihan.services.evaluation import overdue_reminders_send


def _send(today, capture, **kwargs):
    with capture(execute=True):
        return overdue_reminders_send(today=today, **kwargs)


def test_one_mail_per_supervisor_lists_their_overdue_tasks(city, overdue, django_capture_on_commit_callbacks):
    _session, enrolments, today = overdue
    mail.outbox.clear()
    assert _send(today, django_capture_on_commit_callbacks) == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_recipient) == sorted([city.school_head.email, city.head_of_education.email])
    to_head = by_recipient[city.school_head.email]
    assert "2" in to_head.subject
    for employee in (city.teacher, city.fellow_teacher):
        task = ReevaluationTask.objects.get(enrolment=enrolments[employee.pk])
        assert employee.full_name in to_head.body
        assert f"http://testserver{reverse('pelatihan:reevaluation-form', args=[task.pk])}" in to_head.body
    assert f"http://testserver{reverse('pelatihan:reevaluation-list')}" in to_head.body
    assert city.school_head.full_name not in to_head.body.split("\n", 1)[1]  # only their own team is listed
    assert f", {REEVALUATION_ANSWER_DAYS + 3} " in to_head.body  # days since due
    other = by_recipient[city.head_of_education.email]
    assert city.school_head.full_name in other.body and city.teacher.full_name not in other.body
    assert city.nurse.full_name not in "".join(m.body for m in mail.outbox)  # no supervisor: nobody to remind
    entries = ModelLogEntry.objects.filter(action="pelatihan.reevaluation.remind")
    assert entries.count() == 2


def test_two_runs_the_same_day_send_once_and_the_next_day_again(city, overdue, django_capture_on_commit_callbacks):
    _session, _enrolments, today = overdue
    mail.outbox.clear()
    assert _send(today, django_capture_on_commit_callbacks) == 2
    assert _send(today, django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2
    assert ReevaluationReminder.objects.filter(day=today).count() == 2
    assert _send(today + dt.timedelta(days=1), django_capture_on_commit_callbacks) == 2
    assert len(mail.outbox) == 4


def test_a_run_that_loses_the_race_sends_nothing_twice(city, overdue, django_capture_on_commit_callbacks,
                                                       monkeypatch):
    """Another worker wrote the school head's row between this run's plan and its insert."""
    _session, _enrolments, today = overdue
    plan = reminder_plan(today=today)
    ReevaluationReminder.objects.create(supervisor=city.school_head, day=today, tasks=2)
    monkeypatch.setattr("pelatihan.services.evaluation.reminder_plan", lambda today: plan)
    mail.outbox.clear()
    assert _send(today, django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [[city.head_of_education.email]]


def test_a_supervisor_without_overdue_tasks_gets_nothing(city, overdue, django_capture_on_commit_callbacks):
    _session, enrolments, today = overdue
    ReevaluationTask.objects.filter(enrolment=enrolments[city.school_head.pk]).update(done_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    mail.outbox.clear()
    assert _send(today - dt.timedelta(days=4), django_capture_on_commit_callbacks) == 0  # not overdue yet
    assert _send(today, django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [[city.school_head.email]]
    assert not ReevaluationReminder.objects.filter(supervisor=city.head_of_education).exists()


def test_a_supervisor_without_an_address_is_counted_not_reminded(city, overdue, django_capture_on_commit_callbacks):
    _session, _enrolments, today = overdue
    type(city.head_of_education).objects.filter(pk=city.head_of_education.pk).update(email="")
    plan = reminder_plan(today=today)
    assert list(plan.due) == [city.school_head.pk] and plan.tasks == 2
    assert plan.without_email == 1 and plan.without_supervisor == 1
    assert _send(today, django_capture_on_commit_callbacks) == 1
    assert reminder_plan(today=today).reminded_today == 1


def test_the_mail_goes_through_the_outbox(city, overdue, settings, django_capture_on_commit_callbacks):
    from portal.core.models import OutboxMessage  # the outbox backend only in this test

    settings.EMAIL_BACKEND = "portal.core.mail.OutboxBackend"
    _session, _enrolments, today = overdue
    assert _send(today, django_capture_on_commit_callbacks) == 2
    assert OutboxMessage.objects.filter(subject__contains="[Portal Pelatihan]").count() == 2


def test_the_command_and_the_task_remind_once(city, overdue, django_capture_on_commit_callbacks):
    _session, _enrolments, today = overdue
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_overdue_reevaluations", today=today, stdout=open("/dev/null", "w"))
        call_command("remind_overdue_reevaluations", today=today, stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 2


def test_the_schedule_runs_it_every_morning():
    from portal.schedule import JOBS  # the project's schedule: read only here

    (job,) = [j for j in JOBS if j.task == "pelatihan.tasks.remind_overdue_reevaluations"]
    assert job.at == dt.time(7, 30)
