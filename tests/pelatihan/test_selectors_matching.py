"""Matching on real rows (``selectors.matching`` over ``matching.data`` and ``matching.engine``): ranking,
eligibility, clashes, the reason text, recommendations and the workshop page's gaps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import formats, timezone, translation

from pelatihan.matching.engine import WEIGHTS
from pelatihan.models import DevelopmentRecord, RecordSource, RecordStatus
from pelatihan.selectors.matching import gaps_addressed, match_period, recommendations_for_employee
from pelatihan.services.enrolment import enrolment_create
from pelatihan.services.matching import invite
from penilaian.models import PositionKind
from tests import factories as f
from tests.pelatihan.matching_factories import *  # noqa: F403 - the period and indicators fixtures
from tests.pelatihan.matching_factories import give_scores, programme_for, session_for


def top_sessions(period, employee, limit=10):
    rows = match_period(period, employee_ids=[employee.pk], limit=limit)
    return [m.candidate.pk for m in rows[0].matches] if rows else []


def test_the_bigger_gap_and_more_covered_indicators_rank_first(city, period, indicators):
    give_scores(city.teacher, period, {indicators["lit"]: 1, indicators["ped"]: 3, indicators["svc"]: 3})
    only_ped = session_for(programme_for(indicators["ped"]))
    only_lit = session_for(programme_for(indicators["lit"]))
    both = session_for(programme_for(indicators["lit"], indicators["ped"]))
    met = session_for(programme_for(indicators["svc"]))  # no gap there: never recommended

    assert top_sessions(period, city.teacher) == [both.pk, only_lit.pk, only_ped.pk]
    assert met.pk not in top_sessions(period, city.teacher)


def test_the_limit_keeps_the_best(city, period, indicators):
    give_scores(city.teacher, period, {indicators["lit"]: 1})
    programme = programme_for(indicators["lit"])
    sessions = [session_for(programme, start_in_days=7 + i * 10) for i in range(5)]
    assert top_sessions(period, city.teacher, limit=2) == [sessions[0].pk, sessions[1].pk]


def test_sooner_sessions_come_first(city, period, indicators):
    give_scores(city.teacher, period, {indicators["lit"]: 2})
    programme = programme_for(indicators["lit"])
    later = session_for(programme, start_in_days=40)
    sooner = session_for(programme, start_in_days=5)
    assert top_sessions(period, city.teacher) == [sooner.pk, later.pk]


def test_ineligible_sessions_are_left_out(city, period, indicators):
    give_scores(city.teacher, period, {indicators["lit"]: 2})
    give_scores(city.nurse, period, {indicators["lit"]: 2})
    programme = programme_for(indicators["lit"])
    health_only = session_for(programme, eligible_units=[city.dinkes])
    structural_only = session_for(programme, eligible_position_kinds=[PositionKind.PENGAWAS])
    school_district = session_for(programme, eligible_units=[city.disdik])  # the school is a sub-unit

    assert top_sessions(period, city.teacher) == [school_district.pk]
    assert health_only.pk in top_sessions(period, city.nurse)
    assert structural_only.pk not in top_sessions(period, city.nurse)


def test_sessions_not_open_for_registration_are_left_out(city, period, indicators):
    give_scores(city.teacher, period, {indicators["lit"]: 2})
    programme = programme_for(indicators["lit"])
    closed = session_for(programme, registration_closes_at=timezone.now() - dt.timedelta(hours=1))
    not_yet = session_for(programme, registration_opens_at=timezone.now() + dt.timedelta(days=1))
    draft = session_for(programme, status="draft")
    open_ = session_for(programme)
    assert top_sessions(period, city.teacher) == [open_.pk]
    assert {closed.pk, not_yet.pk, draft.pk}.isdisjoint(top_sessions(period, city.teacher))


def test_a_clash_with_a_confirmed_session_is_penalised_and_said(city, period, indicators):
    give_scores(city.teacher, period, {indicators["lit"]: 2})
    busy = session_for(programme_for(indicators["svc"], title="Rapat Kerja"), start_in_days=10)
    enrolment_create(session=busy, employee=city.teacher)
    programme = programme_for(indicators["lit"])
    clashing = session_for(programme, start_in_days=10)  # same days and hours, sooner
    free = session_for(programme, start_in_days=20)

    rows = match_period(period, employee_ids=[city.teacher.pk], limit=5)
    matches = rows[0].matches
    assert [m.candidate.pk for m in matches] == [free.pk, clashing.pk]
    with translation.override("en"):
        assert "no clash" in matches[0].reason
        assert f"clashes with Rapat Kerja — {busy.name}" in matches[1].reason


def test_full_sessions_rank_lower_and_say_waiting_list(city, period, indicators):
    give_scores(city.teacher, period, {indicators["lit"]: 2})
    programme = programme_for(indicators["lit"])
    full = session_for(programme, capacity=1, start_in_days=5)
    enrolment_create(session=full, employee=f.make_employee(unit=city.school))
    later = session_for(programme, capacity=5, start_in_days=30)

    matches = match_period(period, employee_ids=[city.teacher.pk], limit=5)[0].matches
    assert [m.candidate.pk for m in matches] == [later.pk, full.pk]
    assert matches[1].full
    with translation.override("en"):
        assert "full, you join the waiting list" in matches[1].reason


def test_registered_sessions_and_taken_programmes_are_not_recommended_again(city, period, indicators):
    give_scores(city.teacher, period, {indicators["lit"]: 2, indicators["ped"]: 2})
    lit = programme_for(indicators["lit"])
    registered = session_for(lit)
    other_of_same_programme = session_for(lit, start_in_days=30)
    enrolment_create(session=registered, employee=city.teacher)
    ped = session_for(programme_for(indicators["ped"]))
    assert top_sessions(period, city.teacher) == [ped.pk]
    assert other_of_same_programme.pk not in top_sessions(period, city.teacher)


def test_the_jp_shortfall_raises_the_score_and_the_reason_says_when_the_target_is_met(city, period, indicators):
    give_scores(city.teacher, period, {indicators["lit"]: 2})
    give_scores(city.fellow_teacher, period, {indicators["lit"]: 2})
    session = session_for(programme_for(indicators["lit"], jp=16))
    today = timezone.localdate()
    DevelopmentRecord.objects.create(
        employee=city.fellow_teacher, source=RecordSource.EXTERNAL, title="Diklat", route="pelatihan",
        competency_kind="teknis", provider="BKPSDM", start_date=today, end_date=today, year=today.year, jp=24,
        status=RecordStatus.VERIFIED,
    )
    rows = {r.employee_id: r for r in match_period(period, employee_ids=[city.teacher.pk, city.fellow_teacher.pk])}
    needs_jp, has_jp = rows[city.teacher.pk].matches[0], rows[city.fellow_teacher.pk].matches[0]
    assert needs_jp.candidate.pk == has_jp.candidate.pk == session.pk
    assert needs_jp.score - has_jp.score == pytest.approx(WEIGHTS["jp_shortfall"] * 16)
    with translation.override("en"):
        assert "16 JP towards your 20 JP (0 so far)" in needs_jp.reason
        assert "16 JP (your 20 JP this year are already met)" in has_jp.reason


def test_the_reason_reads_like_a_sentence_in_english_and_indonesian(city, period, indicators):
    give_scores(city.teacher, period, {indicators["lit"]: 1, indicators["ped"]: 3})
    session = session_for(programme_for(indicators["lit"], indicators["ped"], jp=12), capacity=8)
    match = match_period(period, employee_ids=[city.teacher.pk])[0].matches[0]
    with translation.override("en"):
        day = formats.date_format(session.start_date, "j M")
        assert match.reason == f"gap 2 on Literasi Digital, gap 1 on Pedagogik; {day}, 8 seats; 12 JP towards your 20 JP (0 so far); no clash"
    with translation.override("id"):
        day = formats.date_format(session.start_date, "j M")
        assert match.reason == (
            f"kesenjangan 2 pada Literasi Digital, kesenjangan 1 pada Pedagogik; {day}, 8 kursi; "
            "12 JP menuju 20 JP Anda (sudah 0); tidak bentrok"
        )


def test_the_whole_period_lists_every_active_employee_with_a_gap_best_first(city, period, indicators):
    give_scores(city.teacher, period, {indicators["lit"]: 1})
    give_scores(city.fellow_teacher, period, {indicators["lit"]: 2})
    give_scores(city.nurse, period, {indicators["svc"]: 2})  # no session for this gap
    give_scores(city.school_head, period, {indicators["lit"]: 3})  # no gap
    inactive = f.make_employee(unit=city.school, is_active=False)
    give_scores(inactive, period, {indicators["lit"]: 1})
    session_for(programme_for(indicators["lit"]))

    rows = match_period(period)
    assert [r.employee_id for r in rows] == [city.teacher.pk, city.fellow_teacher.pk, city.nurse.pk]
    assert rows[-1].matches == []


def test_unit_and_position_filters(city, period, indicators):
    give_scores(city.teacher, period, {indicators["lit"]: 1})
    give_scores(city.nurse, period, {indicators["lit"]: 1})
    session_for(programme_for(indicators["lit"]))
    assert [r.employee_id for r in match_period(period, unit=city.disdik)] == [city.teacher.pk]
    assert [r.employee_id for r in match_period(period, position_kind=PositionKind.PELAKSANA)] == [city.nurse.pk]


def test_recommendations_are_the_employees_own_and_skip_invited_sessions(city, period, indicators, hr_user):

    give_scores(city.teacher, period, {indicators["lit"]: 1})
    give_scores(city.nurse, period, {indicators["svc"]: 1})
    programme = programme_for(indicators["lit"])
    first, second = session_for(programme), session_for(programme, start_in_days=20)
    invite(pairs=[(city.teacher, first)], actor=hr_user, period=period)

    mine = recommendations_for_employee(city.teacher)
    assert [i.session_id for i in mine["invitations"]] == [first.pk]
    assert [m.candidate.pk for m in mine["matches"]] == [second.pk]
    assert all(m.employee_id == city.teacher.pk for m in mine["matches"])
    nurse = recommendations_for_employee(city.nurse)
    assert nurse["invitations"] == [] and nurse["matches"] == []


def test_the_workshop_gaps_are_the_viewers_gaps_the_programme_addresses(city, period, indicators):
    give_scores(city.teacher, period, {indicators["lit"]: 1, indicators["ped"]: 3, indicators["svc"]: 1})
    session = session_for(programme_for(indicators["lit"], indicators["ped"]))
    assert gaps_addressed(city.teacher, session) == [
        {"name": "Literasi Digital", "gap": 2}, {"name": "Pedagogik", "gap": 1}]
    assert gaps_addressed(city.nurse, session) == []
    assert gaps_addressed(None, session) == []


def test_the_shared_offer_of_recommendations_sees_new_sessions_and_registrations_at_once(city, period, indicators):
    """The dashboard's offer is shared between employees for a minute; writes to sessions,
    programmes and registrations forget it."""
    give_scores(city.teacher, period, {indicators["lit"]: 1, indicators["ped"]: 1})
    programme = programme_for(indicators["lit"])
    first = session_for(programme)
    assert [m.candidate.pk for m in recommendations_for_employee(city.teacher)["matches"]] == [first.pk]

    other = session_for(programme_for(indicators["ped"]), start_in_days=20)  # created after the offer was shared
    assert other.pk in [m.candidate.pk for m in recommendations_for_employee(city.teacher)["matches"]]

    seats = {m.candidate.pk: m.candidate.seats_left for m in recommendations_for_employee(city.teacher)["matches"]}
    enrolment_create(employee=city.nurse, session=first, actor=city.nurse.user)
    after = {m.candidate.pk: m.candidate.seats_left for m in recommendations_for_employee(city.teacher)["matches"]}
    assert after[first.pk] == seats[first.pk] - 1
