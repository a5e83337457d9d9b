"""The worker for real: ``manage.py worker`` as a separate process with production settings on
PostgreSQL delivers queued mail, claims the schedule, beats, and stops cleanly on SIGTERM."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.mail import send_mail
from django.db import connection

from portal import schedule
from portal.core.models import OutboxMessage, OutboxStatus, ScheduledRun, WorkerHeartbeat

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="a worker process needs a shared database")


def production_env(**extra) -> dict:
    db = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.base", "DEBUG": "0",
        "SECRET_KEY": "worker-test-only-7Hq2Lx9Pw4Mz8Tr1Vb6Nc3Kj5", "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def wait_for(condition, seconds=180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


@pytest.mark.django_db(transaction=True)
def test_the_worker_delivers_mail_runs_the_schedule_and_stops_on_sigterm(settings, outbox_mail, database_tasks):
    send_mail("Pengingat pelatihan", "Besok pukul 08.00", None, ["guru@uji.test"])
    assert OutboxMessage.objects.get().status == OutboxStatus.QUEUED
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--interval", "0.2"], cwd=ROOT, env=production_env(),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        if not wait_for(lambda: worker.poll() is not None or OutboxMessage.objects.get().status == OutboxStatus.SENT) \
                or worker.poll() is not None:
            worker.kill()
            pytest.fail("mail not delivered; the worker said:\n" + worker.communicate()[0][-3000:])
        assert WorkerHeartbeat.objects.count() == 1
        assert wait_for(lambda: ScheduledRun.objects.count() == len(schedule.JOBS))
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, output
    assert "Subject: Pengingat pelatihan" in output  # the console transport printed it
    assert not WorkerHeartbeat.objects.exists()  # a clean stop is not a silent worker
