"""The catalogue and its sessions: programmes, sessions with their meeting days, publishing and
cancelling; and THE lock every seat change holds (``lock_session``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from penilaian.models import Indicator, Unit
from portal.core import roles
from portal.core.audit import record

from ..exceptions import TrainingError
from ..models import ACTIVE_STATUSES, EnrolmentStatus, Programme, Session, SessionDay, SessionStatus
from . import notifications


@transaction.atomic
def programme_create(*, code: str, title: str, jp: int, indicators: Iterable[Indicator] = (), actor=None,
                     **fields) -> Programme:
    programme = Programme(code=code, title=title, jp=jp, **fields)
    programme.full_clean()
    programme.save()
    programme.indicators.set(list(indicators))
    record(programme, "pelatihan.programme.create", actor=actor, data={"code": code, "jp": jp})
    return programme


@transaction.atomic
def session_create(
    *,
    programme: Programme,
    name: str,
    days: Sequence[tuple[dt.date, dt.time, dt.time]],
    capacity: int,
    venue: str = "",
    online_url: str = "",
    registration_opens_at: dt.datetime | None = None,
    registration_closes_at: dt.datetime | None = None,
    approval_required: bool = False,
    trainers: Iterable = (),
    eligible_units: Iterable[Unit] = (),
    eligible_position_kinds: Sequence[str] = (),
    status: str = SessionStatus.DRAFT,
    actor=None,
) -> Session:
    """A session with at least one meeting day. Trainers must be in the Fasilitator group."""
    if not days:
        raise TrainingError(_("A session needs at least one meeting day."), code="no_days")
    session = Session(
        programme=programme, name=name, capacity=capacity, venue=venue, online_url=online_url,
        registration_opens_at=registration_opens_at, registration_closes_at=registration_closes_at,
        approval_required=approval_required, eligible_position_kinds=list(eligible_position_kinds), status=status,
    )
    session.full_clean()
    session.save()
    for date, start, end in days:
        day = SessionDay(session=session, date=date, start_time=start, end_time=end)
        day.full_clean()
        day.save()
    trainers = list(trainers)
    for trainer in trainers:
        if not roles.is_trainer(trainer):
            raise TrainingError(_("%(user)s is not in the Fasilitator group.") % {"user": trainer}, code="not_trainer")
    session.trainers.set(trainers)
    session.eligible_units.set(list(eligible_units))
    record(session, "pelatihan.session.create", actor=actor,
           data={"programme": programme.code, "capacity": capacity, "days": [d[0] for d in days]})
    return session


@transaction.atomic
def session_publish(*, session: Session, actor=None) -> Session:
    session = lock_session(session)
    if session.status != SessionStatus.DRAFT:
        raise TrainingError(_("Only a draft session can be published."), code="bad_state")
    session.status = SessionStatus.PUBLISHED
    session.save(update_fields=["status"])
    record(session, "pelatihan.session.publish", actor=actor)
    return session


@transaction.atomic
def session_cancel(*, session: Session, actor=None) -> Session:
    """HR cancels a session: every active registration is cancelled and told (with a CANCEL .ics)."""
    session = lock_session(session)
    if session.status not in (SessionStatus.DRAFT, SessionStatus.PUBLISHED):
        raise TrainingError(_("This session can no longer be cancelled."), code="bad_state")
    session.status = SessionStatus.CANCELLED
    session.save(update_fields=["status"])
    affected = list(session.enrolments.filter(status__in=ACTIVE_STATUSES))
    for enrolment in affected:
        enrolment.status = EnrolmentStatus.CANCELLED
        enrolment.reason = _("The session was cancelled by BKPSDM.")
        enrolment.waiting_since = None
        enrolment.save(update_fields=["status", "reason", "waiting_since", "updated_at"])
        notifications.queue(notifications.SESSION_CANCELLED, enrolment)
    record(session, "pelatihan.session.cancel", actor=actor, data={"enrolments": len(affected)})
    return session


def lock_session(session: Session) -> Session:
    """THE lock: the session row, ``SELECT … FOR UPDATE``. Everything that hands out or frees a
    confirmed seat holds it, so counting and writing cannot interleave."""
    return Session.objects.select_for_update().get(pk=session.pk)
