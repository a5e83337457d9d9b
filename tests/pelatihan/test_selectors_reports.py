"""The programme report rows carry the four levels."""

import pytest

from pelatihan.selectors.reports import programme_rows
from tests.pelatihan.evaluation_factories import (
    programme_with_all_levels,
)


def test_the_programme_rows_carry_the_four_levels(db):
    programme = programme_with_all_levels()
    (row,) = programme_rows([programme.pk])
    assert (row["participants"], row["completed"], row["completion_rate"]) == (5, 5, 1)
    assert row["jp_delivered"] == 5 * programme.jp
    assert row["l1_mean"] == 4 and row["l1_n"] == 5
    assert row["l2_gain"] == pytest.approx(0.5) and row["l2_n"] == 5
    assert row["l3_improvement"] == pytest.approx(1) and row["l3_n"] == 5
    (l4,) = row["l4"]
    assert (l4.result.participants.n, l4.result.comparison.n, l4.result.value) == (5, 5, 2)
