"""The sessions open for registration, as the employee's dashboard scores them, shared for a
minute: the offer is the same for every employee, and reading it costs five queries.

A version number in the cache is bumped whenever a session, its days, eligible units or
programme, a programme's indicators, an indicator, a unit or a registration (seat counts) is
saved or deleted, so those are seen at once. What can be stale, for ``SECONDS`` at most: a
registration window that opened or closed meanwhile, and changes made with ``QuerySet.update``
or raw SQL (none of the above is written that way). HR's matching page does not use it.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from penilaian.models import Indicator, Unit

from ..models import Enrolment, Programme, Session, SessionDay

SECONDS = 60
VERSION_KEY = "matching:offer:version"


def _version() -> int:
    value = cache.get(VERSION_KEY)
    if value is None:
        cache.add(VERSION_KEY, 1, None)
        value = cache.get(VERSION_KEY, 1)
    return value


def invalidate(**_kwargs) -> None:
    """Forget the shared offer, on every instance sharing the cache."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def cached(now: dt.datetime, load):
    """The offer ``load(now)`` returns, shared until a write bumps the version or ``SECONDS`` pass."""
    key = f"matching:offer:{_version()}:{timezone.localdate(now).isoformat()}"
    offer = cache.get(key)
    if offer is None:
        offer = load(now)
        cache.set(key, offer, SECONDS)
    return offer


for _model in (Session, SessionDay, Programme, Enrolment, Indicator, Unit):
    post_save.connect(invalidate, sender=_model, dispatch_uid=f"matching-offer-save-{_model.__name__}")
    post_delete.connect(invalidate, sender=_model, dispatch_uid=f"matching-offer-delete-{_model.__name__}")
for _through in (Session.eligible_units.through, Programme.indicators.through):
    m2m_changed.connect(invalidate, sender=_through, dispatch_uid=f"matching-offer-m2m-{_through.__name__}")
