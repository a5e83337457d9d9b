"""Shared data for the matching and needs-analysis tests: a period with supervisor scores and
indicators with known expected levels, programmes and sessions for them. (No tests here; imported
by the matching and needs-analysis test modules.)"""

from __future__ import annotations

import datetime as dt

import pytest

from penilaian.models import Appraisal, AppraisalPeriod, Indicator, IndicatorKind, PeriodStatus, Score
from tests.pelatihan.factories import make_programme, make_session


@pytest.fixture
def period(db):
    return AppraisalPeriod.objects.create(
        year=2026, kind="annual", name="Penilaian Tahunan 2026", start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31), status=PeriodStatus.SUPERVISOR_ASSESSMENT,
    )


@pytest.fixture
def indicators(db):
    def make(code, name, expected=3, order=0):
        return Indicator.objects.create(code=code, name=name, kind=IndicatorKind.TEKNIS, expected_level=expected,
                                        sort_order=order)

    return {
        "lit": make("uji-literasi", "Literasi Digital", 3, 1),
        "ped": make("uji-pedagogik", "Pedagogik", 4, 2),
        "svc": make("uji-pelayanan", "Pelayanan Publik", 3, 3),
    }


def give_scores(employee, period, scores: dict) -> Appraisal:
    """Supervisor scores for ``employee`` in ``period``: {indicator: score}."""
    appraisal, _c = Appraisal.objects.get_or_create(
        employee=employee, period=period, defaults={"unit": employee.unit, "position_kind": employee.position_kind})
    for indicator, score in scores.items():
        Score.objects.update_or_create(
            appraisal=appraisal, indicator=indicator,
            defaults={"expected_level": indicator.expected_level, "supervisor_score": score, "self_score": score},
        )
    return appraisal


def programme_for(*indicators, jp=16, **fields):
    return make_programme(indicators=list(indicators), jp=jp, **fields)


def session_for(programme, **fields):
    return make_session(programme=programme, **fields)


__all__ = ["period", "indicators", "give_scores", "programme_for", "session_for"]
