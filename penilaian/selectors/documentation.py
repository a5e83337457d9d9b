"""Reads of documentation: an employee's feedback notes and performance dialogues in a period,
the hasil kerja rating suggested from their realisation against targets, and what the
assessment form shows beside each rating (targets, realisation, evidence, notes, behaviour
expectations and the multi-source aggregate). A fixed number of queries."""

from __future__ import annotations

from decimal import Decimal

from penilaian import rules
from penilaian.models import (
    Appraisal,
    AppraisalPeriod,
    Employee,
    FeedbackNote,
    IndicatorKind,
    NoteTopic,
    PerformanceDialogue,
    Rating,
    Score,
)

from . import expectations as expectation_selectors
from . import multisource as multisource_selectors


def notes_for(employee: Employee, period: AppraisalPeriod) -> list[FeedbackNote]:
    return list(FeedbackNote.objects.filter(employee=employee, period=period).select_related("author", "result", "value"))


def dialogues_for(employee: Employee, period: AppraisalPeriod) -> list[PerformanceDialogue]:
    return list(PerformanceDialogue.objects.filter(employee=employee, period=period).select_related("supervisor"))


def suggested_hasil_kerja(employee: Employee, period: AppraisalPeriod) -> str | None:
    """``rules.suggest_hasil_kerja_from_targets`` over the employee's targets in the period."""
    return rules.suggest_hasil_kerja_from_targets(expectation_selectors.plan_targets(employee, period))


def achievement_rows(plan) -> list[dict]:
    """Per target of a plan: the target, the realisation and the capped achievement (percent)."""
    rows = []
    for result in plan.results.all() if plan else []:
        for target in result.targets.all():
            realisation = getattr(target, "realisation", None)
            value = realisation.value if realisation else None
            rows.append({
                "result": result, "target": target, "realisation": realisation,
                "percent": (rules.target_achievement(target.aspect, target.target, value) * 100).quantize(Decimal("1"))
                if value is not None else None,
            })
    return rows


def assessment_context(appraisal: Appraisal, scores: list[Score]) -> dict:
    """Everything documented about the appraisal's employee in its period, for the assessment
    form; each BerAKHLAK value's score row also gets ``fairness`` (the behaviour expectation,
    the behaviour notes on it and the visible multi-source means) to show beside its rating."""
    employee, period = appraisal.employee, appraisal.period
    plan = expectation_selectors.plan_for(employee, period)
    notes = notes_for(employee, period)
    feedback_round = multisource_selectors.round_for(employee, period)
    aggregate = multisource_selectors.aggregate(feedback_round)
    means: dict[int, list] = {}
    for entry in aggregate:
        for value_id, mean in entry.means.items():
            means.setdefault(value_id, []).append((entry.label, mean, entry.responses))
    expectations = {b.value_id: b.text for b in plan.behaviours.all()} if plan else {}
    for score in scores:
        if score.indicator.kind == IndicatorKind.PERILAKU:
            score.fairness = {
                "expectation": expectations.get(score.indicator_id, ""),
                "notes": [n for n in notes if n.topic == NoteTopic.BEHAVIOUR and n.value_id == score.indicator_id],
                "multisource": means.get(score.indicator_id, []),
            }
    suggested = suggested_hasil_kerja(employee, period)
    dialogues = dialogues_for(employee, period)
    return {
        "plan": plan, "achievements": achievement_rows(plan),
        "result_notes": [n for n in notes if n.topic == NoteTopic.RESULTS],
        "behaviour_notes": [n for n in notes if n.topic == NoteTopic.BEHAVIOUR and n.value_id is None],
        "dialogues": dialogues, "multisource": aggregate,
        "documented_count": len([n for n in notes if n.topic == NoteTopic.RESULTS or n.value_id is None])
        + len(dialogues),
        "hasil_kerja_suggested": Rating(suggested).label if suggested else "",
    }
