import pytest

from pelatihan import impact


def test_normalised_gain():
    assert impact.normalised_gain(40, 70) == pytest.approx(0.5)
    assert impact.normalised_gain(100, 100) is None
    assert impact.normalised_gain(60, 50) == pytest.approx(-0.25)
    assert impact.mean_normalised_gain([(40, 70), (50, 100), (100, 100)]) == pytest.approx(0.75)


def test_difference_in_differences_on_a_hand_made_dataset():
    # Participants: 2 → 4 on average (+2); comparison: 2 → 2.5 (+0.5); DiD = +1.5.
    participants = [(2, 4), (1, 4), (3, 4), (2, 4), (2, 4)]
    comparison = [(2, 2), (2, 3), (2, 3), (2, 2), (2, 2.5), (2, 2.5)]
    did = impact.diff_in_diff(participants, comparison)
    assert did.participants.n == 5 and did.comparison.n == 6
    assert did.participants.change == pytest.approx(2.0)
    assert did.comparison.change == pytest.approx(0.5)
    assert did.value == pytest.approx(1.5)
    assert not did.too_small


def test_a_small_group_is_flagged():
    did = impact.diff_in_diff([(2, 4), (2, 3)], [(2, 2)] * 10)
    assert did.too_small and did.value == pytest.approx(1.5)


def test_an_empty_group_has_no_value():
    did = impact.diff_in_diff([], [(2, 2)])
    assert did.value is None and did.too_small
