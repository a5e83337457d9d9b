"""Documentation during the period: the employee records realisation and evidence for their RHK;
the supervisor writes dated feedback notes and records performance dialogues.

Realisation and evidence change only until the supervisor has assessed the appraisal (then the
record is what was assessed). Evidence files are checked by content (``portal.core.files``),
size-limited and stored privately under random names.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from penilaian import rules
from penilaian.exceptions import AppraisalError
from penilaian.models import (
    Appraisal,
    AppraisalPeriod,
    AppraisalStatus,
    Employee,
    Evidence,
    FeedbackNote,
    NoteTopic,
    PerformanceDialogue,
    PerformancePlan,
    PeriodStatus,
    Realisation,
    ResultTarget,
    WorkResult,
)
from penilaian.selectors import expectations as expectation_selectors
from portal.core import files
from portal.core.audit import record

from .expectations import require_responsible_supervisor

# Evidence files: what may be uploaded (decided by the file's content) and how large.
EVIDENCE_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


def _require_owner_while_open(plan: PerformancePlan, actor) -> None:
    if plan.employee.user_id != getattr(actor, "pk", None):
        raise AppraisalError(_("Only the employee records their own realisation and evidence."), code="not_owner")
    if plan.period.status == PeriodStatus.CLOSED:
        raise AppraisalError(_("This appraisal period is closed; nothing can be changed."), code="closed")
    status = Appraisal.objects.filter(employee_id=plan.employee_id, period_id=plan.period_id).values_list(
        "status", flat=True).first()
    if status and rules.status_reached(status, AppraisalStatus.ASSESSED):
        raise AppraisalError(_("Your supervisor has already assessed this period."), code="already_assessed")


def _value(raw) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).replace(",", "."))
    except (InvalidOperation, ValueError):
        raise AppraisalError(_("A realisation must be a number of zero or more."), code="bad_value") from None
    if not value.is_finite() or value < 0:
        raise AppraisalError(_("A realisation must be a number of zero or more."), code="bad_value")
    return value


@transaction.atomic
def realisation_save(*, plan: PerformancePlan, actor, values: dict[int, tuple]) -> int:
    """Record what was achieved per target: ``values`` maps a target id of ``plan`` to (value or
    None, note); None removes the realisation. Returns how many changed. Raises
    ``AppraisalError`` (not_owner, closed, already_assessed, bad_value)."""
    plan = PerformancePlan.objects.select_for_update().select_related("employee", "period").get(pk=plan.pk)
    _require_owner_while_open(plan, actor)
    targets = {t.pk: t for t in ResultTarget.objects.filter(result__plan=plan).select_related("realisation")}
    changed = {}
    for target_id, (raw, note) in values.items():
        target = targets.get(int(target_id))
        if target is None:
            continue
        value, note = _value(raw), (note or "").strip()
        current = getattr(target, "realisation", None)
        if value is None:
            if current is not None:
                current.delete()
                changed[target.pk] = None
            continue
        if current is None or (current.value, current.note) != (value, note):
            realisation = current or Realisation(target=target)
            realisation.value, realisation.note = value, note
            realisation.full_clean()
            realisation.save()
            changed[target.pk] = value
    if changed:
        record(plan, "penilaian.realisation.save", actor=actor, data={"targets": changed})
    return len(changed)


@transaction.atomic
def evidence_add(*, result: WorkResult, actor, description: str, link: str = "", upload=None) -> Evidence:
    """Attach evidence to an RHK: a link, or a file of an allowed type (by content) up to
    ``EVIDENCE_MAX_BYTES``, stored under a random name. Raises ``AppraisalError`` (not_owner,
    closed, already_assessed, link_or_file, wrong_type, too_large)."""
    result = WorkResult.objects.select_related("plan__employee", "plan__period").get(pk=result.pk)
    _require_owner_while_open(result.plan, actor)
    link = (link or "").strip()
    if not (description or "").strip():
        raise AppraisalError(_("Describe the evidence."), code="no_description")
    if bool(link) == bool(upload):
        raise AppraisalError(_("Give either a link or a file."), code="link_or_file")
    evidence = Evidence(result=result, description=description.strip(), link=link, uploaded_by=actor)
    if upload is not None:
        try:
            extension, content_type = files.sniff(upload, allowed=EVIDENCE_TYPES, max_bytes=EVIDENCE_MAX_BYTES)
        except ValidationError as exc:
            raise AppraisalError(exc.messages[0], code=exc.code) from exc
        evidence.file_name = (upload.name or "")[-200:]
        evidence.content_type, evidence.size = content_type, upload.size
        evidence.file.save(f"bukti/{files.random_name('.' + extension)}", upload, save=False)
    try:
        evidence.full_clean()
        evidence.save()
    except Exception:
        if evidence.file:  # the row was not written: do not keep its file
            evidence.file.delete(save=False)
        raise
    record(result.plan, "penilaian.evidence.add", actor=actor,
           data={"result": result.pk, "kind": "file" if upload is not None else "link", "size": evidence.size})
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, actor) -> None:
    """Remove evidence (and its file) while the employee may still change their record."""
    evidence = Evidence.objects.select_related("result__plan__employee", "result__plan__period").get(pk=evidence.pk)
    plan = evidence.result.plan
    _require_owner_while_open(plan, actor)
    name = evidence.file.name if evidence.file else ""
    evidence.delete()
    record(plan, "penilaian.evidence.remove", actor=actor, data={"result": evidence.result_id})
    if name:
        storage = files.private_storage()
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def feedback_note_add(*, employee: Employee, period: AppraisalPeriod, actor, topic: str, text: str,
                      date: dt.date | None = None, result_id: int | None = None,
                      value_id: int | None = None) -> FeedbackNote:
    """A dated feedback note of the supervisor on the employee's results (optionally one RHK)
    or behaviour (optionally one BerAKHLAK value); the employee reads it. Raises
    ``AppraisalError`` (not_supervisor, closed, empty, future, bad_topic)."""
    supervisor = require_responsible_supervisor(actor, employee, period)
    if topic not in NoteTopic.values:
        raise AppraisalError(_("Choose what the note is about."), code="bad_topic")
    if not (text or "").strip():
        raise AppraisalError(_("Write the feedback."), code="empty")
    date = date or timezone.localdate()
    if date > timezone.localdate():
        raise AppraisalError(_("A note cannot be dated in the future."), code="future")
    if topic == NoteTopic.RESULTS and result_id:
        if not WorkResult.objects.filter(pk=result_id, plan__employee=employee, plan__period=period).exists():
            result_id = None
    else:
        result_id = None
    values = {v.pk for v in expectation_selectors.behaviour_values()}
    value_id = value_id if topic == NoteTopic.BEHAVIOUR and value_id and int(value_id) in values else None
    note = FeedbackNote(employee=employee, period=period, author=supervisor, date=date, topic=topic,
                        result_id=result_id, value_id=value_id, text=text.strip())
    note.full_clean()
    note.save()
    record(note, "penilaian.feedback_note.add", actor=actor,
           data={"employee": employee.nip, "period": period.code, "topic": topic})
    return note


@transaction.atomic
def dialogue_add(*, employee: Employee, period: AppraisalPeriod, actor, agreed: str,
                 date: dt.date | None = None) -> PerformanceDialogue:
    """Record a performance dialogue: its date and what was agreed. Raises ``AppraisalError``
    (not_supervisor, closed, empty, future)."""
    supervisor = require_responsible_supervisor(actor, employee, period)
    if not (agreed or "").strip():
        raise AppraisalError(_("Write what was agreed."), code="empty")
    date = date or timezone.localdate()
    if date > timezone.localdate():
        raise AppraisalError(_("A dialogue cannot be dated in the future."), code="future")
    dialogue = PerformanceDialogue(employee=employee, period=period, supervisor=supervisor, date=date,
                                   agreed=agreed.strip())
    dialogue.full_clean()
    dialogue.save()
    record(dialogue, "penilaian.dialogue.add", actor=actor, data={"employee": employee.nip, "period": period.code})
    return dialogue
