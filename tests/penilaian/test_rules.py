import pytest

from penilaian import rules
from penilaian.models import AppraisalStatus, Predikat, Rating

A, S, B = Rating.ABOVE, Rating.MEETS, Rating.BELOW


@pytest.mark.parametrize(
    ("hasil_kerja", "perilaku", "predikat"),
    [
        (A, B, Predikat.KURANG), (A, S, Predikat.BAIK), (A, A, Predikat.SANGAT_BAIK),
        (S, B, Predikat.KURANG), (S, S, Predikat.BAIK), (S, A, Predikat.BAIK),
        (B, B, Predikat.SANGAT_KURANG), (B, S, Predikat.BUTUH_PERBAIKAN), (B, A, Predikat.BUTUH_PERBAIKAN),
    ],
)
def test_all_nine_cells_of_the_predikat_matrix(hasil_kerja, perilaku, predikat):
    assert rules.predikat_for(hasil_kerja, perilaku) == predikat


def test_the_matrix_has_exactly_nine_cells():
    assert len(rules.PREDIKAT_MATRIX) == 9


def test_predikat_at_or_below():
    assert rules.predikat_at_or_below(Predikat.BUTUH_PERBAIKAN) == [
        Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG
    ]


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([(3, 3)] * 7, S),
        ([(4, 3)] * 7, A),
        ([(4, 3)] * 5 + [(3, 3)] * 2, S),  # mean +0.71: meets
        ([(4, 3)] * 6 + [(3, 3)], A),  # mean +0.86: above
        ([(2, 3)] * 6 + [(3, 3)], B),
        ([(5, 3)] * 6 + [(1, 3)], B),  # one value two levels below pulls it down
        ([(None, 3)] * 7, None),
    ],
)
def test_perilaku_suggestion(scores, expected):
    assert rules.suggest_perilaku(scores) == expected


@pytest.mark.parametrize(
    ("value", "score"),
    [(100, 5), (91, 5), (90.6, 5), (90.4, 4), (76, 4), (75, 3), (61, 3), (60, 2), (51, 2), (50, 1), (0, 1)],
)
def test_legacy_scale_conversion(value, score):
    assert rules.convert_legacy_score(value) == score


@pytest.mark.parametrize("value", [-1, 101, 120])
def test_legacy_scale_refuses_values_outside_0_100(value):
    with pytest.raises(ValueError):
        rules.convert_legacy_score(value)


# --- The appraisal's status: one rule for the services and the import (no database) ---------

D, SS, AS, FI = AppraisalStatus.DRAFT, AppraisalStatus.SELF_SUBMITTED, AppraisalStatus.ASSESSED, AppraisalStatus.FINALISED


@pytest.mark.parametrize(
    ("current", "has_self", "has_supervisor", "expected"),
    [
        (D, False, False, D),
        (D, True, False, SS),
        (D, False, True, AS),
        (D, True, True, AS),
        (SS, False, False, SS),  # never back to draft
        (SS, True, True, AS),
        (AS, True, False, AS),  # self scores alone never undo an assessment
        (AS, False, False, AS),
        (FI, True, True, FI),  # finalised stays finalised
        (FI, False, False, FI),
    ],
)
def test_the_status_follows_the_scores_and_never_moves_back(current, has_self, has_supervisor, expected):
    assert rules.status_after_scores(current, has_self=has_self, has_supervisor=has_supervisor) == expected


def test_status_reached_reads_the_order_of_the_workflow():
    assert rules.status_reached(AS, SS) and rules.status_reached(AS, AS) and rules.status_reached(FI, AS)
    assert not rules.status_reached(SS, AS) and not rules.status_reached(D, SS)
    assert list(rules.APPRAISAL_STATUS_ORDER) == [D, SS, AS, FI]


def test_the_self_evaluation_step_for_every_period_and_appraisal_status():
    from penilaian.models import AppraisalStatus as A
    from penilaian.models import PeriodStatus as P

    expected = {
        (None, None): rules.STEP_NO_PERIOD, (P.CLOSED, A.FINALISED): rules.STEP_NO_PERIOD,
        (P.SELF_EVALUATION, None): rules.STEP_FILL, (P.SELF_EVALUATION, A.DRAFT): rules.STEP_FILL,
        (P.SELF_EVALUATION, A.SELF_SUBMITTED): rules.STEP_SUBMITTED,
        (P.SELF_EVALUATION, A.ASSESSED): rules.STEP_ASSESSED,
        (P.SUPERVISOR_ASSESSMENT, None): rules.STEP_MISSED, (P.SUPERVISOR_ASSESSMENT, A.DRAFT): rules.STEP_MISSED,
        (P.SUPERVISOR_ASSESSMENT, A.SELF_SUBMITTED): rules.STEP_WITH_SUPERVISOR,
        (P.SUPERVISOR_ASSESSMENT, A.ASSESSED): rules.STEP_ASSESSED,
        (P.SUPERVISOR_ASSESSMENT, A.FINALISED): rules.STEP_FINAL,
    }
    assert {k: rules.self_evaluation_step(*k) for k in expected} == expected
    assert rules.STEPS_WITH_FORM == {rules.STEP_FILL, rules.STEP_SUBMITTED}


@pytest.mark.parametrize(("part", "whole", "share"), [
    (0, 0, 0), (0, 400, 0), (31, 100, 31), (1, 400, 1), (399, 400, 99), (400, 400, 100), (1, 8, 13),
])
def test_share_percent_never_hides_the_last_few(part, whole, share):
    assert rules.share_percent(part, whole) == share
