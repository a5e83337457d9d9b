"""The demo's appraisal history tells the gap story (seed_demo, 400 employees)."""

from django.utils import timezone

from penilaian.models import Appraisal, AppraisalPeriod, Employee, PeriodStatus, Unit
from penilaian.selectors import gaps as gap_selectors


def test_the_appraisal_history_tells_the_gap_story(seeded):
    year = timezone.localdate().year
    statuses = dict(AppraisalPeriod.objects.values_list("year", "status"))
    assert statuses == {year - 2: PeriodStatus.CLOSED, year - 1: PeriodStatus.CLOSED, year: PeriodStatus.SELF_EVALUATION}
    for past in (year - 2, year - 1):
        assert not Appraisal.objects.filter(period__year=past, predikat="").exists()
        assert not Appraisal.objects.filter(period__year=past).exclude(status="finalised").exists()
    teachers = Unit.objects.get(code="disdikbud")
    ranking = gap_selectors.indicators_ranked_by_gap(AppraisalPeriod.objects.get(year=year - 2), unit=teachers)
    assert ranking[0]["code"] == "kt-literasi-digital"
    # This year the demo teacher's self-evaluation is open and theirs to fill in; the school
    # head's other subordinates have handed theirs in and wait for the head.
    teacher = Employee.objects.get(email="pegawai@portal.test")
    mine = Appraisal.objects.get(employee=teacher, period__year=year)
    assert mine.status == "draft" and not mine.scores.exclude(self_score=None).exists()
    team = Appraisal.objects.filter(period__year=year, assessor=teacher.supervisor).exclude(employee=teacher)
    assert team.exists() and set(team.values_list("status", flat=True)) == {"self_submitted"}
