"""After the appraisal: the final appraisal is handed to the employee (notified; they acknowledge
receipt), and the employee may object (PP 30/2019 art. 59) within ``PENILAIAN_OBJECTION_DAYS``
of receiving it. The appraiser's own superior — the appraisal's approver; BKPSDM when there is
none — records the explanations of the appraiser and the employee and decides: upheld, or the
ratings changed and the predikat recomputed by ``rules.predikat_for``. The decision is final.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from penilaian import permissions, rules
from penilaian.exceptions import AppraisalError
from penilaian.models import (
    Appraisal,
    AppraisalReceipt,
    AppraisalStatus,
    Objection,
    ObjectionOutcome,
    ObjectionStatus,
    Rating,
)
from penilaian.selectors import objections as objection_selectors
from portal.core.audit import record
from portal.core.roles import is_hr

from . import notifications


def receipt_open(*, appraisal: Appraisal, notify: bool = True) -> AppraisalReceipt:
    """Hand a final appraisal to the employee: a receipt with the notification time, and an
    e-mail after commit. Idempotent. Called when an appraisal becomes final."""
    receipt, created = AppraisalReceipt.objects.get_or_create(appraisal=appraisal,
                                                              defaults={"notified_at": timezone.now()})
    if created and notify:
        notifications.queue(notifications.APPRAISAL_FINAL, appraisal.pk)
    return receipt


def _require_own_final(appraisal: Appraisal, actor) -> AppraisalReceipt:
    if appraisal.employee.user_id != getattr(actor, "pk", None):
        raise AppraisalError(_("Only the employee can do this for their own appraisal."), code="not_owner")
    if appraisal.status != AppraisalStatus.FINALISED:
        raise AppraisalError(_("This appraisal is not final yet."), code="not_final")
    receipt = AppraisalReceipt.objects.select_for_update().filter(appraisal=appraisal).first()
    if receipt is None:
        raise AppraisalError(_("This appraisal was not handed to you through the portal."), code="no_receipt")
    return receipt


@transaction.atomic
def receipt_acknowledge(*, appraisal: Appraisal, actor) -> AppraisalReceipt:
    """The employee acknowledges receipt of their final appraisal; the date is kept (once).
    Raises ``AppraisalError`` (not_owner, not_final, no_receipt)."""
    appraisal = Appraisal.objects.select_related("employee", "period").get(pk=appraisal.pk)
    receipt = _require_own_final(appraisal, actor)
    if receipt.acknowledged_at is None:
        receipt.acknowledged_at = timezone.now()
        receipt.save(update_fields=["acknowledged_at"])
        record(appraisal, "penilaian.appraisal.acknowledge", actor=actor, data={"period": appraisal.period.code})
    return receipt


@transaction.atomic
def objection_submit(*, appraisal: Appraisal, actor, reasons: str, today: dt.date | None = None) -> Objection:
    """The employee objects, with reasons, to their final appraisal, within the set number of
    days of receiving it (objecting acknowledges receipt when not done yet). It goes to the
    appraisal's approver (the appraiser's superior), or to BKPSDM when there is none. Raises
    ``AppraisalError`` (not_owner, not_final, no_receipt, no_reasons, too_late, exists)."""
    appraisal = Appraisal.objects.select_for_update(of=("self",)).select_related("employee", "period").get(pk=appraisal.pk)
    receipt = _require_own_final(appraisal, actor)
    if not (reasons or "").strip():
        raise AppraisalError(_("Give the reasons for your objection."), code="no_reasons")
    if Objection.objects.filter(appraisal=appraisal).exists():
        raise AppraisalError(_("You have already objected to this appraisal."), code="exists")
    today = today or timezone.localdate()
    deadline = objection_selectors.deadline(receipt)
    if today > deadline:
        raise AppraisalError(
            _("The time to object ended on %(date)s (%(days)s days after receipt).")
            % {"date": deadline.strftime("%d-%m-%Y"), "days": settings.PENILAIAN_OBJECTION_DAYS},
            code="too_late")
    now = timezone.now()
    if receipt.acknowledged_at is None:
        receipt.acknowledged_at = now
        receipt.save(update_fields=["acknowledged_at"])
    objection = Objection(
        appraisal=appraisal, reasons=reasons.strip(), submitted_at=now, handler_id=appraisal.approver_id,
        hasil_kerja_before=appraisal.rating_hasil_kerja, perilaku_before=appraisal.rating_perilaku,
        predikat_before=appraisal.predikat)
    objection.full_clean()
    objection.save()
    record(objection, "penilaian.objection.submit", actor=actor,
           data={"appraisal": appraisal.pk, "period": appraisal.period.code, "predikat": appraisal.predikat})
    notifications.queue(notifications.OBJECTION_FILED, objection.pk)
    return objection


def may_decide(actor, objection: Objection) -> bool:
    """The appraiser's superior recorded on the objection; BKPSDM only when there is none."""
    if objection.handler_id is None:
        return is_hr(actor)
    me = permissions.employee_of(actor)
    return me is not None and me.pk == objection.handler_id


def _open_for(objection: Objection, actor) -> Objection:
    objection = Objection.objects.select_for_update(of=("self",)).select_related(
        "appraisal", "appraisal__employee", "appraisal__period").get(pk=objection.pk)
    if not may_decide(actor, objection):
        raise AppraisalError(_("Only the appraiser's superior decides this objection."), code="not_handler")
    if objection.status != ObjectionStatus.OPEN:
        raise AppraisalError(_("This objection has been decided; the decision is final."), code="decided")
    return objection


@transaction.atomic
def objection_record_explanations(*, objection: Objection, actor, appraiser_explanation: str,
                                  employee_explanation: str) -> Objection:
    """Record the explanations asked of the appraiser and of the employee. Raises
    ``AppraisalError`` (not_handler, decided, explanations_missing)."""
    objection = _open_for(objection, actor)
    appraiser_explanation, employee_explanation = (appraiser_explanation or "").strip(), (employee_explanation or "").strip()
    if not appraiser_explanation or not employee_explanation:
        raise AppraisalError(_("Record the explanations of both the appraiser and the employee."),
                             code="explanations_missing")
    objection.appraiser_explanation, objection.employee_explanation = appraiser_explanation, employee_explanation
    objection.explanations_recorded_at = timezone.now()
    objection.save(update_fields=["appraiser_explanation", "employee_explanation", "explanations_recorded_at"])
    record(objection, "penilaian.objection.explanations", actor=actor, data={"appraisal": objection.appraisal_id})
    return objection


@transaction.atomic
def objection_decide(*, objection: Objection, actor, outcome: str, decision: str, rating_hasil_kerja: str = "",
                     rating_perilaku: str = "") -> Objection:
    """Decide, after both explanations are recorded: uphold the appraisal, or change the
    ratings (at least one) with the predikat recomputed from the matrix. Final and audited; the
    employee is told. Raises ``AppraisalError`` (not_handler, decided, explanations_missing,
    no_decision, bad_outcome, bad_rating, unchanged)."""
    objection = _open_for(objection, actor)
    if objection.explanations_recorded_at is None:
        raise AppraisalError(_("Record both explanations before deciding."), code="explanations_missing")
    if not (decision or "").strip():
        raise AppraisalError(_("Write the decision and its reasons."), code="no_decision")
    appraisal = Appraisal.objects.select_for_update().get(pk=objection.appraisal_id)
    if outcome == ObjectionOutcome.CHANGED:
        if rating_hasil_kerja not in Rating.values or rating_perilaku not in Rating.values:
            raise AppraisalError(_("Choose both ratings."), code="bad_rating")
        if (rating_hasil_kerja, rating_perilaku) == (appraisal.rating_hasil_kerja, appraisal.rating_perilaku):
            raise AppraisalError(_("The ratings are unchanged: uphold the appraisal instead."), code="unchanged")
        appraisal.rating_hasil_kerja, appraisal.rating_perilaku = rating_hasil_kerja, rating_perilaku
        appraisal.predikat = rules.predikat_for(rating_hasil_kerja, rating_perilaku)
        appraisal.full_clean(validate_unique=False)
        appraisal.save(update_fields=["rating_hasil_kerja", "rating_perilaku", "predikat", "updated_at"])
        record(appraisal, "penilaian.appraisal.objection_change", actor=actor,
               data={"before": objection.predikat_before, "after": appraisal.predikat})
    elif outcome != ObjectionOutcome.UPHELD:
        raise AppraisalError(_("Choose the outcome."), code="bad_outcome")
    objection.status, objection.outcome = ObjectionStatus.DECIDED, outcome
    objection.decision, objection.decided_at, objection.decided_by = decision.strip(), timezone.now(), actor
    objection.predikat_after = appraisal.predikat
    objection.full_clean()
    objection.save()
    record(objection, "penilaian.objection.decide", actor=actor,
           data={"outcome": outcome, "predikat_before": objection.predikat_before, "predikat_after": appraisal.predikat})
    notifications.queue(notifications.OBJECTION_DECIDED, objection.pk)
    return objection
