"""Score scales: the one place that turns a 1–5 or an old 0–100 score cell into 1–5."""

import pytest

from penilaian.imports import scales


def test_score_value_is_the_one_place_for_the_scale_rule():
    assert scales.score_value("", 5) is None
    assert scales.score_value("4", 5) == 4
    assert scales.score_value("4.0", 5) == 4
    assert scales.score_value("88", 100) == 4
    with pytest.raises(ValueError):
        scales.score_value("3.5", 5)
