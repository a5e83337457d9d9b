"""Reads of registrations and invitations: eligibility, clashes, the waiting list, an employee's
own registrations and invitations, the supervisor's approvals (with the gaps each training
addresses and the employee's JP this year)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from penilaian.models import Employee
from penilaian.selectors import gaps as gap_selectors
from penilaian.selectors.register import unit_subtree_ids

from .. import rules
from ..models import (
    ACTIVE_STATUSES,
    CalendarFeed,
    Enrolment,
    EnrolmentStatus,
    Invitation,
    InvitationStatus,
    Session,
    SessionDay,
)
from .history import jp_in_year_by_employee
from .sessions import published_sessions


def is_eligible(session: Session, employee: Employee) -> bool:
    kinds = session.eligible_position_kinds or []
    if kinds and employee.position_kind not in kinds:
        return False
    unit_ids = {u.pk for u in session.eligible_units.all()}
    if unit_ids:
        allowed: set[int] = set()
        for unit in session.eligible_units.all():
            allowed |= unit_subtree_ids(unit)
        return employee.unit_id in allowed
    return True


def clashing_sessions(session: Session, employee: Employee) -> list[Session]:
    """Other sessions the employee is confirmed for whose meeting times overlap this one's."""
    days = list(session.days.all())
    if not days:
        return []
    overlap = Q()
    for day in days:
        overlap |= Q(date=day.date, start_time__lt=day.end_time, end_time__gt=day.start_time)
    session_ids = (
        SessionDay.objects.filter(overlap)
        .filter(session__enrolments__employee=employee, session__enrolments__status=EnrolmentStatus.CONFIRMED)
        .exclude(session=session)
        .values_list("session_id", flat=True)
    )
    return list(Session.objects.filter(pk__in=set(session_ids)).select_related("programme"))


def waiting_position(enrolment: Enrolment) -> int | None:
    """1 for the head of the waiting list; None when not waiting."""
    if enrolment.status != EnrolmentStatus.WAITING:
        return None
    ahead = Enrolment.objects.filter(session_id=enrolment.session_id, status=EnrolmentStatus.WAITING).filter(
        Q(waiting_since__lt=enrolment.waiting_since) | Q(waiting_since=enrolment.waiting_since, pk__lt=enrolment.pk)
    )
    return ahead.count() + 1


def waiting_list(session: Session) -> QuerySet:
    return session.enrolments.filter(status=EnrolmentStatus.WAITING).order_by("waiting_since", "id")


def enrolment_of(session: Session, employee: Employee | None) -> Enrolment | None:
    if employee is None:
        return None
    return Enrolment.objects.filter(session=session, employee=employee).first()


def enrolments_by_session(employee: Employee | None, sessions: Iterable[Session]) -> dict[int, Enrolment]:
    """The employee's registration per session id, for marking a list of sessions. One query."""
    if employee is None:
        return {}
    return {e.session_id: e for e in Enrolment.objects.filter(employee=employee, session__in=[s.pk for s in sessions])}


def calendar_feed_of(employee: Employee) -> CalendarFeed | None:
    """The employee's private calendar feed, if they made one."""
    return CalendarFeed.objects.filter(employee=employee).first()


def my_enrolments(employee: Employee) -> list[Enrolment]:
    """The employee's registrations, newest session first, with the waiting position filled in."""
    enrolments = list(
        Enrolment.objects.filter(employee=employee)
        .select_related("session", "session__programme", "certificate")
        .prefetch_related("session__days")
        .order_by("-session__created_at")
    )
    waiting = [e for e in enrolments if e.status == EnrolmentStatus.WAITING]
    if waiting:
        # One query for all positions: everyone waiting in those sessions.
        queue: dict[int, list[tuple]] = {}
        for pk, session_id, since in Enrolment.objects.filter(
            session_id__in={e.session_id for e in waiting}, status=EnrolmentStatus.WAITING
        ).values_list("pk", "session_id", "waiting_since"):
            queue.setdefault(session_id, []).append((since, pk))
        for e in waiting:
            ordered = sorted(queue[e.session_id])
            e.position = ordered.index((e.waiting_since, e.pk)) + 1
    for e in enrolments:
        e.has_certificate = hasattr(e, "certificate")
    enrolments.sort(key=lambda e: (e.session.start_date or dt.date.max), reverse=True)
    return enrolments


def pending_approvals(supervisor: Employee) -> QuerySet:
    return all_pending_approvals().filter(employee__supervisor=supervisor)


def all_pending_approvals() -> QuerySet:
    return (
        Enrolment.objects.filter(status=EnrolmentStatus.PENDING_APPROVAL)
        .select_related("employee", "employee__unit", "session", "session__programme")
        .prefetch_related("session__days", "session__programme__indicators")
        .order_by("created_at", "pk")
    )


def with_gaps_and_jp(enrolments: list[Enrolment]) -> list[Enrolment]:
    """What the approver weighs, on each registration (read with ``pending_approvals``): ``gaps``,
    the employee's gaps in their latest assessment that the programme addresses, and
    ``jp_year`` / ``jp_target``, verified JP this year against the employee's target. Three
    queries however many."""
    employee_ids = {e.employee_id for e in enrolments}
    gaps = gap_selectors.latest_gaps_by_employee(employee_ids)
    jp = jp_in_year_by_employee(employee_ids, timezone.localdate().year)
    for e in enrolments:
        addressed = {i.pk for i in e.session.programme.indicators.all()}
        e.gaps = [s for s in gaps.get(e.employee_id, []) if s.indicator_id in addressed]
        e.jp_year = jp[e.employee_id]
        e.jp_target = rules.jp_target(e.employee.employee_type)
    return enrolments


def session_enrolments_for_hr(session: Session) -> QuerySet:
    return (
        session.enrolments.select_related("employee", "employee__unit", "certificate")
        .order_by("status", "waiting_since", "pk")
    )


def cancel_preview(session: Session) -> dict:
    """Who cancelling ``session`` touches, for HR's confirmation page (one query): the active
    registrations (``total``, and per status) are cancelled and each is mailed with a calendar
    cancellation; ``no_email`` of them have no address, so the mail cannot reach them."""
    active = Q(status__in=list(ACTIVE_STATUSES))
    no_email = Q(employee__email="") | Q(employee__email__isnull=True)
    return session.enrolments.aggregate(
        total=Count("pk", filter=active),
        confirmed=Count("pk", filter=Q(status=EnrolmentStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=EnrolmentStatus.WAITING)),
        pending_approval=Count("pk", filter=Q(status=EnrolmentStatus.PENDING_APPROVAL)),
        no_email=Count("pk", filter=active & no_email),
    )


def invitations_of(employee: Employee) -> list[Invitation]:
    """All the employee's invitations, whatever their status, newest first. One query."""
    return list(
        Invitation.objects.filter(employee=employee).select_related("session", "session__programme")
        .order_by("-created_at")
    )


def pending_invitations(employee: Employee, *, invitations: list[Invitation] | None = None) -> list[Invitation]:
    """Invitations still waiting for the employee, to sessions not yet started, newest first,
    with the session's seat count (``invitations``: ``invitations_of(employee)`` when already read)."""
    if invitations is None:
        invitations = list(
            Invitation.objects.filter(employee=employee, status=InvitationStatus.INVITED)
            .select_related("session", "session__programme")
            .order_by("-created_at")
        )
    else:
        invitations = [i for i in invitations if i.status == InvitationStatus.INVITED]
    if not invitations:
        return []
    sessions = {s.pk: s for s in published_sessions(session_ids=[i.session_id for i in invitations])}
    registered = set(
        Enrolment.objects.filter(employee=employee, session_id__in=list(sessions))
        .exclude(status__in=[EnrolmentStatus.CANCELLED, EnrolmentStatus.REJECTED])
        .values_list("session_id", flat=True)
    )
    result = []
    for invitation in invitations:
        session = sessions.get(invitation.session_id)
        if session is None or session.pk in registered:
            continue
        invitation.session = session
        result.append(invitation)
    return result
