"""Shared steps of the appraisal tests: find an appraisal, fill or assess it, grow a team."""

from penilaian.models import Appraisal, Rating
from penilaian.services import appraisal as appraisal_services
from penilaian.services import periods as period_services
from tests import factories as f


def appraisal_of(employee, period):
    return Appraisal.objects.get(employee=employee, period=period)


def all_scores(appraisal, value):
    return {s.indicator_id: {"score": value, "note": "", "evidence_url": ""} for s in appraisal.scores.all()}


def assess(appraisal, actor, value=3, hasil=Rating.MEETS, perilaku="", reason="", submit=True):
    return appraisal_services.assessment_save(
        appraisal=appraisal, actor=actor, scores={s.indicator_id: {"score": value, "note": ""} for s in appraisal.scores.all()},
        feedback="Terus tingkatkan.", rating_hasil_kerja=hasil, rating_perilaku=perilaku, rating_perilaku_reason=reason,
        submit=submit,
    )


def form_data(appraisal, value, **extra):
    data = {f"score_{s.indicator_id}": str(value) for s in appraisal.scores.all()}
    data.update(extra)
    return data


def grow_team(city, period, n):
    """Add n subordinates of the school head (and appraisals for them in the period)."""
    for _ in range(n):
        f.make_employee(unit=city.school, supervisor=city.school_head)
    period_services.appraisals_bulk_open(period=period)
