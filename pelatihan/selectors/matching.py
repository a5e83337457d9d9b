"""What pages read from the matching: the best sessions per employee for a period (HR's matching
page), one session's match for chosen employees (the reason an invitation carries), the
employee's own recommendations and the gaps a workshop page's session addresses.

Reads only: ``matching.data`` loads in bulk, ``matching.engine`` scores in Python over dicts.
"""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager

from django.db.models import F
from django.utils import timezone

from penilaian.models import AppraisalPeriod, Employee, Unit
from penilaian.selectors import gaps as gap_selectors

from ..matching import data, offer_cache
from ..matching.engine import DEFAULT_LIMIT, EmployeeMatches, Match, Offer, rank
from ..models import Invitation, Session
from .enrolment import invitations_of, my_enrolments, pending_invitations
from .history import jp_in_year


@contextmanager
def _cyclic_gc_paused():
    """The scoring allocates some 100,000 small tuples, lists and dicts with no reference cycles;
    left on, Python's cyclic collector would walk the whole process heap many times over while
    they are made (measured: about a third of the matching time). Reference counting still frees
    everything; the collector resumes afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def match_period(
    period: AppraisalPeriod,
    *,
    unit: Unit | None = None,
    position_kind: str | None = None,
    employee_ids=None,
    limit: int = DEFAULT_LIMIT,
    exclude_invited: bool = False,
    now: dt.datetime | None = None,
) -> list[EmployeeMatches]:
    """For every active employee with a gap in ``period`` (in ``unit`` with its sub-units, of
    ``position_kind``, or among ``employee_ids``): the ``limit`` best sessions open for
    registration, best first. Employees are ordered by their best match, then by total gap.
    Employees without any matching session are listed too (with no matches), last.
    A fixed number of queries (about ten) whatever the size of the city."""
    with _cyclic_gc_paused():
        now = now or timezone.now()
        scope = data.Scope.of(period, unit=unit, position_kind=position_kind, employee_ids=employee_ids)
        population = data.load_population(scope, today=timezone.localdate(now), exclude_invited=exclude_invited)
        if population is None:
            return []
        return rank(population, open_offer(now), limit=limit)


def open_offer(now: dt.datetime) -> Offer:
    """The sessions open for registration at ``now``, scored apart from the employee."""
    candidates = data.open_candidates(now)
    links = data.programme_links({c.programme_id for c in candidates})
    return Offer.of(candidates, links, data.indicator_names(links))


def attach_employees(rows: list[EmployeeMatches]) -> list[EmployeeMatches]:
    """Fill ``employee`` (with the unit) for the rows a page shows: one query."""
    employees = Employee.objects.select_related("unit").in_bulk([r.employee_id for r in rows])
    for r in rows:
        r.employee = employees.get(r.employee_id)
    return rows


def invitations_by_pair(employee_ids) -> dict[tuple[int, int], str]:
    """(employee id, session id) → invitation status, for marking rows already invited."""
    return {
        (e, s): status
        for e, s, status in Invitation.objects.filter(employee_id__in=list(employee_ids)).values_list(
            "employee_id", "session_id", "status"
        )
    }


def explain(period: AppraisalPeriod, session: Session, employee_ids, *, now=None) -> dict[int, Match]:
    """The match (score and reason) of one session for each of ``employee_ids``; employees for
    whom the session is not a match (no gap it addresses, not eligible, already registered,
    registration closed) are absent. Used when HR invites, to write the reason down."""
    rows = match_period(period, employee_ids=employee_ids, limit=1000, now=now)
    found = {}
    for row in rows:
        for m in row.matches:
            if m.candidate.pk == session.pk:
                found[row.employee_id] = m
    return found


_LOOK_UP = object()


def recommendations_for_employee(employee: Employee, *, limit: int = DEFAULT_LIMIT, now=None, period=_LOOK_UP,
                                 enrolments: list | None = None, jp_year: int | None = None,
                                 gaps: dict[int, int] | None = None) -> dict:
    """"Rekomendasi untuk Anda": the employee's own pending invitations and the best sessions
    for the gaps of their latest assessed period (sessions they were invited to are not
    repeated). Only ever about ``employee``. The dashboard passes what it already read: the
    latest assessed ``period`` (None: not assessed yet), all the employee's ``enrolments`` as
    ``my_enrolments`` reads them, their verified JP this year and their matching ``gaps`` in
    ``period`` (``matching_gaps_of``; only for an active employee)."""
    invited = invitations_of(employee)
    invitations = pending_invitations(employee, invitations=invited)
    if period is _LOOK_UP:
        period = gap_selectors.latest_assessed_period(employee)
    matches: list[Match] = []
    if period is not None:
        with _cyclic_gc_paused():
            explicit_now = now is not None
            now = now or timezone.now()
            today = timezone.localdate(now)
            population = data.employee_population(
                employee, period, today=today,
                enrolments=my_enrolments(employee) if enrolments is None else enrolments,
                invited_session_ids={i.session_id for i in invited},
                jp_year=jp_in_year(employee, today.year) if jp_year is None else jp_year, gaps=gaps,
            )
            if population is not None:
                # The offer at this very moment when asked for one; else the shared one (a minute at most).
                offer = open_offer(now) if explicit_now else offer_cache.cached(now, open_offer)
                rows = rank(population, offer, limit=limit)
                if rows:
                    matches = rows[0].matches
    return {"period": period, "matches": matches, "invitations": invitations}


def gaps_addressed(employee: Employee | None, session: Session) -> list[dict]:
    """The viewer's gaps (latest assessed period) that ``session``'s programme addresses, for
    the workshop page: [{"name", "gap"}], largest first. Two queries; none without an employee."""
    if employee is None:
        return []
    period = gap_selectors.latest_assessed_period(employee)
    if period is None:
        return []
    rows = (
        gap_selectors.matching_gap_scores()
        .filter(appraisal__employee=employee, appraisal__period=period,
                indicator__programmes=session.programme_id)
        .annotate(gap_size=F("expected_level") - F("supervisor_score"))
        .values_list("indicator__name", "gap_size")
        .order_by("-gap_size", "indicator__name")
    )
    return [{"name": name, "gap": gap} for name, gap in rows]
