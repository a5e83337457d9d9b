"""The appraisal workflow: period phases, self-evaluation, assessment, finalisation."""

import pytest

from penilaian import selectors, services
from penilaian.exceptions import AppraisalError
from penilaian.models import Appraisal, AppraisalStatus, IndicatorKind, PeriodStatus, Predikat, Rating


def appraisal_of(employee, period):
    return Appraisal.objects.get(employee=employee, period=period)


def all_scores(appraisal, value):
    return {s.indicator_id: {"score": value, "note": "", "evidence_url": ""} for s in appraisal.scores.all()}


@pytest.fixture
def submitted(period, city, employee_user):
    appraisal = appraisal_of(city.teacher, period)
    services.self_evaluation_save(appraisal=appraisal, actor=employee_user, scores=all_scores(appraisal, 4), submit=True)
    return appraisal


def test_opening_self_evaluation_opens_an_appraisal_for_every_active_employee(period, city):
    assert Appraisal.objects.filter(period=period).count() == 5
    teacher = appraisal_of(city.teacher, period)
    assert teacher.assessor == city.school_head and teacher.approver == city.head_of_education
    codes = set(teacher.scores.values_list("indicator__code", flat=True))
    assert "kt-pedagogik" in codes and "ba-pelayanan" in codes and "kt-kesehatan-masyarakat" not in codes
    assert not any(c.startswith("ba-pelayanan-") for c in codes)  # behaviours guide, not scored


def test_period_moves_only_forward_one_step(period, hr_user):
    with pytest.raises(AppraisalError) as exc:
        services.period_advance(period=period, to_status=PeriodStatus.CLOSED, actor=hr_user)
    assert exc.value.code == "wrong_phase"
    services.period_advance(period=period, to_status=PeriodStatus.SUPERVISOR_ASSESSMENT, actor=hr_user)
    services.period_advance(period=period, to_status=PeriodStatus.CLOSED, actor=hr_user)
    with pytest.raises(AppraisalError):
        services.period_advance(period=period, to_status=PeriodStatus.DRAFT, actor=hr_user)


def test_the_employee_submits_a_self_evaluation(submitted):
    submitted.refresh_from_db()
    assert submitted.status == AppraisalStatus.SELF_SUBMITTED and submitted.self_submitted_at


def test_submitting_with_a_missing_score_is_refused_and_saves_nothing(period, city, employee_user):
    appraisal = appraisal_of(city.teacher, period)
    scores = all_scores(appraisal, 3)
    scores[next(iter(scores))]["score"] = None
    with pytest.raises(AppraisalError) as exc:
        services.self_evaluation_save(appraisal=appraisal, actor=employee_user, scores=scores, submit=True)
    assert exc.value.code == "incomplete"
    assert not appraisal.scores.filter(self_score__isnull=False).exists()


def test_nobody_else_fills_an_employees_self_evaluation(period, city, supervisor_user):
    appraisal = appraisal_of(city.teacher, period)
    with pytest.raises(AppraisalError) as exc:
        services.self_evaluation_save(appraisal=appraisal, actor=supervisor_user, scores={}, submit=False)
    assert exc.value.code == "not_owner"


def test_no_self_evaluation_in_a_closed_period(period, city, employee_user, hr_user):
    services.period_advance(period=period, to_status=PeriodStatus.SUPERVISOR_ASSESSMENT, actor=hr_user)
    appraisal = appraisal_of(city.teacher, period)
    with pytest.raises(AppraisalError) as exc:
        services.self_evaluation_save(appraisal=appraisal, actor=employee_user, scores=all_scores(appraisal, 3))
    assert exc.value.code == "wrong_phase"
    services.period_advance(period=period, to_status=PeriodStatus.CLOSED, actor=hr_user)
    appraisal.refresh_from_db()
    with pytest.raises(AppraisalError) as exc:
        services.self_evaluation_save(appraisal=appraisal, actor=employee_user, scores=all_scores(appraisal, 3))
    assert exc.value.code == "closed"


def assess(appraisal, actor, value=3, hasil=Rating.MEETS, perilaku="", reason="", submit=True):
    return services.assessment_save(
        appraisal=appraisal, actor=actor, scores={s.indicator_id: {"score": value, "note": ""} for s in appraisal.scores.all()},
        feedback="Terus tingkatkan.", rating_hasil_kerja=hasil, rating_perilaku=perilaku, rating_perilaku_reason=reason,
        submit=submit,
    )


def test_the_supervisor_assesses_and_the_predikat_follows_the_matrix(submitted, supervisor_user):
    appraisal = assess(submitted, supervisor_user, value=4, hasil=Rating.ABOVE, perilaku=Rating.ABOVE)
    assert appraisal.rating_perilaku_suggested == Rating.ABOVE
    assert appraisal.predikat == Predikat.SANGAT_BAIK and appraisal.status == AppraisalStatus.ASSESSED


def test_changing_the_suggested_perilaku_rating_needs_a_reason(submitted, supervisor_user):
    with pytest.raises(AppraisalError) as exc:
        assess(submitted, supervisor_user, value=3, perilaku=Rating.ABOVE)
    assert exc.value.code == "reason_required"
    appraisal = assess(submitted, supervisor_user, value=3, perilaku=Rating.ABOVE, reason="Inisiatif luar biasa di luar SKP.")
    assert appraisal.rating_perilaku == Rating.ABOVE and appraisal.predikat == Predikat.BAIK


def test_only_the_assessor_of_the_period_assesses(submitted, indirect_supervisor_user, colleague_user):
    for user in (indirect_supervisor_user, colleague_user):
        with pytest.raises(AppraisalError) as exc:
            assess(submitted, user)
        assert exc.value.code == "not_assessor"


def test_the_assessor_is_kept_when_the_supervisor_changes(submitted, city, supervisor_user):
    services.employee_set_supervisor(employee=city.teacher, supervisor=city.head_of_education)
    assert assess(submitted, supervisor_user, perilaku=Rating.MEETS).status == AppraisalStatus.ASSESSED


def test_finalisation_by_the_approver_then_nothing_changes(submitted, supervisor_user, indirect_supervisor_user, employee_user):
    assess(submitted, supervisor_user, perilaku=Rating.MEETS)
    with pytest.raises(AppraisalError):
        services.appraisal_finalise(appraisal=submitted, actor=employee_user)
    services.appraisal_finalise(appraisal=submitted, actor=indirect_supervisor_user)
    submitted.refresh_from_db()
    assert submitted.status == AppraisalStatus.FINALISED
    with pytest.raises(AppraisalError) as exc:
        assess(submitted, supervisor_user, value=1)
    assert exc.value.code == "finalised"


def test_gaps_and_dialogue_prompts(submitted, supervisor_user, city):
    # Self 4 everywhere; the supervisor gives 1 on literasi digital (expected 3): gap 2, difference 3.
    literasi = submitted.scores.get(indicator__code="kt-literasi-digital")
    scores = {s.indicator_id: {"score": 3, "note": ""} for s in submitted.scores.all()}
    scores[literasi.indicator_id]["score"] = 1
    services.assessment_save(appraisal=submitted, actor=supervisor_user, scores=scores)
    gaps = selectors.gaps_for_employee(city.teacher)
    assert [(g.indicator.code, g.gap) for g in gaps] == [("kt-literasi-digital", 2)]
    prompts = selectors.dialogue_prompts(submitted)
    assert {s.indicator.code for s in prompts} == {"kt-literasi-digital"}
    ranking = selectors.indicators_ranked_by_gap(submitted.period)
    assert ranking[0]["code"] == "kt-literasi-digital" and ranking[0]["with_gap"] == 1 and ranking[0]["mean_gap"] == 2


def test_expected_level_differs_by_position_kind(period, city):
    head = appraisal_of(city.head_of_education, period)  # JPT Pratama
    assert head.scores.get(indicator__code="km-kepemimpinan").expected_level == 4
    assert head.scores.filter(indicator__kind=IndicatorKind.PERILAKU).count() == 7


def test_every_change_leaves_an_audit_record(submitted, supervisor_user):
    from wagtail.models import ModelLogEntry

    assess(submitted, supervisor_user, perilaku=Rating.MEETS)
    actions = set(ModelLogEntry.objects.filter(object_id=str(submitted.pk)).values_list("action", flat=True))
    assert {"penilaian.appraisal.self_evaluation", "penilaian.appraisal.assessment"} <= actions
