"""The matching engine on plain data, without a database: the weights table, the ranking, the
rules that leave sessions out, clashes and the waiting list, and the reason text."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from pelatihan.matching.engine import (
    WEIGHTS,
    Candidate,
    Offer,
    Population,
    rank,
    static_score,
    subtree,
)

TODAY = dt.date(2026, 3, 2)
LIT, PED, SVC = 1, 2, 3  # indicator ids


def candidate(pk, programme_id, *, jp=16, in_days=14, seats=5, units=None, kinds=None, hours=(8, 16)) -> Candidate:
    first = TODAY + dt.timedelta(days=in_days)
    return Candidate(
        pk=pk, session=None, programme_id=programme_id, title=f"Pelatihan {programme_id} — Angkatan {pk}", jp=jp,
        first_date=first, seats_left=seats, days=[(first, dt.time(hours[0]), dt.time(hours[1]))],
        unit_ids=frozenset(units) if units else None, position_kinds=frozenset(kinds) if kinds else None,
        static_score=static_score(seats_left=seats, first_date=first, today=TODAY),
    )


def offer(candidates, links) -> Offer:
    return Offer.of(candidates, links, {LIT: "Literasi Digital", PED: "Pedagogik", SVC: "Pelayanan"})


def population(gaps, *, unit=10, kind="pelaksana", etype="pns", taken=None, done=None, busy=None, jp=0) -> Population:
    return Population(
        gaps=gaps, info={pk: (unit, kind, etype) for pk in gaps},
        taken_sessions=taken or {}, taken_programmes=done or {}, busy=busy or {}, jp_year={pk: jp for pk in gaps},
    )


def sessions_of(row) -> list[int]:
    return [c.pk for _s, _d, _p, c, _cov, _cl in row.top]


def test_the_weights_are_one_table():
    assert set(WEIGHTS) == {"gap_level", "indicator", "jp_shortfall", "seats", "waiting_list", "soon", "clash"}
    assert WEIGHTS["waiting_list"] < 0 and WEIGHTS["clash"] < 0


def test_a_free_seat_and_a_near_date_raise_the_static_score():
    soon = static_score(seats_left=3, first_date=TODAY, today=TODAY)
    later = static_score(seats_left=3, first_date=TODAY + dt.timedelta(days=200), today=TODAY)
    full = static_score(seats_left=0, first_date=TODAY, today=TODAY)
    assert soon == WEIGHTS["seats"] + WEIGHTS["soon"] and later == WEIGHTS["seats"]
    assert full == WEIGHTS["waiting_list"] + WEIGHTS["soon"]


def test_the_bigger_gap_and_more_covered_indicators_rank_first():
    cs = [candidate(1, 100), candidate(2, 200), candidate(3, 300)]
    links = {LIT: [100, 300], PED: [200, 300]}
    (row,) = rank(population({7: {LIT: 2, PED: 1}}), offer(cs, links))
    assert sessions_of(row) == [3, 1, 2]  # both gaps; the gap of 2; the gap of 1
    assert row.total_gap == 3 and row.jp_target == 20


def test_the_limit_keeps_the_best():
    cs = [candidate(1, 100), candidate(2, 200), candidate(3, 300)]
    (row,) = rank(population({7: {LIT: 2, PED: 1}}), offer(cs, {LIT: [100, 300], PED: [200, 300]}), limit=1)
    assert sessions_of(row) == [3]


def test_sessions_the_employee_may_not_or_need_not_join_are_left_out():
    cs = [candidate(1, 100, units={99}), candidate(2, 100, kinds={"fungsional"}), candidate(3, 100),
          candidate(4, 200)]
    links = {LIT: [100, 200]}
    (row,) = rank(population({7: {LIT: 2}}, taken={7: {3}}, done={7: {200}}), offer(cs, links))
    assert row.top == [] and row.matches == []


def test_a_unit_includes_its_sub_units():
    children = {None: [1], 1: [2, 3], 3: [4]}
    assert subtree(children, 1) == {1, 2, 3, 4} and subtree(children, 3) == {3, 4}


def test_a_clash_costs_points_and_the_reason_says_so():
    free, clashing = candidate(1, 100, in_days=20, hours=(8, 12)), candidate(2, 200, in_days=20, hours=(13, 15))
    first = clashing.first_date
    busy = {7: {first: [(dt.time(14), dt.time(16), "Rapat Kerja — Angkatan I")]}}
    (row,) = rank(population({7: {LIT: 2}}, busy=busy), offer([free, clashing], {LIT: [100, 200]}))
    assert sessions_of(row) == [1, 2]
    assert row.top[0][0] - row.top[1][0] == -WEIGHTS["clash"]
    with translation.override("en"):
        assert "clashes with Rapat Kerja — Angkatan I" in row.matches[1].reason
        assert "no clash" in row.matches[0].reason


def test_a_full_session_ranks_lower_and_says_waiting_list():
    full, free = candidate(1, 100, seats=0), candidate(2, 200, seats=2)
    (row,) = rank(population({7: {LIT: 2}}), offer([full, free], {LIT: [100, 200]}))
    assert sessions_of(row) == [2, 1] and row.matches[1].full
    with translation.override("en"):
        assert "waiting list" in row.matches[1].reason and "2 seats" in row.matches[0].reason


def test_employees_are_ordered_by_their_best_match_and_those_without_one_come_last():
    cs = [candidate(1, 100)]
    rows = rank(population({7: {LIT: 1}, 8: {LIT: 3}, 9: {SVC: 2}}), offer(cs, {LIT: [100]}))
    assert [r.employee_id for r in rows] == [8, 7, 9] and rows[2].top == []
