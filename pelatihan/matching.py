"""Needs analysis (AKPK) and matching of employees' gaps to training sessions (issue 5).

Reads only. Everything is computed in bulk: the gaps of a period are aggregated in SQL or read
once as tuples, the sessions and their programme→indicator links are read once, and the
scoring runs in Python over dicts. The number of queries does not depend on the number of
employees, scores or sessions (``bench/gap_matching.py`` times it at 5,000 × 30).

Scoring a session for an employee (``WEIGHTS`` below is the one table to tune):

    score = gap_level    × (sum of the employee's gaps on the indicators the programme covers)
          + indicator    × (how many of the employee's gap indicators it covers)
          + jp_shortfall × min(programme JP, JP still missing to this year's target)
          + seats        if a seat is free, else waiting_list (negative: full sessions rank lower,
                         but stay joinable through the waiting list, and the reason says so)
          + soon         × (1 − days until the first meeting / SOON_HORIZON_DAYS), at least 0
          + clash        if it overlaps a session the employee is confirmed for (negative)

Only sessions open for registration now are matched; sessions the employee is not eligible
for (unit, position kind), sessions they are already registered for and programmes they are
already taking or have completed are left out.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Exists, F, OuterRef, QuerySet, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from penilaian import selectors as penilaian_selectors
from penilaian.models import Appraisal, AppraisalPeriod, Employee, Indicator, Score, Unit

from . import rules
from .models import (
    ACTIVE_STATUSES,
    DevelopmentRecord,
    Enrolment,
    EnrolmentStatus,
    Invitation,
    InvitationStatus,
    Programme,
    RecordStatus,
    Session,
)
from .selectors import published_sessions

# The weights of the matching score (see the module docstring). Gap size dominates: a gap of 2
# on one covered indicator (20 + 4) outweighs a free seat, a near date and a JP shortfall
# together; a clash costs about as much as one level of gap plus a covered indicator twice.
WEIGHTS: dict[str, float] = {
    "gap_level": 10.0,
    "indicator": 4.0,
    "jp_shortfall": 0.5,
    "seats": 3.0,
    "waiting_list": -12.0,
    "soon": 6.0,
    "clash": -20.0,
}
SOON_HORIZON_DAYS = 90
DEFAULT_LIMIT = 3

SERVED_COMPLETED = "completed"
SERVED_ENROLLED = "enrolled"


# --- Periods and scope ----------------------------------------------------------------------


def latest_assessed_period() -> AppraisalPeriod | None:
    """The most recent period with supervisor scores: needs analysis normally runs on it."""
    scored = Score.objects.filter(appraisal__period=OuterRef("pk"), supervisor_score__isnull=False)
    return AppraisalPeriod.objects.filter(Exists(scored)).order_by("-end_date").first()


def _gap_scores(period: AppraisalPeriod, unit_ids: set[int] | None, position_kind: str | None) -> QuerySet:
    qs = penilaian_selectors.gap_scores().filter(appraisal__period=period)
    if unit_ids is not None:
        qs = qs.filter(appraisal__unit_id__in=unit_ids)
    if position_kind:
        qs = qs.filter(appraisal__position_kind=position_kind)
    return qs


# --- Needs analysis (AKPK) ------------------------------------------------------------------


@dataclass
class SessionOffer:
    """An upcoming published session of a programme, as the needs page lists it."""

    session: Session
    seats_left: int
    first_date: dt.date | None

    @property
    def full(self) -> bool:
        return self.seats_left <= 0


@dataclass
class ProgrammeOffer:
    programme: Programme
    sessions: list[SessionOffer] = field(default_factory=list)


def _served_subquery(period: AppraisalPeriod, statuses) -> Exists:
    """An enrolment of the score's employee, with one of ``statuses``, in a session (meeting
    on or after the period's start) of a programme that addresses the score's indicator."""
    return Exists(
        Enrolment.objects.filter(
            employee_id=OuterRef("appraisal__employee_id"),
            session__programme__indicators=OuterRef("indicator_id"),
            status__in=list(statuses),
            session__days__date__gte=period.start_date,
        )
    )


def needs_analysis(period: AppraisalPeriod, *, unit: Unit | None = None, position_kind: str | None = None) -> list[dict]:
    """Indicators ranked by the number of employees with a gap (in ``unit`` with its sub-units,
    of ``position_kind``), each with the programmes that address it and their upcoming sessions
    (seats left), and coverage: of the employees with the gap, how many are enrolled (pending,
    confirmed, waiting), completed, or not yet served. A fixed number of queries."""
    ranking = penilaian_selectors.indicators_ranked_by_gap(period, unit=unit, position_kind=position_kind)
    if not ranking:
        return []
    indicator_ids = [r["indicator_id"] for r in ranking]
    unit_ids = penilaian_selectors.unit_subtree_ids(unit) if unit is not None else None

    # Coverage, aggregated in SQL: completed wins over enrolled.
    scope = _gap_scores(period, unit_ids, position_kind).filter(indicator_id__in=indicator_ids)
    completed_q = _served_subquery(period, [EnrolmentStatus.COMPLETED])
    enrolled_q = _served_subquery(period, ACTIVE_STATUSES)
    completed = dict(
        scope.filter(completed_q).values("indicator_id").annotate(n=Count("pk")).values_list("indicator_id", "n")
    )
    enrolled = dict(
        scope.filter(enrolled_q).exclude(completed_q).values("indicator_id").annotate(n=Count("pk"))
        .values_list("indicator_id", "n")
    )

    offers = programmes_for_indicators(indicator_ids)
    for row in ranking:
        row["completed"] = completed.get(row["indicator_id"], 0)
        row["enrolled"] = enrolled.get(row["indicator_id"], 0)
        row["not_served"] = max(0, row["with_gap"] - row["completed"] - row["enrolled"])
        row["served_share"] = (row["completed"] + row["enrolled"]) / row["with_gap"] if row["with_gap"] else 0
        row["programmes"] = offers.get(row["indicator_id"], [])
    return ranking


def programmes_for_indicators(indicator_ids) -> dict[int, list[ProgrammeOffer]]:
    """Per indicator: the active programmes that address it, each with its upcoming published
    sessions (first date, seats left). Three queries whatever the number of indicators."""
    links = list(
        Programme.indicators.through.objects.filter(indicator_id__in=list(indicator_ids), programme__is_active=True)
        .select_related("programme")
        .order_by("programme__title")
    )
    programme_ids = {link.programme_id for link in links}
    sessions_by_programme: dict[int, list[SessionOffer]] = defaultdict(list)
    if programme_ids:
        for s in published_sessions().filter(programme_id__in=programme_ids):
            sessions_by_programme[s.programme_id].append(SessionOffer(s, s.seats_left, s.first_date))
    result: dict[int, list[ProgrammeOffer]] = defaultdict(list)
    for link in links:
        result[link.indicator_id].append(ProgrammeOffer(link.programme, sessions_by_programme.get(link.programme_id, [])))
    return result


def sessions_for_indicator(indicator: Indicator) -> list[Session]:
    """Upcoming published sessions of programmes that address ``indicator`` (the drill-down's
    choice of session for inviting or enrolling)."""
    return list(published_sessions().filter(programme__indicators=indicator, programme__is_active=True))


def employees_with_gap(period: AppraisalPeriod, indicator: Indicator, *, unit: Unit | None = None,
                       position_kind: str | None = None) -> QuerySet:
    """Drill-down: the scores with a gap on ``indicator``, largest gap first, with the employee
    and the unit (the view paginates)."""
    unit_ids = penilaian_selectors.unit_subtree_ids(unit) if unit is not None else None
    return (
        _gap_scores(period, unit_ids, position_kind)
        .filter(indicator=indicator)
        .select_related("appraisal__employee", "appraisal__unit")
        .annotate(gap_size=F("expected_level") - F("supervisor_score"))
        .order_by("-gap_size", "appraisal__employee__name", "pk")
    )


def service_state(period: AppraisalPeriod, indicator: Indicator, employee_ids) -> dict[int, dict]:
    """For the drill-down page's rows: per employee, whether they completed or are enrolled in a
    programme addressing ``indicator`` (since the period started), and their invitations to its
    sessions. Two queries for a page."""
    employee_ids = list(employee_ids)
    state: dict[int, dict] = {pk: {"served": None, "invited": []} for pk in employee_ids}
    rows = (
        Enrolment.objects.filter(
            employee_id__in=employee_ids, session__programme__indicators=indicator,
            status__in=[*ACTIVE_STATUSES, EnrolmentStatus.COMPLETED], session__days__date__gte=period.start_date,
        )
        .values_list("employee_id", "status")
        .distinct()
    )
    for employee_id, status in rows:
        if status == EnrolmentStatus.COMPLETED:
            state[employee_id]["served"] = SERVED_COMPLETED
        elif state[employee_id]["served"] is None:
            state[employee_id]["served"] = SERVED_ENROLLED
    for employee_id, status, session_name, title in Invitation.objects.filter(
        employee_id__in=employee_ids, session__programme__indicators=indicator
    ).values_list("employee_id", "status", "session__name", "session__programme__title"):
        state[employee_id]["invited"].append(
            {"status": InvitationStatus(status).label, "session": f"{title} — {session_name}"})
    return state


# --- Matching -------------------------------------------------------------------------------


@dataclass
class Candidate:
    """A session open for registration, with what the scoring needs."""

    pk: int
    session: Session
    programme_id: int
    title: str
    jp: int
    first_date: dt.date
    seats_left: int
    days: list[tuple[dt.date, dt.time, dt.time]]
    unit_ids: frozenset[int] | None  # None: every unit
    position_kinds: frozenset[str] | None  # None: every position kind
    static_score: float = 0.0
    neg_date: int = 0
    neg_pk: int = 0
    restricted: bool = False


@dataclass
class Match:
    """One recommended session for one employee, with the figures its reason is made of."""

    employee_id: int
    candidate: Candidate
    score: float
    covered: list[tuple[int, int]]  # (indicator id, gap), largest gap first
    jp: int
    jp_target: int
    clashes: list[str]
    indicator_names: dict[int, str]

    @property
    def session(self) -> Session:
        return self.candidate.session

    @property
    def full(self) -> bool:
        return self.candidate.seats_left <= 0

    @property
    def reason(self) -> str:
        """The reason a person can read, in the active language, e.g. "kesenjangan 2 pada
        Literasi Digital; 12 Jan, 8 kursi; 16 JP menuju 20 JP Anda (sudah 4); tidak bentrok"."""
        c = self.candidate
        parts = [
            ", ".join(
                _("gap %(gap)s on %(indicator)s") % {"gap": gap, "indicator": self.indicator_names.get(pk, "?")}
                for pk, gap in self.covered
            )
        ]
        when = formats.date_format(c.first_date, "j M")
        if c.seats_left > 0:
            seats = ngettext("%(n)s seat", "%(n)s seats", c.seats_left) % {"n": c.seats_left}
        else:
            seats = _("full, you join the waiting list")
        parts.append(f"{when}, {seats}")
        if self.jp < self.jp_target:
            parts.append(_("%(jp)s JP towards your %(target)s JP (%(have)s so far)") % {
                "jp": c.jp, "target": self.jp_target, "have": self.jp})
        else:
            parts.append(_("%(jp)s JP (your %(target)s JP this year are already met)") % {
                "jp": c.jp, "target": self.jp_target})
        if self.clashes:
            parts.append(_("clashes with %(sessions)s") % {"sessions": ", ".join(self.clashes)})
        else:
            parts.append(_("no clash"))
        return "; ".join(parts)


@dataclass
class EmployeeMatches:
    """An employee's best sessions. The scoring keeps raw tuples; ``matches`` (with the reason)
    is built only for the rows a page shows, so matching a whole city stays cheap."""

    employee_id: int
    top: list[tuple]  # (score, -first date ordinal, -session pk, candidate, covered, clashes), best first
    total_gap: int
    jp: int
    jp_target: int
    indicator_names: dict[int, str]
    employee: Employee | None = None  # filled for the rows a page shows

    @property
    def best(self) -> float:
        return self.top[0][0] if self.top else float("-inf")

    @cached_property
    def matches(self) -> list[Match]:
        names = self.indicator_names
        return [
            Match(self.employee_id, c, round(score, 1), sorted(covered, key=lambda x: (-x[1], names.get(x[0], ""))),
                  self.jp, self.jp_target, clashes, names)
            for score, _d, _p, c, covered, clashes in self.top
        ]


def _unit_children() -> dict[int | None, list[int]]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in Unit.objects.values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    return children


def _subtree(children, root: int) -> set[int]:
    found, stack = set(), [root]
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, ()))
    return found


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
                allowed |= _subtree(children, unit_id)
            unit_ids = frozenset(allowed)
        days = [(d.date, d.start_time, d.end_time) for d in s._days()]
        c = Candidate(
            pk=s.pk, session=s, programme_id=s.programme_id, title=f"{s.programme.title} — {s.name}", jp=s.programme.jp,
            first_date=s.first_date, seats_left=s.seats_left, days=days, unit_ids=unit_ids,
            position_kinds=frozenset(s.eligible_position_kinds) if s.eligible_position_kinds else None,
        )
        days_until = max(0, (c.first_date - today).days)
        c.static_score = (WEIGHTS["seats"] if c.seats_left > 0 else WEIGHTS["waiting_list"]) + WEIGHTS["soon"] * max(
            0.0, 1 - days_until / SOON_HORIZON_DAYS
        )
        candidates.append(c)
    return candidates


def _clashes(candidate: Candidate, busy: dict[dt.date, list[tuple[dt.time, dt.time, str]]]) -> list[str]:
    titles: list[str] = []
    for date, start, end in candidate.days:
        for b_start, b_end, title in busy.get(date, ()):
            if b_start < end and b_end > start and title not in titles:
                titles.append(title)
    return titles


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
        return _match_period(period, unit=unit, position_kind=position_kind, employee_ids=employee_ids, limit=limit,
                             exclude_invited=exclude_invited, now=now)


def _match_period(period, *, unit, position_kind, employee_ids, limit, exclude_invited, now) -> list[EmployeeMatches]:
    now = now or timezone.now()
    candidates = open_candidates(now)
    links: dict[int, list[int]] = defaultdict(list)  # indicator id -> programme ids
    by_programme: dict[int, list[Candidate]] = defaultdict(list)
    for c in candidates:
        by_programme[c.programme_id].append(c)
    programme_jp = {c.programme_id: c.jp for c in candidates}
    if by_programme:
        for programme_id, indicator_id in Programme.indicators.through.objects.filter(
            programme_id__in=list(by_programme)
        ).values_list("programme_id", "indicator_id"):
            links[indicator_id].append(programme_id)

    unit_ids = penilaian_selectors.unit_subtree_ids(unit) if unit is not None else None
    scores = _gap_scores(period, unit_ids, position_kind).filter(appraisal__employee__is_active=True)
    appraisals = Appraisal.objects.filter(period=period)
    if unit_ids is not None:
        appraisals = appraisals.filter(unit_id__in=unit_ids)
    if position_kind:
        appraisals = appraisals.filter(position_kind=position_kind)
    employees = Employee.objects.filter(is_active=True, pk__in=appraisals.values("employee_id"))
    if employee_ids is not None:
        employee_ids = list(employee_ids)
        scores = scores.filter(appraisal__employee_id__in=employee_ids)
        employees = employees.filter(pk__in=employee_ids)

    gaps: dict[int, dict[int, int]] = defaultdict(dict)
    for employee_id, indicator_id, expected, score in scores.values_list(
        "appraisal__employee_id", "indicator_id", "expected_level", "supervisor_score"
    ).order_by():
        gaps[employee_id][indicator_id] = expected - score
    if not gaps:
        return []
    info = {
        pk: (unit_id, kind, etype)
        for pk, unit_id, kind, etype in employees.values_list("pk", "unit_id", "position_kind", "employee_type").order_by()
    }

    def scoped(qs: QuerySet, field_name: str = "employee_id") -> QuerySet:
        if employee_ids is not None:
            return qs.filter(**{f"{field_name}__in": employee_ids})
        if unit_ids is not None:
            return qs.filter(employee__unit_id__in=unit_ids)
        return qs

    taken_sessions: dict[int, set[int]] = defaultdict(set)
    taken_programmes: dict[int, set[int]] = defaultdict(set)
    for employee_id, session_id, programme_id, status in scoped(
        Enrolment.objects.exclude(status__in=[EnrolmentStatus.CANCELLED, EnrolmentStatus.REJECTED])
    ).values_list("employee_id", "session_id", "session__programme_id", "status").order_by():
        taken_sessions[employee_id].add(session_id)
        if status in ACTIVE_STATUSES or status == EnrolmentStatus.COMPLETED:
            taken_programmes[employee_id].add(programme_id)
    if exclude_invited:
        for employee_id, session_id in scoped(Invitation.objects.all()).values_list("employee_id", "session_id"):
            taken_sessions[employee_id].add(session_id)

    today = timezone.localdate(now)
    busy: dict[int, dict[dt.date, list]] = defaultdict(lambda: defaultdict(list))
    for employee_id, date, start, end, title, name in scoped(
        Enrolment.objects.filter(status=EnrolmentStatus.CONFIRMED, session__days__date__gte=today)
    ).values_list("employee_id", "session__days__date", "session__days__start_time", "session__days__end_time",
                  "session__programme__title", "session__name").order_by():
        busy[employee_id][date].append((start, end, f"{title} — {name}"))

    jp_year = dict(
        scoped(DevelopmentRecord.objects.filter(year=today.year, status=RecordStatus.VERIFIED))
        .values("employee_id").annotate(total=Sum("jp")).values_list("employee_id", "total").order_by()
    )
    names = dict(Indicator.objects.filter(pk__in=list(links)).values_list("pk", "name")) if links else {}

    w_gap, w_ind, w_jp, w_clash = WEIGHTS["gap_level"], WEIGHTS["indicator"], WEIGHTS["jp_shortfall"], WEIGHTS["clash"]
    # A session's score is its programme's part for the employee (gap, indicators, JP) plus the
    # session's own part (seats, date) minus a clash. So each programme has an upper bound
    # (programme part + its best session part): programmes are expanded best bound first, and
    # the expansion stops once the bound cannot beat the current top ``limit``.
    sessions_of: dict[int, list[Candidate]] = {
        pid: sorted(cs, key=lambda c: (c.static_score, -c.first_date.toordinal(), -c.pk), reverse=True)
        for pid, cs in by_programme.items()
    }
    best_static = {pid: cs[0].static_score for pid, cs in sessions_of.items()}
    for c in candidates:
        c.neg_date, c.neg_pk = -c.first_date.toordinal(), -c.pk
        c.restricted = c.position_kinds is not None or c.unit_ids is not None
    targets = {etype: rules.jp_target(etype) for _u, _k, etype in info.values()}
    nothing: tuple = ()
    links_get = links.get
    results: list[EmployeeMatches] = []
    for employee_id, employee_gaps in gaps.items():
        employee_info = info.get(employee_id)
        if employee_info is None:
            continue
        unit_id, kind, etype = employee_info
        target = targets[etype]
        jp = jp_year.get(employee_id, 0)
        shortfall = target - jp if jp < target else 0
        acc: dict[int, list] = {}
        acc_get = acc.get
        for indicator_id, gap in employee_gaps.items():
            for programme_id in links_get(indicator_id, nothing):
                entry = acc_get(programme_id)
                if entry is None:
                    acc[programme_id] = [gap, 1, [(indicator_id, gap)]]
                else:
                    entry[0] += gap
                    entry[1] += 1
                    entry[2].append((indicator_id, gap))
        top: list[tuple] = []
        if acc:
            done = taken_programmes.get(employee_id, nothing)
            taken = taken_sessions.get(employee_id, nothing)
            employee_busy = busy.get(employee_id)
            bounds = []
            for programme_id, (gap_sum, count, covered) in acc.items():
                if programme_id in done:
                    continue
                pjp = programme_jp[programme_id]
                base = w_gap * gap_sum + w_ind * count + w_jp * (shortfall if shortfall < pjp else pjp)
                bounds.append((base + best_static[programme_id], base, programme_id, covered))
            bounds.sort(reverse=True)  # programme ids are unique: the covered lists are never compared
            for bound, base, programme_id, covered in bounds:
                if len(top) >= limit and bound < top[limit - 1][0]:
                    break
                for c in sessions_of[programme_id]:
                    if c.pk in taken:
                        continue
                    if c.restricted and (
                        (c.position_kinds is not None and kind not in c.position_kinds)
                        or (c.unit_ids is not None and unit_id not in c.unit_ids)
                    ):
                        continue
                    clashes = _clashes(c, employee_busy) if employee_busy else []
                    top.append((base + c.static_score + (w_clash if clashes else 0.0), c.neg_date, c.neg_pk, c,
                                covered, clashes))
                # Ties: sooner first, then the older session; (score, -date, -pk) is unique.
                top.sort(reverse=True)
                del top[limit:]
        results.append(EmployeeMatches(employee_id, top, sum(employee_gaps.values()), jp, target, names))
    results.sort(key=_employee_order)
    return results


def _employee_order(row: EmployeeMatches) -> tuple:
    return (-row.best, -row.total_gap, row.employee_id)


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


# --- The employee's own view ----------------------------------------------------------------


def pending_invitations(employee: Employee) -> list[Invitation]:
    """Invitations still waiting for the employee, to sessions not yet started, newest first,
    with the session's seat count."""
    invitations = list(
        Invitation.objects.filter(employee=employee, status=InvitationStatus.INVITED)
        .select_related("session", "session__programme")
        .order_by("-created_at")
    )
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


def recommendations_for_employee(employee: Employee, *, limit: int = DEFAULT_LIMIT, now=None) -> dict:
    """"Rekomendasi untuk Anda": the employee's own pending invitations and the best sessions
    for the gaps of their latest assessed period (sessions they were invited to are not
    repeated). Only ever about ``employee``."""
    invitations = pending_invitations(employee)
    period = penilaian_selectors.latest_assessed_period(employee)
    matches: list[Match] = []
    if period is not None:
        rows = match_period(period, employee_ids=[employee.pk], limit=limit, exclude_invited=True, now=now)
        if rows:
            matches = rows[0].matches
    return {"period": period, "matches": matches, "invitations": invitations}


def gaps_addressed(employee: Employee | None, session: Session) -> list[dict]:
    """The viewer's gaps (latest assessed period) that ``session``'s programme addresses, for
    the workshop page: [{"name", "gap"}], largest first. Two queries; none without an employee."""
    if employee is None:
        return []
    period = penilaian_selectors.latest_assessed_period(employee)
    if period is None:
        return []
    rows = (
        penilaian_selectors.gap_scores()
        .filter(appraisal__employee=employee, appraisal__period=period,
                indicator__programmes=session.programme_id)
        .annotate(gap_size=F("expected_level") - F("supervisor_score"))
        .values_list("indicator__name", "gap_size")
        .order_by("-gap_size", "indicator__name")
    )
    return [{"name": name, "gap": gap} for name, gap in rows]

