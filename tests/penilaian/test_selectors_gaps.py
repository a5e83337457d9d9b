"""Gaps: the employee's gaps, dialogue prompts and the indicators ranked by gaps."""


from penilaian.selectors import appraisal as appraisal_selectors
from penilaian.selectors import gaps as gap_selectors
from penilaian.services import appraisal as appraisal_services


def test_gaps_and_dialogue_prompts(submitted, supervisor_user, city):
    # Self 4 everywhere; the supervisor gives 1 on literasi digital (expected 3): gap 2, difference 3.
    literasi = submitted.scores.get(indicator__code="kt-literasi-digital")
    scores = {s.indicator_id: {"score": 3, "note": ""} for s in submitted.scores.all()}
    scores[literasi.indicator_id]["score"] = 1
    appraisal_services.assessment_save(appraisal=submitted, actor=supervisor_user, scores=scores)
    gaps = gap_selectors.gaps_for_employee(city.teacher)
    assert [(g.indicator.code, g.gap) for g in gaps] == [("kt-literasi-digital", 2)]
    prompts = appraisal_selectors.dialogue_prompts(submitted)
    assert {s.indicator.code for s in prompts} == {"kt-literasi-digital"}
    ranking = gap_selectors.indicators_ranked_by_gap(submitted.period)
    assert ranking[0]["code"] == "kt-literasi-digital" and ranking[0]["with_gap"] == 1 and ranking[0]["mean_gap"] == 2
