"""The arithmetic of post-training evaluation, kept apart from the queries that feed it so it
can be checked on small hand-made numbers.

- Level 2 (learning): Hake's normalised gain  g = (post − pre) / (max − pre).
- Level 3 (behaviour): improvement = re-evaluation score − the appraisal score that was the gap.
- Level 4 (results): difference in differences between participants and a comparison group
  who had the same gap and did not attend:
      DiD = (mean after − mean before)[participants] − (mean after − mean before)[comparison]
  with both group sizes, and a note when a group is too small to say anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean

# Below this many people in either group, a difference says nothing (BKPSDM may tune it).
MIN_GROUP_SIZE = 5


def normalised_gain(pre: float, post: float, *, maximum: float = 100.0) -> float | None:
    """Hake's normalised gain for one participant; None when the pre-test was already perfect."""
    if pre >= maximum:
        return None
    return (post - pre) / (maximum - pre)


def mean_normalised_gain(pairs: list[tuple[float, float]], *, maximum: float = 100.0) -> float | None:
    """The mean of the participants' normalised gains (pairs of pre, post)."""
    gains = [g for pre, post in pairs if (g := normalised_gain(pre, post, maximum=maximum)) is not None]
    return mean(gains) if gains else None


@dataclass(frozen=True)
class GroupChange:
    n: int
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class DiffInDiff:
    participants: GroupChange
    comparison: GroupChange
    min_group_size: int = MIN_GROUP_SIZE

    @property
    def value(self) -> float | None:
        if self.participants.change is None or self.comparison.change is None:
            return None
        return self.participants.change - self.comparison.change

    @property
    def too_small(self) -> bool:
        return min(self.participants.n, self.comparison.n) < self.min_group_size


def group_change(pairs: list[tuple[float, float]]) -> GroupChange:
    """(before, after) per person → the group's size and mean before and after."""
    if not pairs:
        return GroupChange(0, None, None)
    return GroupChange(len(pairs), mean(b for b, _a in pairs), mean(a for _b, a in pairs))


def diff_in_diff(participants: list[tuple[float, float]], comparison: list[tuple[float, float]],
                 *, min_group_size: int = MIN_GROUP_SIZE) -> DiffInDiff:
    return DiffInDiff(group_change(participants), group_change(comparison), min_group_size)
