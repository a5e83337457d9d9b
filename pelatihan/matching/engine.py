"""Matching employees' gaps to training sessions: the scoring, pure (plain data in, plain data
out, no queries). ``matching.data`` loads what it runs on; pages read the results through
``selectors.matching``.

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
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import rules

if TYPE_CHECKING:
    from penilaian.models import Employee

    from ..models import Session


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


# Per employee: meeting date → [(start, end, "programme — session")] of their confirmed sessions.
Busy = dict[dt.date, list[tuple[dt.time, dt.time, str]]]
NOTHING: tuple = ()


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


def static_score(*, seats_left: int, first_date: dt.date, today: dt.date) -> float:
    """The part of a session's score that does not depend on the employee: a free seat (or the
    waiting list) and how soon it starts."""
    days_until = max(0, (first_date - today).days)
    return (WEIGHTS["seats"] if seats_left > 0 else WEIGHTS["waiting_list"]) + WEIGHTS["soon"] * max(
        0.0, 1 - days_until / SOON_HORIZON_DAYS
    )


def subtree(children: dict[int | None, list[int]], root: int) -> set[int]:
    """``root`` and every unit below it, from a parent → children map."""
    found, stack = set(), [root]
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, ()))
    return found


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


@dataclass
class Offer:
    """The sessions open for registration, arranged for the scoring: each programme's sessions
    with the best employee-independent part first, and the programmes addressing each indicator."""

    links: dict[int, list[int]]  # indicator id → programme ids
    names: dict[int, str]  # indicator id → name, for the reasons
    sessions_of: dict[int, list[Candidate]]  # programme id → its sessions, best static score first
    best_static: dict[int, float]  # programme id → its best session's static score
    programme_jp: dict[int, int]

    @classmethod
    def of(cls, candidates: list[Candidate], links: dict[int, list[int]], names: dict[int, str]) -> Offer:
        by_programme: dict[int, list[Candidate]] = defaultdict(list)
        for c in candidates:
            by_programme[c.programme_id].append(c)
            c.neg_date, c.neg_pk = -c.first_date.toordinal(), -c.pk
            c.restricted = c.position_kinds is not None or c.unit_ids is not None
        sessions_of = {
            pid: sorted(cs, key=lambda c: (c.static_score, -c.first_date.toordinal(), -c.pk), reverse=True)
            for pid, cs in by_programme.items()
        }
        return cls(
            links=links, names=names, sessions_of=sessions_of,
            best_static={pid: cs[0].static_score for pid, cs in sessions_of.items()},
            programme_jp={c.programme_id: c.jp for c in candidates},
        )


@dataclass
class Population:
    """The employees to match, as plain data keyed by employee id."""

    gaps: dict[int, dict[int, int]]  # indicator id → gap (expected level − supervisor score)
    info: dict[int, tuple[int, str, str]]  # (unit id, position kind, employee type)
    taken_sessions: dict[int, set[int]]  # registered for (or invited to, when those are left out)
    taken_programmes: dict[int, set[int]]  # being taken or completed
    busy: dict[int, Busy]  # confirmed meeting times from today on
    jp_year: dict[int, int]  # verified JP this year


def rank(population: Population, offer: Offer, *, limit: int = DEFAULT_LIMIT) -> list[EmployeeMatches]:
    """Every employee of ``population`` (those without a register entry left out) with their
    ``limit`` best sessions, best first. Employees are ordered by their best match, then by
    total gap; those without any matching session come last, with no matches."""
    targets = {etype: rules.jp_target(etype) for _u, _k, etype in population.info.values()}
    results: list[EmployeeMatches] = []
    for employee_id, gaps in population.gaps.items():
        info = population.info.get(employee_id)
        if info is None:
            continue
        unit_id, kind, etype = info
        target = targets[etype]
        jp = population.jp_year.get(employee_id, 0)
        top = _best_sessions(
            gaps, unit_id=unit_id, kind=kind, shortfall=target - jp if jp < target else 0,
            taken=population.taken_sessions.get(employee_id, NOTHING),
            done=population.taken_programmes.get(employee_id, NOTHING),
            busy=population.busy.get(employee_id), offer=offer, limit=limit,
        )
        results.append(EmployeeMatches(employee_id, top, sum(gaps.values()), jp, target, offer.names))
    results.sort(key=_employee_order)
    return results


def _covered_programmes(gaps: dict[int, int], links: dict[int, list[int]]) -> dict[int, list]:
    """Programme id → [sum of the gaps it covers, how many gap indicators, [(indicator id, gap)]]."""
    acc: dict[int, list] = {}
    acc_get = acc.get
    links_get = links.get
    for indicator_id, gap in gaps.items():
        for programme_id in links_get(indicator_id, NOTHING):
            entry = acc_get(programme_id)
            if entry is None:
                acc[programme_id] = [gap, 1, [(indicator_id, gap)]]
            else:
                entry[0] += gap
                entry[1] += 1
                entry[2].append((indicator_id, gap))
    return acc


def _programme_bounds(acc: dict[int, list], *, done, shortfall: int, offer: Offer) -> list[tuple]:
    """A session's score is its programme's part for the employee (gap, indicators, JP) plus the
    session's own part (seats, date) minus a clash. So each programme has an upper bound
    (programme part + its best session part): (bound, programme part, programme id, covered),
    best bound first, programmes already taken or completed left out."""
    w_gap, w_ind, w_jp = WEIGHTS["gap_level"], WEIGHTS["indicator"], WEIGHTS["jp_shortfall"]
    bounds = []
    for programme_id, (gap_sum, count, covered) in acc.items():
        if programme_id in done:
            continue
        pjp = offer.programme_jp[programme_id]
        base = w_gap * gap_sum + w_ind * count + w_jp * (shortfall if shortfall < pjp else pjp)
        bounds.append((base + offer.best_static[programme_id], base, programme_id, covered))
    bounds.sort(reverse=True)  # programme ids are unique: the covered lists are never compared
    return bounds


def _eligible(candidate: Candidate, unit_id: int, kind: str) -> bool:
    if candidate.position_kinds is not None and kind not in candidate.position_kinds:
        return False
    return candidate.unit_ids is None or unit_id in candidate.unit_ids


def _best_sessions(gaps: dict[int, int], *, unit_id: int, kind: str, shortfall: int, taken, done, busy: Busy | None,
                   offer: Offer, limit: int) -> list[tuple]:
    """The employee's ``limit`` best sessions as (score, -first date ordinal, -session pk,
    candidate, covered, clashes), best first. Programmes are expanded best bound first, and the
    expansion stops once the bound cannot beat the current top ``limit``."""
    acc = _covered_programmes(gaps, offer.links)
    if not acc:
        return []
    w_clash = WEIGHTS["clash"]
    top: list[tuple] = []
    for bound, base, programme_id, covered in _programme_bounds(acc, done=done, shortfall=shortfall, offer=offer):
        if len(top) >= limit and bound < top[limit - 1][0]:
            break
        for c in offer.sessions_of[programme_id]:
            if c.pk in taken or (c.restricted and not _eligible(c, unit_id, kind)):
                continue
            clashes = _clashes(c, busy) if busy else []
            top.append((base + c.static_score + (w_clash if clashes else 0.0), c.neg_date, c.neg_pk, c, covered, clashes))
        # Ties: sooner first, then the older session; (score, -date, -pk) is unique.
        top.sort(reverse=True)
        del top[limit:]
    return top


def _clashes(candidate: Candidate, busy: Busy) -> list[str]:
    titles: list[str] = []
    for date, start, end in candidate.days:
        for b_start, b_end, title in busy.get(date, ()):
            if b_start < end and b_end > start and title not in titles:
                titles.append(title)
    return titles


def _employee_order(row: EmployeeMatches) -> tuple:
    return (-row.best, -row.total_gap, row.employee_id)
