"""Who needs a coaching plan, read back for HR and for the supervisor's team."""

from pelatihan.selectors.coaching import (
    hr_coaching_coverage,
    team_coaching_status,
)
from penilaian.models import Predikat
from tests.pelatihan.evaluation_factories import give_score, make_period, make_plan


def test_hr_sees_who_has_a_plan_and_who_does_not(city, weak):
    give_score(city.fellow_teacher, make_period(2025), weak, 1, predikat=Predikat.KURANG)
    give_score(city.nurse, make_period(2025), weak, 4, predikat=Predikat.BAIK)
    make_plan(city, weak)
    coverage = hr_coaching_coverage()
    assert (coverage["total"], coverage["with_plan"], coverage["without_plan"]) == (2, 1, 1)
    assert {r.employee for r in coverage["rows"]} == {city.teacher, city.fellow_teacher}
    team = team_coaching_status(city.school_head)
    assert {r.employee for r in team} == {city.teacher, city.fellow_teacher}
    assert team_coaching_status(city.head_of_education) == []
