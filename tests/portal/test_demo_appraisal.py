"""The demo's appraisal history tells the gap story (seed_demo, 400 employees)."""

from penilaian.models import Appraisal, AppraisalPeriod, Employee, PeriodStatus, Unit
from penilaian.selectors import gaps as gap_selectors


def test_the_appraisal_history_tells_the_gap_story(seeded):
    statuses = dict(AppraisalPeriod.objects.values_list("year", "status"))
    assert statuses == {2024: PeriodStatus.CLOSED, 2025: PeriodStatus.CLOSED, 2026: PeriodStatus.SUPERVISOR_ASSESSMENT}
    last_year = AppraisalPeriod.objects.get(year=2025)
    assert not Appraisal.objects.filter(period=last_year, predikat="").exists()
    teachers = Unit.objects.get(code="disdikbud")
    ranking = gap_selectors.indicators_ranked_by_gap(last_year, unit=teachers)
    assert ranking[0]["code"] == "kt-literasi-digital"
    # The demo teacher waits for the school head's assessment this year.
    teacher = Employee.objects.get(email="pegawai@portal.test")
    assert Appraisal.objects.get(employee=teacher, period__year=2026).status == "self_submitted"
