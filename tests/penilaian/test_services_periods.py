"""Appraisal periods: the phases, and the appraisals opened with self-evaluation."""

import pytest

from penilaian.exceptions import AppraisalError
from penilaian.models import Appraisal, IndicatorKind, PeriodStatus
from penilaian.services import periods as period_services
from tests.penilaian.appraisal_helpers import appraisal_of


def test_opening_self_evaluation_opens_an_appraisal_for_every_active_employee(period, city):
    assert Appraisal.objects.filter(period=period).count() == 5
    teacher = appraisal_of(city.teacher, period)
    assert teacher.assessor == city.school_head and teacher.approver == city.head_of_education
    codes = set(teacher.scores.values_list("indicator__code", flat=True))
    assert "kt-pedagogik" in codes and "ba-pelayanan" in codes and "kt-kesehatan-masyarakat" not in codes
    assert not any(c.startswith("ba-pelayanan-") for c in codes)  # behaviours guide, not scored


def test_period_moves_only_forward_one_step(period, hr_user):
    with pytest.raises(AppraisalError) as exc:
        period_services.period_advance(period=period, to_status=PeriodStatus.CLOSED, actor=hr_user)
    assert exc.value.code == "wrong_phase"
    period_services.period_advance(period=period, to_status=PeriodStatus.SUPERVISOR_ASSESSMENT, actor=hr_user)
    period_services.period_advance(period=period, to_status=PeriodStatus.CLOSED, actor=hr_user)
    with pytest.raises(AppraisalError):
        period_services.period_advance(period=period, to_status=PeriodStatus.DRAFT, actor=hr_user)


def test_expected_level_differs_by_position_kind(period, city):
    head = appraisal_of(city.head_of_education, period)  # JPT Pratama
    assert head.scores.get(indicator__code="km-kepemimpinan").expected_level == 4
    assert head.scores.filter(indicator__kind=IndicatorKind.PERILAKU).count() == 7
