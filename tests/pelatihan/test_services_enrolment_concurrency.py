"""Threads race for the last seats on PostgreSQL (SQLite ignores SELECT … FOR UPDATE and
serialises writers on a file lock, so the race cannot be shown there)."""

import threading
import time

import pytest
from django.db import connection, connections

from pelatihan.exceptions import EnrolmentError
from pelatihan.models import Enrolment, Session
from pelatihan.selectors import enrolment as enrolment_selectors
from pelatihan.services import enrolment as enrolment_services
from tests.pelatihan.factories import make_participants, make_session

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite has no row locks (select_for_update is a no-op) — CI runs these on PostgreSQL",
)


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """An earlier transactional test's flush recreates content types with new ids, and the
    process-wide ContentType cache would hand the audit log stale ones in these threads."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


def race(callables):
    barrier = threading.Barrier(len(callables))
    results, errors = [None] * len(callables), []

    def run(i, fn):
        try:
            barrier.wait()
            results[i] = fn()
        except EnrolmentError as exc:
            results[i] = exc.code
        except Exception as exc:  # noqa: BLE001 - collected and asserted on
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(callables)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results, errors


def register(session, employee):
    return lambda: enrolment_services.enrolment_create(session=session, employee=employee).enrolment.status


@pytest.mark.django_db(transaction=True)
def test_exactly_the_capacity_wins_the_last_seats():
    session = make_session(capacity=5)
    people = make_participants(24)
    results, errors = race([register(session, p) for p in people])
    assert errors == []
    assert results.count("confirmed") == 5 and results.count("waiting") == 19
    assert Enrolment.objects.filter(session=session, status="confirmed").count() == 5
    waiting = list(enrolment_selectors.waiting_list(session))
    assert [enrolment_selectors.waiting_position(e) for e in waiting] == list(range(1, 20))
    # Consistent order: the waiting list follows the order in which the lock was granted,
    # which is also the order of the primary keys handed out under it.
    assert [e.pk for e in waiting] == sorted(e.pk for e in waiting)
    assert Enrolment.objects.filter(session=session).count() == 24


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_race_makes_one_registration():
    session = make_session(capacity=5)
    (person,) = make_participants(1)
    results, errors = race([register(session, person) for _ in range(8)])
    assert errors == []
    assert results.count("confirmed") == 1 and results.count("already") == 7
    assert Enrolment.objects.filter(session=session).count() == 1


@pytest.mark.django_db(transaction=True)
def test_control_without_the_lock_the_race_oversells(monkeypatch):
    """pretix keeps such a control: it proves the test above can fail, i.e. that the threads
    really overlap. Without the row lock, and with a pause between counting and writing, every
    thread sees the same free seats."""
    session = make_session(capacity=3)
    people = make_participants(10)
    original = enrolment_services._seat_or_wait

    def slow_seat_or_wait(*args, **kwargs):
        original(*args, **kwargs)
        time.sleep(0.3)

    monkeypatch.setattr(enrolment_services, "lock_session", lambda s: Session.objects.get(pk=s.pk))
    monkeypatch.setattr(enrolment_services, "_seat_or_wait", slow_seat_or_wait)
    results, errors = race([register(session, p) for p in people])
    assert errors == []
    assert results.count("confirmed") > 3  # oversold: the lock is what prevents it


@pytest.mark.django_db(transaction=True)
def test_with_the_lock_the_same_pause_does_not_oversell(monkeypatch):
    session = make_session(capacity=3)
    people = make_participants(10)
    original = enrolment_services._seat_or_wait

    def slow_seat_or_wait(*args, **kwargs):
        original(*args, **kwargs)
        time.sleep(0.05)

    monkeypatch.setattr(enrolment_services, "_seat_or_wait", slow_seat_or_wait)
    results, errors = race([register(session, p) for p in people])
    assert errors == [] and results.count("confirmed") == 3 and results.count("waiting") == 7


@pytest.mark.django_db(transaction=True)
def test_a_cancel_racing_registrations_promotes_exactly_once():
    session = make_session(capacity=2)
    people = make_participants(6)
    first = [enrolment_services.enrolment_create(session=session, employee=p).enrolment for p in people[:3]]  # 2 + 1 waiting
    results, errors = race(
        [lambda: enrolment_services.enrolment_cancel(enrolment=first[0]) and "cancel"]
        + [register(session, p) for p in people[3:]]
    )
    assert errors == []
    assert Enrolment.objects.filter(session=session, status="confirmed").count() == 2
