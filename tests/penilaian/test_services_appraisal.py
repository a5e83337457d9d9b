"""The appraisal workflow: period phases, self-evaluation, assessment, finalisation."""

import pytest

from penilaian.exceptions import AppraisalError
from penilaian.models import AppraisalStatus, PeriodStatus, Predikat, Rating
from penilaian.services import appraisal as appraisal_services
from penilaian.services import periods as period_services
from penilaian.services import register as register_services
from tests.penilaian.appraisal_helpers import all_scores, appraisal_of, assess


def test_the_employee_submits_a_self_evaluation(submitted):
    submitted.refresh_from_db()
    assert submitted.status == AppraisalStatus.SELF_SUBMITTED and submitted.self_submitted_at


def test_submitting_with_a_missing_score_is_refused_and_saves_nothing(period, city, employee_user):
    appraisal = appraisal_of(city.teacher, period)
    scores = all_scores(appraisal, 3)
    scores[next(iter(scores))]["score"] = None
    with pytest.raises(AppraisalError) as exc:
        appraisal_services.self_evaluation_save(appraisal=appraisal, actor=employee_user, scores=scores, submit=True)
    assert exc.value.code == "incomplete"
    assert not appraisal.scores.filter(self_score__isnull=False).exists()


def test_nobody_else_fills_an_employees_self_evaluation(period, city, supervisor_user):
    appraisal = appraisal_of(city.teacher, period)
    with pytest.raises(AppraisalError) as exc:
        appraisal_services.self_evaluation_save(appraisal=appraisal, actor=supervisor_user, scores={}, submit=False)
    assert exc.value.code == "not_owner"


def test_no_self_evaluation_in_a_closed_period(period, city, employee_user, hr_user):
    period_services.period_advance(period=period, to_status=PeriodStatus.SUPERVISOR_ASSESSMENT, actor=hr_user)
    appraisal = appraisal_of(city.teacher, period)
    with pytest.raises(AppraisalError) as exc:
        appraisal_services.self_evaluation_save(appraisal=appraisal, actor=employee_user, scores=all_scores(appraisal, 3))
    assert exc.value.code == "wrong_phase"
    period_services.period_advance(period=period, to_status=PeriodStatus.CLOSED, actor=hr_user)
    appraisal.refresh_from_db()
    with pytest.raises(AppraisalError) as exc:
        appraisal_services.self_evaluation_save(appraisal=appraisal, actor=employee_user, scores=all_scores(appraisal, 3))
    assert exc.value.code == "closed"


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
    register_services.employee_set_supervisor(employee=city.teacher, supervisor=city.head_of_education)
    assert assess(submitted, supervisor_user, perilaku=Rating.MEETS).status == AppraisalStatus.ASSESSED


def test_finalisation_by_the_approver_then_nothing_changes(submitted, supervisor_user, indirect_supervisor_user, employee_user):
    assess(submitted, supervisor_user, perilaku=Rating.MEETS)
    with pytest.raises(AppraisalError):
        appraisal_services.appraisal_finalise(appraisal=submitted, actor=employee_user)
    appraisal_services.appraisal_finalise(appraisal=submitted, actor=indirect_supervisor_user)
    submitted.refresh_from_db()
    assert submitted.status == AppraisalStatus.FINALISED
    with pytest.raises(AppraisalError) as exc:
        assess(submitted, supervisor_user, value=1)
    assert exc.value.code == "finalised"


def test_every_change_leaves_an_audit_record(submitted, supervisor_user):
    from wagtail.models import ModelLogEntry

    assess(submitted, supervisor_user, perilaku=Rating.MEETS)
    actions = set(ModelLogEntry.objects.filter(object_id=str(submitted.pk)).values_list("action", flat=True))
    assert {"penilaian.appraisal.self_evaluation", "penilaian.appraisal.assessment"} <= actions
