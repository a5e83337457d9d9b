"""The pure rules of the fair appraisal, without a database: one test per row of the
distribution pattern (a distribution that fits and the ways it breaks), the hasil kerja
suggestion from realisation against targets, the multi-source minimum and the objection
deadline."""

import datetime as dt
from decimal import Decimal

import pytest

from penilaian import rules
from penilaian.models import Aspect, OrganisationPredikat, Predikat, Rating

SB, BA, BP, KU, SK = (Predikat.SANGAT_BAIK, Predikat.BAIK, Predikat.BUTUH_PERBAIKAN, Predikat.KURANG,
                      Predikat.SANGAT_KURANG)


def counts(**by_predikat):
    return {getattr(Predikat, k.upper()): v for k, v in by_predikat.items()}


def broken(organisation, distribution):
    return {(b.rule, b.predikats) for b in rules.check_distribution(organisation, distribution)}


def test_the_pattern_has_one_row_per_organisation_predikat():
    assert set(rules.DISTRIBUTION_PATTERN) == set(OrganisationPredikat.values)


def test_row_istimewa_most_and_at_most_70_percent_sangat_baik():
    row = OrganisationPredikat.ISTIMEWA
    assert broken(row, counts(sangat_baik=6, baik=3, butuh_perbaikan=1)) == set()
    assert broken(row, counts(sangat_baik=8, baik=2)) == {("max", (SB,))}  # 80 % > 70 %
    assert broken(row, counts(sangat_baik=3, baik=5, sangat_kurang=2)) == {("most", (SB,))}  # Baik is the most


def test_row_baik_most_baik_at_most_70_percent_and_some_butuh_perbaikan_or_kurang():
    row = OrganisationPredikat.BAIK
    assert broken(row, counts(sangat_baik=2, baik=6, butuh_perbaikan=1, sangat_kurang=1)) == set()
    assert broken(row, counts(baik=7, kurang=3)) == set()  # Kurang/Misconduct also satisfies "must have"
    assert broken(row, counts(sangat_baik=3, baik=7)) == {("must_have", (BP, KU))}
    assert broken(row, counts(baik=9, butuh_perbaikan=1)) == {("max", (BA,))}
    assert broken(row, counts(sangat_baik=5, baik=4, butuh_perbaikan=1)) == {("most", (BA,))}


def test_row_butuh_perbaikan_at_least_60_percent_and_sangat_baik_at_most_10():
    row = OrganisationPredikat.BUTUH_PERBAIKAN
    assert broken(row, counts(sangat_baik=1, baik=2, butuh_perbaikan=6, kurang=1)) == set()
    assert broken(row, counts(baik=5, butuh_perbaikan=5)) == {("min", (BP,))}
    assert broken(row, counts(sangat_baik=2, butuh_perbaikan=8)) == {("max", (SB,))}  # 20 % > 10 %


def test_row_kurang_at_least_60_percent_kurang_10_percent_butuh_perbaikan_sangat_baik_at_most_10():
    row = OrganisationPredikat.KURANG
    assert broken(row, counts(sangat_baik=1, butuh_perbaikan=2, kurang=6, sangat_kurang=1)) == set()
    assert broken(row, counts(kurang=10)) == {("min", (BP,))}
    assert broken(row, counts(baik=4, butuh_perbaikan=1, kurang=5)) == {("min", (KU,))}
    assert broken(row, counts(sangat_baik=2, butuh_perbaikan=2, kurang=6)) == {("max", (SB,))}


def test_row_sangat_kurang_at_least_60_percent_10_percent_kurang_or_butuh_perbaikan_no_sangat_baik():
    row = OrganisationPredikat.SANGAT_KURANG
    assert broken(row, counts(baik=2, butuh_perbaikan=1, sangat_kurang=7)) == set()
    assert broken(row, counts(baik=1, kurang=1, sangat_kurang=8)) == set()  # Kurang counts for the 10 % too
    assert broken(row, counts(baik=3, sangat_kurang=7)) == {("min", (KU, BP))}
    assert broken(row, counts(sangat_baik=1, butuh_perbaikan=1, sangat_kurang=8)) == {("max", (SB,))}
    assert broken(row, counts(baik=5, butuh_perbaikan=1, sangat_kurang=4)) == {("min", (SK,))}


def test_an_empty_unit_breaks_nothing():
    assert rules.check_distribution(OrganisationPredikat.BAIK, {}) == []


def test_a_breach_carries_the_limit_and_the_share():
    (breach,) = rules.check_distribution(OrganisationPredikat.BAIK, counts(baik=9, kurang=1))
    assert breach.limit == Decimal("0.70") and breach.share == Decimal("0.9")


# --- hasil kerja suggested from realisation against targets -----------------------------------

Q, L, W = Aspect.KUANTITAS, Aspect.KUALITAS, Aspect.WAKTU


def d(value):
    return None if value is None else Decimal(str(value))


@pytest.mark.parametrize(
    ("targets", "suggestion"),
    [
        ([], None),
        ([(Q, 2, None)], None),  # nothing realised yet: no suggestion
        ([(Q, 2, 2), (L, 100, 100), (W, 12, 12)], Rating.MEETS),
        ([(Q, 2, 3), (L, 100, 100), (W, 12, 10)], Rating.ABOVE),  # more documents, sooner
        ([(Q, 2, 4), (L, 100, 95), (W, 12, 12)], Rating.MEETS),  # one target missed: not above
        ([(Q, 4, 2), (L, 100, 80), (W, 12, 12)], Rating.BELOW),
        ([(Q, 2, 2), (L, 100, None)], Rating.BELOW),  # an undocumented target counts as 0
    ],
)
def test_the_hasil_kerja_suggestion_from_realisation(targets, suggestion):
    assert rules.suggest_hasil_kerja_from_targets([(a, d(t), d(r)) for a, t, r in targets]) == suggestion


def test_time_is_better_when_shorter_and_each_achievement_is_capped():
    assert rules.target_achievement(W, Decimal(12), Decimal(6)) == rules.ACHIEVEMENT_CAP
    assert rules.target_achievement(W, Decimal(12), Decimal(24)) == Decimal("0.5")
    assert rules.target_achievement(Q, Decimal(1), Decimal(10)) == rules.ACHIEVEMENT_CAP


def test_a_group_aggregate_needs_three_answers():
    assert not rules.aggregate_visible(2) and rules.aggregate_visible(3)


def test_the_objection_deadline_is_counted_from_receipt():
    assert rules.objection_deadline(dt.date(2026, 12, 1), 14) == dt.date(2026, 12, 15)
