"""Needs analysis (AKPK): which indicators have the most employees with a gap, what addresses
them and how far the gaps are served; the drill-down to the employees of one indicator. Reads
only, in bulk: a fixed number of queries whatever the size of the city."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, QuerySet

from penilaian.models import AppraisalPeriod, Indicator, Score, Unit
from penilaian.selectors import gaps as gap_selectors
from penilaian.selectors import register as register_selectors

from ..matching.data import gap_scores
from ..models import ACTIVE_STATUSES, Enrolment, EnrolmentStatus, Invitation, InvitationStatus, Programme, Session
from .sessions import published_sessions

SERVED_COMPLETED = "completed"


SERVED_ENROLLED = "enrolled"


def latest_assessed_period() -> AppraisalPeriod | None:
    """The most recent period with supervisor scores: needs analysis normally runs on it."""
    scored = Score.objects.filter(appraisal__period=OuterRef("pk"), supervisor_score__isnull=False)
    return AppraisalPeriod.objects.filter(Exists(scored)).order_by("-end_date").first()


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
    ranking = gap_selectors.indicators_ranked_by_gap(period, unit=unit, position_kind=position_kind)
    if not ranking:
        return []
    indicator_ids = [r["indicator_id"] for r in ranking]
    unit_ids = register_selectors.unit_subtree_ids(unit) if unit is not None else None

    # Coverage, aggregated in SQL: completed wins over enrolled.
    scope = gap_scores(period, unit_ids, position_kind).filter(indicator_id__in=indicator_ids)
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
    unit_ids = register_selectors.unit_subtree_ids(unit) if unit is not None else None
    return (
        gap_scores(period, unit_ids, position_kind)
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
