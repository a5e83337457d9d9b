"""The assessment form's live preview applies the saving rules to what is typed (no database)."""

from penilaian import rules
from penilaian.models import Predikat, Rating


def entry(pk, score, *, self_score=None, perilaku=True, expected=3):
    return rules.ScoreEntry(pk, perilaku, expected, self_score, score)


def test_nothing_typed_suggests_nothing():
    preview = rules.assessment_preview([entry(1, None), entry(2, None)])
    assert preview.perilaku_suggested is None and preview.dialogue == () and preview.predikat is None


def test_the_suggestion_follows_the_behaviour_scores_only():
    high = [entry(i, 5) for i in range(7)] + [entry(9, 1, perilaku=False)]
    assert rules.assessment_preview(high).perilaku_suggested == Rating.ABOVE
    assert rules.assessment_preview([entry(1, 3), entry(2, 1)]).perilaku_suggested == Rating.BELOW


def test_a_difference_of_two_with_the_self_score_calls_for_a_dialogue():
    preview = rules.assessment_preview([entry(1, 2, self_score=4), entry(2, 3, self_score=4), entry(3, 5, self_score=None)])
    assert preview.dialogue == (1,)


def test_predikat_and_the_reasons_a_different_rating_needs():
    rows = [entry(i, 3) for i in range(7)]
    preview = rules.assessment_preview(rows, hasil_kerja=Rating.ABOVE, perilaku=Rating.ABOVE,
                                       hasil_kerja_suggested=Rating.MEETS)
    assert preview.predikat == Predikat.SANGAT_BAIK
    assert preview.perilaku_reason_needed and preview.hasil_kerja_reason_needed
    given = rules.assessment_preview(rows, hasil_kerja=Rating.ABOVE, perilaku=Rating.ABOVE, hasil_kerja_suggested=Rating.MEETS,
                                     hasil_kerja_reason="Capaian luar biasa", perilaku_reason="Teladan")
    assert not given.perilaku_reason_needed and not given.hasil_kerja_reason_needed
