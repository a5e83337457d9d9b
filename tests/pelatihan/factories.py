"""Training factories: a programme, a published session with meeting days, participants, a
completed session; and logging a test client in."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from pelatihan.models import Programme, Session, SessionStatus
from pelatihan.services.attendance import attendance_record
from pelatihan.services.completion import session_finish
from pelatihan.services.enrolment import enrolment_create
from pelatihan.services.sessions import programme_create, session_create
from tests import factories as f

_seq = itertools.count(1)


def make_programme(**fields) -> Programme:
    n = next(_seq)
    defaults = {"code": f"prog-{n}", "title": f"Pelatihan Uji {n}", "jp": 16}
    defaults.update(fields)
    return programme_create(**defaults)


def make_session(*, programme=None, capacity=20, days=None, start_in_days=7, ndays=2, status=SessionStatus.PUBLISHED,
                 **fields) -> Session:
    if days is None:
        first = timezone.localdate() + dt.timedelta(days=start_in_days)
        days = [(first + dt.timedelta(days=i), dt.time(8, 0), dt.time(16, 0)) for i in range(ndays)]
    return session_create(
        programme=programme or make_programme(), name=f"Angkatan {next(_seq)}", days=days, capacity=capacity,
        venue="Aula BKPSDM", status=status, **fields,
    )


def make_participants(n: int, *, unit=None):
    unit = unit or f.make_unit("Dinas Peserta")
    return [f.make_employee(unit=unit) for _ in range(n)]


def login(client, user):
    client.force_login(user)
    return client


def completed_session(hr_user, employee):
    """A session of three days ago the employee attended and completed (a certificate issued)."""
    first = timezone.localdate() - dt.timedelta(days=3)
    session = make_session(days=[(first, dt.time(8), dt.time(16))])
    enrolment = enrolment_create(session=session, employee=employee, by_hr=True).enrolment
    attendance_record(day=session.days.get(), enrolment=enrolment, status="hadir")
    session_finish(session=session, actor=hr_user)
    enrolment.refresh_from_db()
    return session, enrolment


def register(session, employee, **kw):
    """Register ``employee`` for ``session`` (the enrolment service) and return the enrolment."""
    return enrolment_create(session=session, employee=employee, **kw).enrolment


def past_session(ndays=5, **kw):
    """A session whose ``ndays`` meeting days are over."""
    first = timezone.localdate() - dt.timedelta(days=ndays + 1)
    days = [(first + dt.timedelta(days=i), dt.time(8), dt.time(16)) for i in range(ndays)]
    return make_session(days=days, **kw)
