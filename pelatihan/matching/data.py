"""Loading what the matching engine scores, in bulk: the sessions open for registration (with the
part of their score that does not depend on the employee) and, for a period and a scope, the
employees' gaps, registrations, busy times and JP this year.

The gaps of a period are read once as tuples, the sessions and their programme→indicator links
once; the number of queries does not depend on the number of employees, scores or sessions
(``bench/gap_matching.py`` times it at 5,000 × 30).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet, Sum
from django.utils import timezone

from penilaian.models import Appraisal, AppraisalPeriod, Employee, Indicator, Unit
from penilaian.selectors import gaps as gap_selectors
from penilaian.selectors import register as register_selectors

from ..models import (
    ACTIVE_STATUSES,
    DevelopmentRecord,
    Enrolment,
    EnrolmentStatus,
    Invitation,
    Programme,
    RecordStatus,
    Session,
)
from ..selectors.sessions import published_sessions
from .engine import Busy, Candidate, Population, static_score, subtree

# What a registration means to matching, for the city-wide loaders below and for one employee
# from their own page (``employee_population``): one rule for both.
NOT_TAKEN = (EnrolmentStatus.CANCELLED, EnrolmentStatus.REJECTED)  # free to be recommended again


def takes_programme(status: str) -> bool:
    """Registered and active, or completed: the programme is not recommended again."""
    return status in ACTIVE_STATUSES or status == EnrolmentStatus.COMPLETED


def busy_label(title: str, name: str) -> str:
    """How a confirmed session's day is named when a recommendation clashes with it."""
    return f"{title} — {name}"


def gap_scores(period: AppraisalPeriod, unit_ids: set[int] | None, position_kind: str | None) -> QuerySet:
    """The supervisor scores below the expected level in ``period``, of appraisals in ``unit_ids``
    (None: every unit) and of ``position_kind`` (empty: every kind); appraisals under an open
    objection wait for its decision."""
    qs = gap_selectors.matching_gap_scores().filter(appraisal__period=period)
    if unit_ids is not None:
        qs = qs.filter(appraisal__unit_id__in=unit_ids)
    if position_kind:
        qs = qs.filter(appraisal__position_kind=position_kind)
    return qs


def _unit_children() -> dict[int | None, list[int]]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in Unit.objects.values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    return children


def open_candidates(now: dt.datetime | None = None) -> list[Candidate]:
    """Published sessions whose registration is open now, with their programme's JP, days,
    eligibility and the part of the score that does not depend on the employee. Four queries
    (sessions, their days, eligible units, the unit tree when a session is restricted)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sessions = [s for s in published_sessions().filter(first_date__gte=today) if s.registration_is_open(now)]
    if not sessions:
        return []
    restricted: dict[int, list[int]] = defaultdict(list)
    for session_id, unit_id in Session.eligible_units.through.objects.filter(
        session_id__in=[s.pk for s in sessions]
    ).values_list("session_id", "unit_id"):
        restricted[session_id].append(unit_id)
    children = _unit_children() if restricted else {}
    candidates = []
    for s in sessions:
        unit_ids = None
        if restricted.get(s.pk):
            allowed: set[int] = set()
            for unit_id in restricted[s.pk]:
                allowed |= subtree(children, unit_id)
            unit_ids = frozenset(allowed)
        days = [(d.date, d.start_time, d.end_time) for d in s._days()]
        candidates.append(Candidate(
            pk=s.pk, session=s, programme_id=s.programme_id, title=f"{s.programme.title} — {s.name}", jp=s.programme.jp,
            first_date=s.first_date, seats_left=s.seats_left, days=days, unit_ids=unit_ids,
            position_kinds=frozenset(s.eligible_position_kinds) if s.eligible_position_kinds else None,
            static_score=static_score(seats_left=s.seats_left, first_date=s.first_date, today=today),
        ))
    return candidates


def programme_links(programme_ids) -> dict[int, list[int]]:
    """Indicator id → the ids of those of ``programme_ids`` that address it. One query (none
    without programmes)."""
    links: dict[int, list[int]] = defaultdict(list)
    if programme_ids:
        for programme_id, indicator_id in Programme.indicators.through.objects.filter(
            programme_id__in=list(programme_ids)
        ).values_list("programme_id", "indicator_id"):
            links[indicator_id].append(programme_id)
    return links


def indicator_names(indicator_ids) -> dict[int, str]:
    return dict(Indicator.objects.filter(pk__in=list(indicator_ids)).values_list("pk", "name")) if indicator_ids else {}


@dataclass(frozen=True)
class Scope:
    """Whom a matching run is about: the employees appraised in ``period``, in ``unit_ids`` (None:
    every unit), of ``position_kind`` (empty: every kind), or only ``employee_ids``."""

    period: AppraisalPeriod
    unit_ids: set[int] | None
    position_kind: str | None
    employee_ids: list[int] | None

    @classmethod
    def of(cls, period: AppraisalPeriod, *, unit: Unit | None = None, position_kind: str | None = None,
           employee_ids=None) -> Scope:
        unit_ids = register_selectors.unit_subtree_ids(unit) if unit is not None else None
        return cls(period, unit_ids, position_kind, list(employee_ids) if employee_ids is not None else None)

    def narrow(self, qs: QuerySet, field_name: str = "employee_id") -> QuerySet:
        """Rows about the scope's employees (by their current unit when the scope is a unit)."""
        if self.employee_ids is not None:
            return qs.filter(**{f"{field_name}__in": self.employee_ids})
        if self.unit_ids is not None:
            return qs.filter(employee__unit_id__in=self.unit_ids)
        return qs


def load_population(scope: Scope, *, today: dt.date, exclude_invited: bool = False) -> Population | None:
    """The active employees of ``scope`` with a gap, and what the scoring needs about them; None
    when nobody has a gap. Six queries at most."""
    gaps = _gaps(scope)
    if not gaps:
        return None
    info = _employee_info(scope)
    taken_sessions, taken_programmes = _taken(scope, exclude_invited=exclude_invited)
    return Population(gaps=gaps, info=info, taken_sessions=taken_sessions, taken_programmes=taken_programmes,
                      busy=_busy(scope, today), jp_year=_jp_in_year(scope, today.year))


def employee_population(employee: Employee, period: AppraisalPeriod, *, today: dt.date, enrolments: list[Enrolment],
                        invited_session_ids=(), jp_year: int = 0, gaps: dict[int, int] | None = None) -> Population | None:
    """``load_population`` for one employee from what their own page already read: ``enrolments``
    (all of theirs, with the sessions, programmes and days, as ``my_enrolments`` reads them),
    the sessions they were invited to, their verified JP this year and, for an active employee,
    their matching ``gaps`` in ``period`` (indicator id → gap). One query (the gaps) unless given."""
    if gaps is None:
        gaps = _gaps(Scope(period, None, None, [employee.pk])).get(employee.pk)
    if not gaps:
        return None
    taken_sessions, taken_programmes = set(invited_session_ids), set()
    busy: Busy = defaultdict(list)
    for e in enrolments:
        if e.status in NOT_TAKEN:
            continue
        taken_sessions.add(e.session_id)
        if takes_programme(e.status):
            taken_programmes.add(e.session.programme_id)
        if e.status == EnrolmentStatus.CONFIRMED:
            for day in e.session._days():
                if day.date >= today:
                    busy[day.date].append((day.start_time, day.end_time, busy_label(e.session.programme.title, e.session.name)))
    pk = employee.pk
    # Gaps are read only for an active employee appraised in ``period``: what ``_employee_info`` asks.
    return Population(gaps={pk: gaps}, info={pk: (employee.unit_id, employee.position_kind, employee.employee_type)},
                      taken_sessions={pk: taken_sessions}, taken_programmes={pk: taken_programmes},
                      busy={pk: busy} if busy else {}, jp_year={pk: jp_year} if jp_year else {})


def _gaps(scope: Scope) -> dict[int, dict[int, int]]:
    scores = gap_scores(scope.period, scope.unit_ids, scope.position_kind).filter(appraisal__employee__is_active=True)
    if scope.employee_ids is not None:
        scores = scores.filter(appraisal__employee_id__in=scope.employee_ids)
    gaps: dict[int, dict[int, int]] = defaultdict(dict)
    for employee_id, indicator_id, expected, score in scores.values_list(
        "appraisal__employee_id", "indicator_id", "expected_level", "supervisor_score"
    ).order_by():
        gaps[employee_id][indicator_id] = expected - score
    return gaps


def _employee_info(scope: Scope) -> dict[int, tuple[int, str, str]]:
    appraisals = Appraisal.objects.filter(period=scope.period)
    if scope.unit_ids is not None:
        appraisals = appraisals.filter(unit_id__in=scope.unit_ids)
    if scope.position_kind:
        appraisals = appraisals.filter(position_kind=scope.position_kind)
    employees = Employee.objects.filter(is_active=True, pk__in=appraisals.values("employee_id"))
    if scope.employee_ids is not None:
        employees = employees.filter(pk__in=scope.employee_ids)
    return {
        pk: (unit_id, kind, etype)
        for pk, unit_id, kind, etype in employees.values_list("pk", "unit_id", "position_kind", "employee_type").order_by()
    }


def _taken(scope: Scope, *, exclude_invited: bool) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """Per employee: the sessions they are registered for (and invited to, when ``exclude_invited``),
    and the programmes they are taking or have completed."""
    taken_sessions: dict[int, set[int]] = defaultdict(set)
    taken_programmes: dict[int, set[int]] = defaultdict(set)
    for employee_id, session_id, programme_id, status in scope.narrow(
        Enrolment.objects.exclude(status__in=NOT_TAKEN)
    ).values_list("employee_id", "session_id", "session__programme_id", "status").order_by():
        taken_sessions[employee_id].add(session_id)
        if takes_programme(status):
            taken_programmes[employee_id].add(programme_id)
    if exclude_invited:
        for employee_id, session_id in scope.narrow(Invitation.objects.all()).values_list("employee_id", "session_id"):
            taken_sessions[employee_id].add(session_id)
    return taken_sessions, taken_programmes


def _busy(scope: Scope, today: dt.date) -> dict[int, Busy]:
    busy: dict[int, Busy] = defaultdict(lambda: defaultdict(list))
    for employee_id, date, start, end, title, name in scope.narrow(
        Enrolment.objects.filter(status=EnrolmentStatus.CONFIRMED, session__days__date__gte=today)
    ).values_list("employee_id", "session__days__date", "session__days__start_time", "session__days__end_time",
                  "session__programme__title", "session__name").order_by():
        busy[employee_id][date].append((start, end, busy_label(title, name)))
    return busy


def _jp_in_year(scope: Scope, year: int) -> dict[int, int]:
    return dict(
        scope.narrow(DevelopmentRecord.objects.filter(year=year, status=RecordStatus.VERIFIED))
        .values("employee_id").annotate(total=Sum("jp")).values_list("employee_id", "total").order_by()
    )
