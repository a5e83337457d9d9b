"""Completion: finishing a session (who completed, by ``rules.meets_completion_rule``), the JP
credited to the development record, certificates, and HR's records from outside the portal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from penilaian.models import Employee
from portal.core.audit import record
from portal.core.files import checked_upload, random_name

from ..documents.certificates import make_number
from ..exceptions import CompletionError, TrainingError
from ..models import (
    Certificate,
    DevelopmentRecord,
    Enrolment,
    EnrolmentStatus,
    RecordSource,
    RecordStatus,
    Session,
    SessionDay,
    SessionStatus,
)
from ..selectors import attendance as attendance_selectors
from .sessions import lock_session


@dataclass
class FinishResult:
    completed: list[Enrolment]
    not_completed: list[Enrolment]


@transaction.atomic
def session_finish(*, session: Session, actor=None, today: dt.date | None = None) -> FinishResult:
    """Close a published session after its last meeting day. Each confirmed participant who meets
    the programme's rule (``rules.meets_completion_rule``) is completed, gets a verified
    development record with the programme's JP in the year of the last day, and a certificate;
    the others are marked not completed. Raises ``CompletionError`` (bad_state, not_over)."""
    session = lock_session(session)
    if session.status != SessionStatus.PUBLISHED:
        raise CompletionError(_("Only a published session can be finished."), code="bad_state")
    days = list(session.days.all())
    if days and days[-1].date > (today or timezone.localdate()):
        raise CompletionError(_("The session has meeting days still to come."), code="not_over")
    result = FinishResult([], [])
    now = timezone.now()
    for row in attendance_selectors.finish_preview(session).rows:  # the rule the confirmation page showed
        enrolment = row.enrolment
        enrolment.status = EnrolmentStatus.COMPLETED if row.completes else EnrolmentStatus.NOT_COMPLETED
        enrolment.save(update_fields=["status", "updated_at"])
        if row.completes:
            result.completed.append(enrolment)
            _credit_session_record(enrolment=enrolment, session=session, days=days, actor=actor)
            certificate_issue(enrolment=enrolment, actor=actor, issued_on=days[-1].date if days else None)
        else:
            result.not_completed.append(enrolment)
    session.status = SessionStatus.FINISHED
    session.finished_at = now
    session.save(update_fields=["status", "finished_at"])
    record(session, "pelatihan.session.finish", actor=actor,
           data={"completed": len(result.completed), "not_completed": len(result.not_completed)})
    return result


def _credit_session_record(*, enrolment: Enrolment, session: Session, days: list[SessionDay], actor) -> DevelopmentRecord:
    programme = session.programme
    record_ = DevelopmentRecord(
        employee=enrolment.employee, source=RecordSource.SESSION, enrolment=enrolment, title=programme.title,
        route=programme.route, competency_kind=programme.competency_kind, provider=programme.provider,
        start_date=days[0].date, end_date=days[-1].date, year=days[-1].date.year, jp=programme.jp,
        status=RecordStatus.VERIFIED, verified_at=timezone.now(),
        verified_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record_.full_clean()
    record_.save()
    record(record_, "pelatihan.record.credit", actor=actor, data={"enrolment": enrolment.pk, "jp": programme.jp})
    return record_


@transaction.atomic
def certificate_issue(*, enrolment: Enrolment, actor=None, issued_on: dt.date | None = None) -> Certificate:
    """Issue the certificate of a completed enrolment (idempotent: returns the existing one)."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    if enrolment.status != EnrolmentStatus.COMPLETED:
        raise CompletionError(_("Only a completed participant gets a certificate."), code="bad_state")
    issued_on = issued_on or timezone.localdate()
    certificate = Certificate(
        enrolment=enrolment, number=make_number(year=issued_on.year, sequence=enrolment.pk), issued_on=issued_on
    )
    certificate.full_clean()
    certificate.save()
    DevelopmentRecord.objects.filter(enrolment=enrolment).update(certificate_number=certificate.number)
    record(certificate, "pelatihan.certificate.issue", actor=actor, data={"number": certificate.number})
    return certificate


@transaction.atomic
def external_record_create(*, employee: Employee, title: str, route: str, competency_kind: str, provider: str,
                           start_date: dt.date, end_date: dt.date, jp: int, certificate_number: str = "",
                           certificate_file=None, actor=None, today: dt.date | None = None) -> DevelopmentRecord:
    """A development record from outside the portal (e-learning, a webinar, a seminar …): the
    employee submits their own, or HR adds one. It waits for HR's verification and counts
    towards JP only once verified. The certificate file must be a PDF, JPG or PNG of at most
    5 MB by its content (``portal.core.files.checked_upload``); it is kept privately under a
    random name. Raises ``TrainingError`` (future, empty, too_big, bad_type) or a field
    ``ValidationError``."""
    if end_date > (today or timezone.localdate()):
        raise TrainingError(_("A training is recorded after its last day."), code="future")
    extension = None
    if certificate_file is not None:
        try:
            extension = checked_upload(certificate_file)
        except ValidationError as exc:
            raise TrainingError(exc.messages[0], code=exc.code) from exc
    record_ = DevelopmentRecord(
        employee=employee, source=RecordSource.EXTERNAL, title=title, route=route, competency_kind=competency_kind,
        provider=provider, start_date=start_date, end_date=end_date, year=end_date.year, jp=jp,
        certificate_number=certificate_number, status=RecordStatus.PENDING,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record_.full_clean()
    if extension is not None:
        record_.certificate_file.save(random_name(extension), certificate_file, save=False)
    record_.save()
    record(record_, "pelatihan.record.create", actor=actor,
           data={"employee": employee.nip, "jp": jp, "file": bool(extension)})
    return record_


@transaction.atomic
def external_record_verify(*, record_: DevelopmentRecord, actor) -> DevelopmentRecord:
    record_ = DevelopmentRecord.objects.select_for_update().get(pk=record_.pk)
    if record_.status != RecordStatus.PENDING:
        raise TrainingError(_("This record has already been decided."), code="bad_state")
    record_.status = RecordStatus.VERIFIED
    record_.verified_by, record_.verified_at = actor, timezone.now()
    record_.save()
    record(record_, "pelatihan.record.verify", actor=actor)
    return record_


@transaction.atomic
def external_record_reject(*, record_: DevelopmentRecord, actor, reason: str) -> DevelopmentRecord:
    if not (reason or "").strip():
        raise TrainingError(_("Give a reason for the rejection."), code="reason_required")
    record_ = DevelopmentRecord.objects.select_for_update().get(pk=record_.pk)
    if record_.status != RecordStatus.PENDING:
        raise TrainingError(_("This record has already been decided."), code="bad_state")
    record_.status = RecordStatus.REJECTED
    record_.rejection_reason = reason.strip()
    record_.verified_by, record_.verified_at = actor, timezone.now()
    record_.save()
    record(record_, "pelatihan.record.reject", actor=actor, data={"reason": record_.rejection_reason})
    return record_
