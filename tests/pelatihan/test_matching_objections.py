"""An appraisal under an open objection feeds no training needs or matching until it is decided
(the ratings, and with them the gaps, may still change)."""

from __future__ import annotations

from django.utils import timezone

from pelatihan.selectors.matching import gaps_addressed, match_period
from pelatihan.selectors.needs import employees_with_gap, needs_analysis
from penilaian.models import Objection, ObjectionOutcome, ObjectionStatus
from penilaian.selectors import gaps as gap_selectors
from tests.pelatihan.matching_factories import *  # noqa: F403 - the period and indicators fixtures
from tests.pelatihan.matching_factories import give_scores, programme_for, session_for


def test_an_appraisal_under_objection_waits_outside_matching_until_decided(city, period, indicators):
    under = give_scores(city.teacher, period, {indicators["lit"]: 1})
    give_scores(city.fellow_teacher, period, {indicators["lit"]: 2})
    session = session_for(programme_for(indicators["lit"]))
    objection = Objection.objects.create(appraisal=under, reasons="Nilai tidak sesuai bukti.", submitted_at=timezone.now())

    matched = {row.employee_id for row in match_period(period)}
    assert matched == {city.fellow_teacher.pk}
    assert needs_analysis(period)[0]["with_gap"] == 1
    assert [s.appraisal.employee_id for s in employees_with_gap(period, indicators["lit"])] == [city.fellow_teacher.pk]
    assert gaps_addressed(city.teacher, session) == []
    # The employee's own page still lists their gaps; only the city-wide inputs wait.
    assert len(gap_selectors.gaps_for_employee(city.teacher, period)) == 1

    objection.status, objection.outcome = ObjectionStatus.DECIDED, ObjectionOutcome.UPHELD
    objection.save()
    assert {row.employee_id for row in match_period(period)} == {city.teacher.pk, city.fellow_teacher.pk}
    assert needs_analysis(period)[0]["with_gap"] == 2
    assert gaps_addressed(city.teacher, session) == [{"name": "Literasi Digital", "gap": 2}]
