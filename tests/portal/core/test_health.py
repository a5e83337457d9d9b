import datetime as dt

from django.db import OperationalError
from django.utils import timezone

from portal.core import scheduler
from portal.core.models import WorkerHeartbeat


def test_healthz_reports_a_healthy_database(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["status"] == "ok"


def test_healthz_answers_503_when_the_database_is_unreachable(client, db, monkeypatch):
    class UnreachableDatabase:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("portal.core.health.connection", UnreachableDatabase())
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_healthz_is_get_only(client, db):
    assert client.post("/healthz/").status_code == 405


def test_with_queued_tasks_it_reports_the_queue_and_the_heartbeat(client, db, database_tasks):
    from portal.core.tasks import outbox_sweep  # after the settings switch: the database backend

    scheduler.beat("w1", started_at=timezone.now())
    outbox_sweep.enqueue()
    body = client.get("/healthz/").json()
    assert body["status"] == "ok"
    assert body["queue"]["queued"] == 1
    assert body["queue"]["oldest_queued_seconds"] >= 0
    assert body["worker"]["status"] == "ok"
    assert body["worker"]["last_heartbeat_seconds"] <= 1


def test_a_worker_silent_for_over_five_minutes_makes_it_503(client, db, database_tasks):
    scheduler.beat("w1", started_at=timezone.now())
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - dt.timedelta(minutes=5, seconds=5))
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["worker"]["status"] == "silent"


def test_no_worker_ever_seen_is_503_but_liveness_needs_only_the_web_process(client, db, database_tasks):
    assert client.get("/healthz/").status_code == 503
    live = client.get("/healthz/live/")
    assert live.status_code == 200 and live.json() == {"status": "ok"}
