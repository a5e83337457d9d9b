"""One employee's appraisal: opening it, the employee's self-evaluation, the supervisor's
assessment and the approver's finalisation.

Each runs inside ``transaction.atomic`` with the appraisal locked, checks who may act and in
which phase (``AppraisalError`` with a code otherwise) and leaves an audit record. The
appraisal's status moves only by ``rules.status_after_scores``, the rule the bulk import uses
too.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from penilaian import rules
from penilaian.exceptions import AppraisalError
from penilaian.models import Appraisal, AppraisalPeriod, AppraisalStatus, Employee, IndicatorKind, PeriodStatus, Score
from penilaian.selectors import documentation as documentation_selectors
from penilaian.selectors.catalogue import expected_level, expected_levels, indicators_for
from portal.core.audit import record
from portal.core.roles import is_hr

from . import objections as objection_services


def _guard_open(appraisal: Appraisal, *, phases: tuple[str, ...]) -> None:
    period = appraisal.period
    if period.status == PeriodStatus.CLOSED:
        raise AppraisalError(_("This appraisal period is closed; nothing can be changed."), code="closed")
    if appraisal.status == AppraisalStatus.FINALISED:
        raise AppraisalError(_("This appraisal is finalised; nothing can be changed."), code="finalised")
    if period.status not in phases:
        raise AppraisalError(
            _("This cannot be done while the period is in status '%(status)s'.") % {"status": period.get_status_display()},
            code="wrong_phase",
        )


@transaction.atomic
def appraisal_get_or_create(*, employee: Employee, period: AppraisalPeriod, actor=None) -> Appraisal:
    """The employee's appraisal for the period, created with a score row per indicator they are
    appraised on. The unit, position kind, assessor (direct supervisor) and approver (the
    supervisor's supervisor) are recorded now: supervisors change, the record keeps who it was."""
    existing = Appraisal.objects.filter(employee=employee, period=period).first()
    if existing is not None:
        return existing
    if period.status == PeriodStatus.CLOSED:
        raise AppraisalError(_("This appraisal period is closed; nothing can be changed."), code="closed")
    supervisor = employee.supervisor
    appraisal = Appraisal(
        employee=employee, period=period, unit_id=employee.unit_id, position_kind=employee.position_kind,
        assessor=supervisor, approver=supervisor.supervisor if supervisor else None,
    )
    appraisal.full_clean(validate_unique=False)
    appraisal.save()
    levels = expected_levels()
    Score.objects.bulk_create(
        [
            Score(appraisal=appraisal, indicator=indicator,
                  expected_level=expected_level(levels, indicator.pk, employee.position_kind))
            for indicator in indicators_for(employee)
        ]
    )
    record(appraisal, "penilaian.appraisal.create", actor=actor, data={"employee": employee.nip, "period": period.code})
    return appraisal


def _check_score(value) -> int | None:
    if value in (None, ""):
        return None
    value = int(value)
    if not 1 <= value <= 5:
        raise AppraisalError(_("Scores go from 1 to 5."), code="out_of_range")
    return value


@transaction.atomic
def self_evaluation_save(
    *, appraisal: Appraisal, actor, scores: dict[int, dict], note: str = "", submit: bool = False
) -> Appraisal:
    """Save the employee's own scores (1–5), notes and evidence links; ``submit`` hands the
    self-evaluation to the supervisor. Only the employee, only while self-evaluation is open,
    and only until the supervisor has assessed.

    ``scores`` maps indicator id → {"score": int|None, "note": str, "evidence_url": str}.
    Raises ``AppraisalError`` (closed, finalised, wrong_phase, not_owner, already_assessed,
    incomplete, out_of_range).
    """
    appraisal = Appraisal.objects.select_for_update().select_related("period", "employee").get(pk=appraisal.pk)
    if appraisal.employee.user_id != getattr(actor, "pk", None):
        raise AppraisalError(_("Only the employee fills in their own self-evaluation."), code="not_owner")
    _guard_open(appraisal, phases=(PeriodStatus.SELF_EVALUATION,))
    if appraisal.status in (AppraisalStatus.ASSESSED, AppraisalStatus.FINALISED):
        raise AppraisalError(_("Your supervisor has already assessed this appraisal."), code="already_assessed")
    changed = {}
    rows = {s.indicator_id: s for s in appraisal.scores.all()}
    for indicator_id, values in scores.items():
        score = rows.get(int(indicator_id))
        if score is None:
            continue
        new = (_check_score(values.get("score")), values.get("note", "").strip(), values.get("evidence_url", "").strip())
        if new != (score.self_score, score.self_note, score.evidence_url):
            score.self_score, score.self_note, score.evidence_url = new
            score.full_clean()
            changed[score.indicator_id] = new[0]
    if changed:
        Score.objects.bulk_update([rows[i] for i in changed], ["self_score", "self_note", "evidence_url"])
    appraisal.self_note = note.strip()
    if submit:
        missing = [s for s in rows.values() if s.self_score is None]
        if missing:
            raise AppraisalError(
                _("Give every indicator a score before submitting (%(n)d missing).") % {"n": len(missing)},
                code="incomplete",
            )
        appraisal.status = rules.status_after_scores(appraisal.status, has_self=True, has_supervisor=False)
        appraisal.self_submitted_at = timezone.now()
    appraisal.save()
    record(appraisal, "penilaian.appraisal.self_evaluation", actor=actor, data={"scores": changed, "submitted": submit})
    return appraisal


def _refresh_suggestions(appraisal: Appraisal, rows: dict[int, Score]) -> None:
    values = [(s.supervisor_score, s.expected_level) for s in rows.values() if s.indicator.kind == IndicatorKind.PERILAKU]
    appraisal.rating_perilaku_suggested = rules.suggest_perilaku(values) or ""


def _check_hasil_kerja(appraisal: Appraisal, reason: str) -> None:
    """The hasil kerja rating suggested from realisation against the RHK targets; choosing
    another needs a reason, as for perilaku (no RHK or no realisation: no suggestion)."""
    appraisal.rating_hasil_kerja_suggested = (
        documentation_selectors.suggested_hasil_kerja(appraisal.employee, appraisal.period) or "")
    appraisal.rating_hasil_kerja_reason = reason.strip()
    if (appraisal.rating_hasil_kerja and appraisal.rating_hasil_kerja_suggested
            and appraisal.rating_hasil_kerja != appraisal.rating_hasil_kerja_suggested
            and not appraisal.rating_hasil_kerja_reason):
        raise AppraisalError(
            _("Give a reason for choosing a work results rating other than the one suggested from realisation."),
            code="reason_required",
        )


@transaction.atomic
def assessment_save(
    *, appraisal: Appraisal, actor, scores: dict[int, dict], feedback: str = "", rating_hasil_kerja: str = "",
    rating_perilaku: str = "", rating_perilaku_reason: str = "", submit: bool = False,
    rating_hasil_kerja_reason: str = "",
) -> Appraisal:
    """The supervisor's assessment: 1–5 per indicator with notes, written feedback, the two
    ratings and, when both are set, the predikat from ``rules.PREDIKAT_MATRIX``.

    The perilaku rating is suggested from the BerAKHLAK scores; choosing another needs a
    reason; so does a hasil kerja rating other than the one suggested from realisation against
    the RHK targets. Only the appraisal's assessor, while the period is open (self-evaluation or
    supervisor assessment), and never after finalisation. ``submit`` marks it assessed (every
    indicator scored and both ratings chosen). Raises ``AppraisalError``.
    """
    appraisal = Appraisal.objects.select_for_update().select_related("period", "employee").get(pk=appraisal.pk)
    if appraisal.assessor is None or appraisal.assessor.user_id != getattr(actor, "pk", None):
        raise AppraisalError(_("Only the employee's supervisor for this period assesses it."), code="not_assessor")
    _guard_open(appraisal, phases=(PeriodStatus.SELF_EVALUATION, PeriodStatus.SUPERVISOR_ASSESSMENT))
    rows = {s.indicator_id: s for s in appraisal.scores.select_related("indicator")}
    changed = {}
    for indicator_id, values in scores.items():
        score = rows.get(int(indicator_id))
        if score is None:
            continue
        new = (_check_score(values.get("score")), values.get("note", "").strip())
        if new != (score.supervisor_score, score.supervisor_note):
            score.supervisor_score, score.supervisor_note = new
            changed[score.indicator_id] = new[0]
    if changed:
        Score.objects.bulk_update([rows[i] for i in changed], ["supervisor_score", "supervisor_note"])
    _refresh_suggestions(appraisal, rows)
    appraisal.feedback = feedback.strip()
    appraisal.rating_hasil_kerja = rating_hasil_kerja or ""
    appraisal.rating_perilaku = rating_perilaku or ""
    appraisal.rating_perilaku_reason = rating_perilaku_reason.strip()
    if (
        appraisal.rating_perilaku
        and appraisal.rating_perilaku_suggested
        and appraisal.rating_perilaku != appraisal.rating_perilaku_suggested
        and not appraisal.rating_perilaku_reason
    ):
        raise AppraisalError(
            _("Give a reason for choosing a work behaviour rating other than the suggested one."),
            code="reason_required",
        )
    _check_hasil_kerja(appraisal, rating_hasil_kerja_reason)
    appraisal.predikat = (
        rules.predikat_for(appraisal.rating_hasil_kerja, appraisal.rating_perilaku)
        if appraisal.rating_hasil_kerja and appraisal.rating_perilaku
        else ""
    )
    if submit:
        missing = [s for s in rows.values() if s.supervisor_score is None]
        if missing or not appraisal.predikat:
            raise AppraisalError(
                _("Score every indicator and choose both ratings before submitting."), code="incomplete"
            )
        appraisal.status = rules.status_after_scores(
            appraisal.status, has_self=appraisal.self_submitted_at is not None, has_supervisor=True
        )
        appraisal.assessed_at = timezone.now()
    appraisal.full_clean(validate_unique=False)
    appraisal.save()
    record(
        appraisal, "penilaian.appraisal.assessment", actor=actor,
        data={"scores": changed, "hasil_kerja": appraisal.rating_hasil_kerja, "perilaku": appraisal.rating_perilaku,
              "predikat": appraisal.predikat, "submitted": submit},
    )
    return appraisal


@transaction.atomic
def appraisal_finalise(*, appraisal: Appraisal, actor) -> Appraisal:
    """Approve an assessed appraisal: the supervisor's supervisor (the approver), HR, or the
    assessor when there is no approver above them. After this nothing changes."""
    appraisal = Appraisal.objects.select_for_update(of=("self",)).select_related("period", "assessor", "approver").get(pk=appraisal.pk)
    allowed = is_hr(actor) or (appraisal.approver and appraisal.approver.user_id == actor.pk) or (
        appraisal.approver is None and appraisal.assessor and appraisal.assessor.user_id == actor.pk
    )
    if not allowed:
        raise AppraisalError(_("Only the approver or BKPSDM can finalise this appraisal."), code="not_approver")
    if appraisal.period.status == PeriodStatus.CLOSED:
        raise AppraisalError(_("This appraisal period is closed; nothing can be changed."), code="closed")
    if appraisal.status != AppraisalStatus.ASSESSED:
        raise AppraisalError(_("Only an assessed appraisal can be finalised."), code="not_assessed")
    appraisal.status = AppraisalStatus.FINALISED
    appraisal.finalised_at = timezone.now()
    appraisal.save(update_fields=["status", "finalised_at", "updated_at"])
    record(appraisal, "penilaian.appraisal.finalise", actor=actor, data={"predikat": appraisal.predikat})
    objection_services.receipt_open(appraisal=appraisal)
    return appraisal
