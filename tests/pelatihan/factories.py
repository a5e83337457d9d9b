"""Training factories: a programme, a published session with meeting days, participants."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from pelatihan import services
from pelatihan.models import Programme, Session, SessionStatus
from tests import factories as f

_seq = itertools.count(1)


def make_programme(**fields) -> Programme:
    n = next(_seq)
    defaults = {"code": f"prog-{n}", "title": f"Pelatihan Uji {n}", "jp": 16}
    defaults.update(fields)
    return services.programme_create(**defaults)


def make_session(*, programme=None, capacity=20, days=None, start_in_days=7, ndays=2, status=SessionStatus.PUBLISHED,
                 **fields) -> Session:
    if days is None:
        first = timezone.localdate() + dt.timedelta(days=start_in_days)
        days = [(first + dt.timedelta(days=i), dt.time(8, 0), dt.time(16, 0)) for i in range(ndays)]
    return services.session_create(
        programme=programme or make_programme(), name=f"Angkatan {next(_seq)}", days=days, capacity=capacity,
        venue="Aula BKPSDM", status=status, **fields,
    )


def make_participants(n: int, *, unit=None):
    unit = unit or f.make_unit("Dinas Peserta")
    return [f.make_employee(unit=unit) for _ in range(n)]
