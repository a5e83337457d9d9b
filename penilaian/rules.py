"""Appraisal rules that the domain brief marks *(check)*, and the appraisal's status rule: each
lives here, once, as a table, a constant or a pure function, so it can be corrected without a
hunt. Nothing here touches the database; the tests run without one.

- ``PREDIKAT_MATRIX``: predikat kinerja from the hasil kerja and perilaku ratings.
- ``suggest_perilaku``: the perilaku rating suggested from the seven BerAKHLAK value scores.
- ``status_after_scores``: the status an appraisal reaches from the scores it holds (never back).
- ``convert_legacy_score``: scores on the old 0–100 scale (PP 46/2011) to the 1–5 scale.
- ``GAP_DIALOGUE_THRESHOLD``: self and supervisor differ by this much → prompt a dialogue.
- ``DISTRIBUTION_PATTERN`` / ``check_distribution``: how a unit's staff predikat may be spread
  given the unit's own predikat, and what a distribution breaks.
- ``suggest_hasil_kerja_from_targets``: the hasil kerja rating suggested from realisation
  against the targets of the planned work results (RHK).
- ``MULTISOURCE_MIN_RESPONSES``: the fewest responses a group's aggregate is shown with.
- ``objection_deadline``: the last day an employee may object to a final appraisal.
- ``PERIOD_FLOW`` / ``share_percent``: the only moves a period's status makes, and the share
  BKPSDM's confirmation of a move quotes.
- ``assessment_preview``: what the assessment form shows while scores are being entered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .models import AppraisalStatus, Aspect, OrganisationPredikat, PeriodStatus, Predikat, Rating

A, S, B = Rating.ABOVE, Rating.MEETS, Rating.BELOW

# The only moves a period's status may make, in order; closed is final.
PERIOD_FLOW: dict[str, str] = {
    PeriodStatus.DRAFT: PeriodStatus.SELF_EVALUATION,
    PeriodStatus.SELF_EVALUATION: PeriodStatus.SUPERVISOR_ASSESSMENT,
    PeriodStatus.SUPERVISOR_ASSESSMENT: PeriodStatus.CLOSED,
}


def share_percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` as a whole percentage, rounded half up; never 0 % while some are
    left (1 of 400 reads "1 %", not "0 %") and never 100 % while some are not; 0 of nothing is 0."""
    if whole <= 0 or part <= 0:
        return 0
    share = int((Decimal(100) * part / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if part < whole:
        share = min(max(share, 1), 99)
    return share


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


# The distribution pattern ("pedoman pola distribusi", PermenPANRB 6/2022) *(check)* the wording:
# the unit's own predikat (predikat kinerja organisasi) sets how its staff's predikat may be
# spread. One row per organisation predikat, read from the domain brief's table:
# - "most": this predikat is the most frequent one in the unit (no other is more frequent);
# - "max" / "min": the largest / smallest share of the unit's rated staff a group may hold
#   (a group is one predikat or several, counted together);
# - "must have": at least one employee in the group;
# - "none": no employee with the predikat (a "max" of 0).
# ``check_distribution`` reads only this table.
SB, BA, BP, KU, SK = (Predikat.SANGAT_BAIK, Predikat.BAIK, Predikat.BUTUH_PERBAIKAN, Predikat.KURANG,
                      Predikat.SANGAT_KURANG)
DISTRIBUTION_PATTERN: dict[str, dict] = {
    OrganisationPredikat.ISTIMEWA: {"most": SB, "max": [((SB,), Decimal("0.70"))], "min": [], "must_have": []},
    OrganisationPredikat.BAIK: {"most": BA, "max": [((BA,), Decimal("0.70"))], "min": [], "must_have": [(BP, KU)]},
    OrganisationPredikat.BUTUH_PERBAIKAN: {
        "most": None, "max": [((SB,), Decimal("0.10"))], "min": [((BP,), Decimal("0.60"))], "must_have": [],
    },
    OrganisationPredikat.KURANG: {
        "most": None, "max": [((SB,), Decimal("0.10"))],
        "min": [((KU,), Decimal("0.60")), ((BP,), Decimal("0.10"))], "must_have": [],
    },
    OrganisationPredikat.SANGAT_KURANG: {
        "most": None, "max": [((SB,), Decimal("0"))],
        "min": [((SK,), Decimal("0.60")), ((KU, BP), Decimal("0.10"))], "must_have": [],
    },
}


@dataclass(frozen=True)
class Breach:
    """One rule of the pattern a unit's distribution breaks: ``rule`` is ``most``, ``max``,
    ``min`` or ``must_have``; ``predikats`` the group; ``limit`` the share (None for ``most``
    and ``must_have``); ``share`` what the unit has."""

    rule: str
    predikats: tuple[str, ...]
    limit: Decimal | None
    share: Decimal


def check_distribution(organisation_predikat: str, counts: dict[str, int]) -> list[Breach]:
    """What in ``counts`` (predikat → number of the unit's rated staff) breaks the pattern row of
    ``organisation_predikat``; an empty list when it fits (or nobody is rated yet). ``KeyError``
    for an unknown organisation predikat."""
    row = DISTRIBUTION_PATTERN[organisation_predikat]
    total = sum(counts.get(p, 0) for p in PREDIKAT_ORDER)
    if not total:
        return []

    def share(group) -> Decimal:
        return Decimal(sum(counts.get(p, 0) for p in group)) / total

    breaches = []
    most = row["most"]
    if most and any(counts.get(p, 0) > counts.get(most, 0) for p in PREDIKAT_ORDER if p != most):
        breaches.append(Breach("most", (most,), None, share((most,))))
    for group, limit in row["max"]:
        if share(group) > limit:
            breaches.append(Breach("max", group, limit, share(group)))
    for group, limit in row["min"]:
        if share(group) < limit:
            breaches.append(Breach("min", group, limit, share(group)))
    for group in row["must_have"]:
        if not share(group):
            breaches.append(Breach("must_have", group, None, Decimal(0)))
    return breaches


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


# Hasil kerja suggested from realisation against the targets of the planned work results (RHK)
# *(check)* the thresholds. Each target's achievement is realised ÷ target (for the time aspect,
# target ÷ realised: finishing sooner is better), capped at ACHIEVEMENT_CAP so one windfall does
# not hide a missed target; a target without realisation counts as 0. Above expectation: the
# mean is at least ABOVE_MEAN and every target is met; below: the mean is under BELOW_MEAN.
ACHIEVEMENT_CAP = Decimal("1.5")
HASIL_KERJA_ABOVE_MEAN = Decimal("1.10")
HASIL_KERJA_BELOW_MEAN = Decimal("0.90")
ASPECT_TIME = Aspect.WAKTU


def target_achievement(aspect: str, target: Decimal, realised: Decimal | None) -> Decimal:
    """One target's achievement (1 = met exactly), capped; 0 when nothing is realised."""
    if realised is None or target <= 0:
        return Decimal(0)
    if aspect == ASPECT_TIME:
        ratio = target / realised if realised > 0 else ACHIEVEMENT_CAP
    else:
        ratio = realised / target
    return min(max(ratio, Decimal(0)), ACHIEVEMENT_CAP)


def suggest_hasil_kerja_from_targets(targets: list[tuple[str, Decimal, Decimal | None]]) -> str | None:
    """Suggest the hasil kerja rating from (aspect, target, realised or None) of every target of
    an employee's RHK in the period. None when there is no target or nothing is realised yet."""
    if not targets or all(realised is None for _aspect, _target, realised in targets):
        return None
    achievements = [target_achievement(aspect, target, realised) for aspect, target, realised in targets]
    mean = sum(achievements) / len(achievements)
    if mean >= HASIL_KERJA_ABOVE_MEAN and min(achievements) >= 1:
        return Rating.ABOVE
    if mean < HASIL_KERJA_BELOW_MEAN:
        return Rating.BELOW
    return Rating.MEETS


# Multi-source input: a group's (peers', subordinates', stakeholders') aggregate is shown only
# when at least this many of the group answered, so no single answer can be read back.
MULTISOURCE_MIN_RESPONSES = 3


def aggregate_visible(responses: int) -> bool:
    return responses >= MULTISOURCE_MIN_RESPONSES


def objection_deadline(received_on: dt.date, days: int) -> dt.date:
    """PP 30/2019 art. 59: an objection at the latest ``days`` (14) days after the employee
    received the final appraisal; the last day on which one may still be filed."""
    return received_on + dt.timedelta(days=days)


@dataclass(frozen=True)
class ScoreEntry:
    """One indicator as the assessment form holds it (typed, not yet saved)."""

    indicator_id: int
    is_perilaku: bool
    expected_level: int
    self_score: int | None
    supervisor_score: int | None


@dataclass(frozen=True)
class AssessmentPreview:
    perilaku_suggested: str | None
    dialogue: tuple[int, ...]  # indicator ids where self and supervisor differ by the threshold
    predikat: str | None
    perilaku_reason_needed: bool
    hasil_kerja_reason_needed: bool


def assessment_preview(entries: list[ScoreEntry], *, hasil_kerja: str = "", perilaku: str = "",
                       hasil_kerja_suggested: str = "", hasil_kerja_reason: str = "",
                       perilaku_reason: str = "") -> AssessmentPreview:
    """The same rules the assessment service applies on saving, over what is typed so far: the
    suggested perilaku rating, the indicators that call for a performance dialogue, the predikat
    of the two ratings, and whether a rating other than the suggestion still lacks its reason."""
    suggested = suggest_perilaku([(e.supervisor_score, e.expected_level) for e in entries if e.is_perilaku])
    dialogue = tuple(
        e.indicator_id for e in entries
        if e.self_score is not None and e.supervisor_score is not None
        and abs(e.self_score - e.supervisor_score) >= GAP_DIALOGUE_THRESHOLD
    )
    return AssessmentPreview(
        perilaku_suggested=suggested,
        dialogue=dialogue,
        predikat=PREDIKAT_MATRIX.get((hasil_kerja, perilaku)),
        perilaku_reason_needed=bool(perilaku and suggested and perilaku != suggested and not perilaku_reason.strip()),
        hasil_kerja_reason_needed=bool(hasil_kerja and hasil_kerja_suggested and hasil_kerja != hasil_kerja_suggested
                                       and not hasil_kerja_reason.strip()),
    )
