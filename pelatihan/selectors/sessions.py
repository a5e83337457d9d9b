"""Reads of sessions that pages, the workshop pages and reports share. Querysets come back with
what their templates need already joined, so list pages do not grow in queries with the data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, IntegerField, Max, Min, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from penilaian.models import Employee, Indicator

from ..models import Enrolment, EnrolmentStatus, Session, SessionStatus


def _annotate(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        confirmed_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.CONFIRMED), distinct=True),
        waiting_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITING), distinct=True),
        first_date=Min("days__date"),
        last_date=Max("days__date"),
    ).annotate(seats_left=Greatest(Value(0), Coalesce("capacity", 0) - Coalesce("confirmed_count", 0),
                                   output_field=IntegerField()))


def sessions_with_counts(qs: QuerySet | None = None) -> QuerySet:
    qs = qs if qs is not None else Session.objects.all()
    return _annotate(qs.select_related("programme")).prefetch_related("days")


def published_sessions(*, indicator: str = "", month: str = "", route: str = "", with_seats: bool = False,
                       upcoming_only: bool = True, session_ids: Iterable[int] | None = None) -> QuerySet:
    """Published sessions with seat counts, filtered as the workshop index and the session list
    filter them: indicator code, month (``YYYY-MM``), route, only those with seats left."""
    qs = Session.objects.filter(status=SessionStatus.PUBLISHED)
    if session_ids is not None:
        qs = qs.filter(pk__in=list(session_ids))
    if indicator:
        qs = qs.filter(programme__indicators__code=indicator)
    if route:
        qs = qs.filter(programme__route=route)
    if month:
        try:
            year, mon = (int(part) for part in month.split("-"))
            qs = qs.filter(days__date__year=year, days__date__month=mon)
        except ValueError:
            pass
    qs = sessions_with_counts(qs.distinct())
    if upcoming_only:
        qs = qs.filter(last_date__gte=timezone.localdate())
    if with_seats:
        qs = qs.filter(seats_left__gt=0)
    return qs.order_by("first_date", "pk")


def session_for_page(session_id: int) -> Session | None:
    """The session a workshop page shows, with counts, days, trainers and indicators."""
    return (
        sessions_with_counts(Session.objects.filter(pk=session_id))
        .prefetch_related("programme__indicators", "trainers")
        .first()
    )


def session_detail(pk: int) -> Session | None:
    return (
        sessions_with_counts(Session.objects.filter(pk=pk))
        .prefetch_related("programme__indicators", "trainers", Prefetch("days"))
        .first()
    )


def seats_left(session: Session) -> int:
    confirmed = session.enrolments.filter(status=EnrolmentStatus.CONFIRMED).count()
    return max(0, session.capacity - confirmed)


def trainer_sessions(user) -> QuerySet:
    return sessions_with_counts(Session.objects.filter(trainers=user).exclude(status=SessionStatus.DRAFT)).order_by(
        "-first_date"
    )


@dataclass
class TrainerAgenda:
    """A trainer's sessions by when they meet. Each session of ``today`` carries its meeting of
    the day as ``today_day``."""

    today: list[Session]
    upcoming: list[Session]
    past: list[Session]


def trainer_agenda(user, *, today: dt.date | None = None, with_past: bool = True) -> TrainerAgenda:
    """Sessions meeting today first (by the hour they start), then upcoming ones (soonest first),
    then past ones (latest first; none when ``with_past`` is off). Cancelled sessions go with the
    past. Two queries."""
    today = today or timezone.localdate()
    agenda = TrainerAgenda([], [], [])
    sessions = trainer_sessions(user)
    if not with_past:
        sessions = sessions.filter(last_date__gte=today, status=SessionStatus.PUBLISHED)
    for session in sessions:
        session.today_day = next((d for d in session.days.all() if d.date == today), None)
        if session.today_day is not None and session.status == SessionStatus.PUBLISHED:
            agenda.today.append(session)
        elif session.first_date and session.first_date > today and session.status == SessionStatus.PUBLISHED:
            agenda.upcoming.append(session)
        else:
            agenda.past.append(session)
    agenda.today.sort(key=lambda s: (s.today_day.start_time, s.pk))
    agenda.upcoming.sort(key=lambda s: (s.first_date, s.pk))
    agenda.past.sort(key=lambda s: (s.last_date or dt.date.min, s.pk), reverse=True)
    return agenda


def feed_enrolments(employee: Employee) -> QuerySet:
    """Every registration of the employee for the private feed, in every state (the feed marks
    each event tentative, confirmed or cancelled, as the e-mailed invitations do). Drafts of
    sessions never reach it."""
    return (
        Enrolment.objects.filter(employee=employee)
        .exclude(session__status=SessionStatus.DRAFT)
        .select_related("session__programme")
        .prefetch_related("session__days")
        .order_by("pk")
    )


def indicators_with_programmes() -> QuerySet:
    """The indicators some programme addresses: the session list's filter choices."""
    return Indicator.objects.filter(programmes__isnull=False).distinct().order_by("name")
