"""Periodic jobs: each due time claimed once, however many workers tick, and jobs idempotent."""

import datetime as dt
import threading
import zoneinfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection, connections
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from pelatihan.services import enrolment as enrolment_services
from pelatihan.services import notifications
from portal import schedule
from portal.core import scheduler
from portal.core.models import ScheduledRun
from portal.core.scheduler import Job
from tests.pelatihan.factories import make_participants, make_session

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL")
DAILY = Job("harian", "portal.core.tasks.outbox_sweep", at=dt.time(7, 0))
MINUTELY = Job("menit", "portal.core.tasks.outbox_sweep", every=dt.timedelta(minutes=1))


def test_a_daily_job_is_due_from_its_time_until_the_next_day():
    before = dt.datetime(2026, 3, 10, 6, 59, tzinfo=JAKARTA)
    at = dt.datetime(2026, 3, 10, 7, 0, tzinfo=JAKARTA)
    assert DAILY.slot(before) == dt.datetime(2026, 3, 9, 7, 0, tzinfo=JAKARTA)
    assert DAILY.slot(at) == at
    assert DAILY.slot(at + dt.timedelta(hours=23, minutes=59)) == at


def test_an_interval_job_has_one_slot_per_period():
    now = dt.datetime(2026, 3, 10, 7, 0, 42, tzinfo=dt.UTC)
    assert MINUTELY.slot(now) == dt.datetime(2026, 3, 10, 7, 0, tzinfo=dt.UTC)


def test_a_job_needs_exactly_one_of_every_and_at():
    with pytest.raises(ValueError):
        Job("x", "portal.core.tasks.outbox_sweep")


def test_every_job_of_the_schedule_names_a_task():
    for job in schedule.JOBS:
        assert hasattr(import_string(job.task), "enqueue"), job.name


def test_a_slot_runs_once_however_often_the_scheduler_ticks(db, database_tasks):
    now = dt.datetime(2026, 3, 10, 9, 0, tzinfo=JAKARTA)  # 07:00 was missed: caught up once
    assert scheduler.tick([DAILY, MINUTELY], now=now) == ["harian", "menit"]
    assert scheduler.tick([DAILY, MINUTELY], now=now + dt.timedelta(seconds=30)) == []
    assert scheduler.tick([DAILY, MINUTELY], now=now + dt.timedelta(minutes=1)) == ["menit"]
    assert DBTaskResult.objects.count() == 3
    assert ScheduledRun.objects.filter(job="harian").count() == 1


def race(n, fn):
    barrier = threading.Barrier(n)
    results, errors = [None] * n, []

    def run(i):
        try:
            barrier.wait()
            results[i] = fn()
        except Exception as exc:  # noqa: BLE001 - asserted on
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results, errors


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_workers_ticking_at_once_enqueue_each_job_once(database_tasks):
    now = dt.datetime(2026, 3, 10, 7, 0, 5, tzinfo=JAKARTA)
    results, errors = race(2, lambda: scheduler.tick(schedule.JOBS, now=now, worker_id="w"))
    assert not errors
    assert sorted(name for names in results for name in names) == sorted(job.name for job in schedule.JOBS)
    assert ScheduledRun.objects.count() == len(schedule.JOBS)
    assert DBTaskResult.objects.exclude(task_path__startswith="wagtail.").count() == len(schedule.JOBS)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_reminders_at_once_send_each_reminder_once():
    ContentType.objects.clear_cache()  # a transactional test's flush renews content type ids
    today = timezone.localdate()
    session = make_session(capacity=10, start_in_days=1)
    for employee in make_participants(4):
        enrolment_services.enrolment_create(session=session, employee=employee)
    mail.outbox.clear()
    results, errors = race(2, lambda: notifications.send_reminders(today=today))
    assert not errors
    assert sum(results) == 4
    assert len(mail.outbox) == 4
