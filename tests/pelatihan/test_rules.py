"""The numbers of competency development: the completion rule at its boundary, JP targets."""

import pytest

from pelatihan import rules


@pytest.mark.parametrize(
    ("attended", "total", "minimum", "expected"),
    [(4, 5, 80, True), (3, 5, 80, False), (8, 10, 80, True), (7, 9, 80, False), (5, 5, 100, True), (0, 1, 0, True)],
)
def test_the_completion_rule_at_its_boundary(attended, total, minimum, expected):
    assert rules.meets_completion_rule(
        attended_days=attended, total_days=total, min_percent=minimum, pass_mark=None, post_test_score=None
    ) is expected


def test_the_post_test_pass_mark_applies_when_set():
    kw = {"attended_days": 5, "total_days": 5, "min_percent": 80}
    assert rules.meets_completion_rule(pass_mark=70, post_test_score=70, **kw)
    assert not rules.meets_completion_rule(pass_mark=70, post_test_score=69, **kw)
    assert not rules.meets_completion_rule(pass_mark=70, post_test_score=None, **kw)


def test_pppk_target_is_24():
    assert rules.jp_target("PPPK") == 24 and rules.jp_target("PNS") == 20
