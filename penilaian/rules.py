"""Appraisal rules that the domain brief marks *(check)*, and the appraisal's status rule: each
lives here, once, as a table, a constant or a pure function, so it can be corrected without a
hunt. Nothing here touches the database; the tests run without one.

- ``PREDIKAT_MATRIX``: predikat kinerja from the hasil kerja and perilaku ratings.
- ``suggest_perilaku``: the perilaku rating suggested from the seven BerAKHLAK value scores.
- ``status_after_scores``: the status an appraisal reaches from the scores it holds (never back).
- ``convert_legacy_score``: scores on the old 0–100 scale (PP 46/2011) to the 1–5 scale.
- ``GAP_DIALOGUE_THRESHOLD``: self and supervisor differ by this much → prompt a dialogue.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .models import AppraisalStatus, PeriodStatus, Predikat, Rating

A, S, B = Rating.ABOVE, Rating.MEETS, Rating.BELOW

# (hasil kerja, perilaku) → predikat. Rows: hasil kerja; columns: perilaku (the domain brief's table).
PREDIKAT_MATRIX: dict[tuple[str, str], str] = {
    (A, B): Predikat.KURANG, (A, S): Predikat.BAIK, (A, A): Predikat.SANGAT_BAIK,
    (S, B): Predikat.KURANG, (S, S): Predikat.BAIK, (S, A): Predikat.BAIK,
    (B, B): Predikat.SANGAT_KURANG, (B, S): Predikat.BUTUH_PERBAIKAN, (B, A): Predikat.BUTUH_PERBAIKAN,
}

# Best first; used for sorting and "X or worse" questions.
PREDIKAT_ORDER = [Predikat.SANGAT_BAIK, Predikat.BAIK, Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG]


def predikat_for(hasil_kerja: str, perilaku: str) -> str:
    """The predikat for two ratings; ``KeyError`` when either is not a rating."""
    return PREDIKAT_MATRIX[(hasil_kerja, perilaku)]


def predikat_at_or_below(predikat: str) -> list[str]:
    """This predikat and every worse one (e.g. Butuh Perbaikan or worse → coaching plans)."""
    return PREDIKAT_ORDER[PREDIKAT_ORDER.index(predikat):]


# Perilaku suggestion: the mean of (supervisor score − expected level) over the seven values.
# At or above +ABOVE_MARGIN → above expectation; at or below −BELOW_MARGIN → below; else meets.
# A single value two or more levels below its expectation also pulls the rating to "below".
PERILAKU_ABOVE_MARGIN = Decimal("0.75")
PERILAKU_BELOW_MARGIN = Decimal("0.75")
PERILAKU_SINGLE_VALUE_BELOW = 2


def suggest_perilaku(value_scores: list[tuple[int, int]]) -> str | None:
    """Suggest a perilaku rating from (supervisor score, expected level) of the BerAKHLAK values.

    Returns None when no value has a supervisor score yet.
    """
    scored = [(s, e) for s, e in value_scores if s is not None]
    if not scored:
        return None
    if any(e - s >= PERILAKU_SINGLE_VALUE_BELOW for s, e in scored):
        return Rating.BELOW
    mean = Decimal(sum(s - e for s, e in scored)) / len(scored)
    if mean >= PERILAKU_ABOVE_MARGIN:
        return Rating.ABOVE
    if mean <= -PERILAKU_BELOW_MARGIN:
        return Rating.BELOW
    return Rating.MEETS


# Old 0–100 scale (PP 46/2011): 91+ Sangat Baik, 76–90 Baik, 61–75 Cukup, 51–60 Kurang,
# ≤50 Buruk. Each band maps to one step of the 1–5 scale.
LEGACY_BANDS = [(91, 5), (76, 4), (61, 3), (51, 2), (0, 1)]


def convert_legacy_score(value: Decimal | float | int) -> int:
    """0–100 → 1–5 by the PP 46/2011 bands. ``ValueError`` outside 0–100."""
    number = Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    if number < 0 or number > 100:
        raise ValueError(f"{value} is outside the 0–100 scale")
    for floor, score in LEGACY_BANDS:
        if number >= floor:
            return score
    raise AssertionError("unreachable")  # pragma: no cover


GAP_DIALOGUE_THRESHOLD = 2


# An appraisal moves draft → self-submitted → assessed → finalised, and never back.
APPRAISAL_STATUS_ORDER = (
    AppraisalStatus.DRAFT, AppraisalStatus.SELF_SUBMITTED, AppraisalStatus.ASSESSED, AppraisalStatus.FINALISED,
)


def status_reached(status: str, milestone: str) -> bool:
    """Has an appraisal in ``status`` got as far as ``milestone`` (e.g. is it at least assessed)?"""
    return APPRAISAL_STATUS_ORDER.index(status) >= APPRAISAL_STATUS_ORDER.index(milestone)


def status_after_scores(current: str, *, has_self: bool, has_supervisor: bool) -> str:
    """The status of an appraisal once its self scores (``has_self``) and/or its supervisor
    scores (``has_supervisor``) are in — handed in through the portal (submitting the
    self-evaluation or the assessment; a draft does not count) or brought by an import.
    Supervisor scores make it assessed, self scores alone self-submitted, none leaves it a
    draft; and it never moves back from ``current`` (an assessed appraisal stays assessed when
    a file brings only self scores; a finalised one stays finalised).

    The services' submit steps and the bulk import both decide the status here, and only here.
    """
    if has_supervisor:
        target = AppraisalStatus.ASSESSED
    elif has_self:
        target = AppraisalStatus.SELF_SUBMITTED
    else:
        target = AppraisalStatus.DRAFT
    return max(current, target, key=APPRAISAL_STATUS_ORDER.index)


# Distribution caps (the domain brief: "the unit's own performance sets a cap on how predicates may be
# distributed (e.g. a unit rated Baik may give at most 70% Baik)"). *(check)* — only the Baik
# row is documented in the brief; extend the table when BKPSDM confirms the others. Values are
# the maximum share of the unit's appraisals that may carry the predikat.
DISTRIBUTION_CAPS: dict[str, dict[str, float]] = {
    Predikat.BAIK: {Predikat.BAIK: 0.70},
}
DEFAULT_UNIT_RATING = Predikat.BAIK

# Work-results rating suggested from the SKP achievement indicator (hk-capaian-skp) when a
# supervisor has scored it: 4–5 above, 3 meets, 1–2 below. The supervisor decides the rating.
HASIL_KERJA_INDICATOR = "hk-capaian-skp"


def suggest_hasil_kerja(score: int | None) -> str | None:
    if score is None:
        return None
    if score >= 4:
        return Rating.ABOVE
    if score == 3:
        return Rating.MEETS
    return Rating.BELOW


# Units whose staff are appraised on the health competencies (by root SKPK code), besides
# every puskesmas. Teachers: fungsional staff of a school.
HEALTH_ROOT_UNITS = frozenset({"dinkes", "rsud"})


# Where an employee stands with the self-evaluation of the open period (Kinerja Saya says why and
# what comes next; only "fill" and "submitted" lead into the form).
STEP_NO_PERIOD = "no_period"          # no period is open
STEP_FILL = "fill"                    # self-evaluation open, not handed in yet
STEP_SUBMITTED = "submitted"          # handed in; may still be changed until the supervisor assesses
STEP_MISSED = "missed"                # self-evaluation closed before it was handed in
STEP_WITH_SUPERVISOR = "with_supervisor"  # self-evaluation closed, handed in: the supervisor assesses
STEP_ASSESSED = "assessed"            # assessed: the approver finalises
STEP_FINAL = "final"                  # finalised
STEPS_WITH_FORM = frozenset({STEP_FILL, STEP_SUBMITTED})


def self_evaluation_step(period_status: str | None, appraisal_status: str | None) -> str:
    """The step for an open period in ``period_status`` (None: no period is open) and the
    employee's appraisal in ``appraisal_status`` (None: not opened yet)."""
    if period_status not in (PeriodStatus.SELF_EVALUATION, PeriodStatus.SUPERVISOR_ASSESSMENT):
        return STEP_NO_PERIOD
    status = appraisal_status or AppraisalStatus.DRAFT
    if status == AppraisalStatus.FINALISED:
        return STEP_FINAL
    if status == AppraisalStatus.ASSESSED:
        return STEP_ASSESSED
    if period_status == PeriodStatus.SELF_EVALUATION:
        return STEP_SUBMITTED if status == AppraisalStatus.SELF_SUBMITTED else STEP_FILL
    return STEP_WITH_SUPERVISOR if status == AppraisalStatus.SELF_SUBMITTED else STEP_MISSED
