"""Sending verified development records to SIASN: queueing a year, one send (the background
task's work), retries with backoff, sending a failed record again, and looking an employee up.

The outbox row (``SiasnSend``) is the state machine: pending → sent, held or failed. A send is
claimed under a row lock with a lease before the HTTP call and settled after it, so two workers
never send one record at once; a record is created in SIASN once and every later send carries
SIASN's id (an update); before a create, the employee's SIASN history is read, and a matching
record there (typed in by hand, or stored by an attempt whose answer was lost) is updated instead
of duplicated. A timeout or 5xx leaves the row pending with ``next_attempt_at`` pushed
back (``mapping.retry_delay``); the task is enqueued again for that time when the task backend
can defer, and ``send_due`` (a task for the scheduler, and ``manage.py siasn_send --retry-due``)
picks up whatever is due in any case. A 4xx, or the last attempt, fails the row with SIASN's
message until BKPSDM sends it again. Every outcome is in the audit trail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from penilaian.models import Employee, Unit
from portal.core.audit import record

from ..exceptions import SiasnError
from ..models import SendStatus, SiasnPerson, SiasnSend, SiasnSettings
from ..selectors import siasn as siasn_selectors
from ..siasn import mapping, tasks
from ..siasn.client import SiasnClient, SiasnHttpError, sending_enabled


@dataclass
class QueueResult:
    queued: int = 0
    held: int = 0
    sent: int = 0  # already in SIASN, unchanged
    failed: int = 0  # failed before: waiting for "send again"


def _max_attempts() -> int:
    return max(1, int(settings.SIASN.get("MAX_ATTEMPTS", 6)))


def _lease() -> dt.timedelta:
    # A send makes at most eight calls: two tokens, the look-up, the history, the save, and the
    # one retry after a 401 of each of the last three.
    return dt.timedelta(seconds=float(settings.SIASN.get("TIMEOUT", 30)) * 8 + 60)


def _enqueue(send_ids: list[int]) -> None:
    for send_id in send_ids:
        tasks.send_record.enqueue(send_id)


def _require_enabled() -> None:
    if not sending_enabled():
        raise SiasnError(
            _("Sending to SIASN is off: the SIASN addresses and credentials are not set (see the README)."), code="off"
        )


@transaction.atomic
def queue(*, year: int, unit: Unit | None = None, actor=None) -> QueueResult:
    """Queue the year's verified records (of a unit and its sub-units) that SIASN does not have
    as they are now: new ones, and sent ones that changed since (an update of SIASN's id). Held
    records are marked with their reasons; sent, unchanged ones and failed ones are left alone.
    The sends run as background tasks after the commit. Raises ``SiasnError`` (off)."""
    _require_enabled()
    now = timezone.now()
    result, create, update = QueueResult(), [], []
    for plan in siasn_selectors.plan_year(year, unit):
        state = plan.send
        if plan.status in (SendStatus.SENT, SendStatus.FAILED):
            result.sent += plan.status == SendStatus.SENT
            result.failed += plan.status == SendStatus.FAILED
            continue
        if plan.status == SendStatus.HELD:
            result.held += 1
            message = "; ".join(plan.reasons)
            if state and state.status == SendStatus.HELD and state.message == message:
                continue
            values = {"status": SendStatus.HELD, "message": message, "next_attempt_at": None,
                      "attempts": state.attempts if state else 0}
        else:
            result.queued += 1
            if state and state.status == SendStatus.PENDING and state.next_attempt_at and state.next_attempt_at > now:
                continue  # waiting for its retry: keep the backoff
            values = {"status": SendStatus.PENDING, "message": "", "next_attempt_at": now,
                      "attempts": state.attempts if state and state.status == SendStatus.PENDING else 0}
        row = SiasnSend(record_id=plan.record_id, updated_at=now, **values)
        if state:
            row.pk = state.pk
        (update if state else create).append(row)
    SiasnSend.objects.bulk_create(create, batch_size=1000)
    SiasnSend.objects.bulk_update(update, ["status", "message", "next_attempt_at", "attempts", "updated_at"],
                                  batch_size=1000)
    to_send = [s.pk for s in create + update if s.status == SendStatus.PENDING]
    settings_row = SiasnSettings.load()
    record(settings_row, "pelatihan.siasn.queue", actor=actor, data={
        "year": year, "unit": unit.code if unit else "", "queued": result.queued, "held": result.held,
        "sent": result.sent, "failed": result.failed,
    })
    transaction.on_commit(lambda: _enqueue(to_send))
    return result


@transaction.atomic
def resend(*, send: SiasnSend, actor) -> SiasnSend:
    """BKPSDM sends a failed record again (a fresh round of attempts). Raises ``SiasnError``
    (off, bad_state)."""
    _require_enabled()
    send = SiasnSend.objects.select_for_update().get(pk=send.pk)
    if send.status != SendStatus.FAILED:
        raise SiasnError(_("Only a failed send can be sent again."), code="bad_state")
    send.status, send.attempts, send.next_attempt_at, send.locked_until = SendStatus.PENDING, 0, timezone.now(), None
    send.full_clean()
    send.save()
    record(send.record, "pelatihan.siasn.resend", actor=actor, data={"previous_message": send.message})
    transaction.on_commit(lambda: _enqueue([send.pk]))
    return send


def resend_failed(*, year: int, unit: Unit | None = None, actor) -> int:
    """Every failed send of the year (and unit) sent again; how many."""
    sends = list(siasn_selectors.failed_sends(year, unit))
    for send in sends:
        resend(send=send, actor=actor)
    return len(sends)


def person_id(*, employee: Employee, client: SiasnClient) -> str:
    """SIASN's id of the employee: kept from the first look-up by NIP, else looked up now and kept.
    Raises ``SiasnHttpError``."""
    known = SiasnPerson.objects.filter(employee=employee).first()
    if known is not None:
        return known.pns_orang_id
    pns_orang_id, name = client.pns_orang_id(employee.nip)
    with transaction.atomic():
        person, _created = SiasnPerson.objects.update_or_create(
            employee=employee, defaults={"pns_orang_id": pns_orang_id, "siasn_name": name[:200],
                                         "looked_up_at": timezone.now()},
        )
        record(employee, "pelatihan.siasn.lookup", data={"pnsOrangId": pns_orang_id, "name": name})
    return person.pns_orang_id


@dataclass
class DryRun:
    records: list[dict]  # exactly what a send would post, in order
    held: list[tuple[str, str, str, str]]  # (NIP, name, title, why) of each record that would not go
    sent: int = 0  # already in SIASN, unchanged: a send would skip them
    failed: int = 0  # failed before: a send would skip them until sent again


def dry_run(*, year: int, unit: Unit | None = None, lookup: bool = True) -> DryRun:
    """The records a send of the year (and unit) would post, without posting them. Employees whose
    SIASN id is not known yet are looked up (and kept) when sending is configured and ``lookup``
    is on; otherwise they are held, since their record cannot be written exactly."""
    client = SiasnClient() if lookup and sending_enabled() else None
    result = DryRun([], [])
    for plan in siasn_selectors.plan_year(year, unit):
        if plan.status in (SendStatus.SENT, SendStatus.FAILED):
            result.sent += plan.status == SendStatus.SENT
            result.failed += plan.status == SendStatus.FAILED
            continue
        who = (plan.nip, plan.employee_name, plan.course.title)
        if plan.status == SendStatus.HELD:
            result.held.append((*who, "; ".join(plan.reasons)))
            continue
        payload = dict(plan.payload)
        if not payload["pnsOrangId"]:
            if client is None:
                result.held.append((*who, _("The employee's SIASN id is not known yet (sending is off, "
                                            "so it cannot be looked up).")))
                continue
            try:
                payload["pnsOrangId"] = person_id(employee=Employee.objects.get(pk=plan.employee_id), client=client)
            except SiasnHttpError as exc:
                result.held.append((*who, exc.message))
                continue
        result.records.append(payload)
    return result


def _claim(send_id: int, now: dt.datetime):
    """Lock the row, re-plan it and take a lease: (send, plan) to send, or (None, outcome)."""
    with transaction.atomic():
        send = SiasnSend.objects.select_for_update().filter(pk=send_id).first()
        if send is None or send.status != SendStatus.PENDING:
            return None, "skipped"
        if (send.next_attempt_at and send.next_attempt_at > now) or (send.locked_until and send.locked_until > now):
            return None, "not_due"
        plan = siasn_selectors.plan_record(send.record_id)
        if plan is None or plan.status == SendStatus.HELD:
            reasons = plan.reasons if plan else [_("The record is no longer verified.")]
            send.status, send.message, send.next_attempt_at = SendStatus.HELD, "; ".join(reasons), None
            send.save()
            record(send.record, "pelatihan.siasn.hold", data={"reasons": reasons})
            return None, "held"
        if send.rw_kursus_id and send.fingerprint == plan.fingerprint:
            send.status, send.next_attempt_at = SendStatus.SENT, None  # SIASN has it as it is
            send.save()
            return None, "unchanged"
        send.attempts += 1
        send.last_attempt_at, send.locked_until = now, now + _lease()
        send.save()
        return send, plan


def send_one(*, send_id: int, now: dt.datetime | None = None) -> str:
    """One attempt at sending one record (the work of ``tasks.send_record``): its outcome,
    "sent", "retry", "failed", "held", or why nothing was done."""
    client = SiasnClient()
    if not client.config.configured:
        return "off"
    now = now or timezone.now()
    send, plan = _claim(send_id, now)
    if send is None:
        return plan
    payload, employee = dict(plan.payload), send.record.employee
    try:
        payload["pnsOrangId"] = payload["pnsOrangId"] or person_id(employee=employee, client=client)
        payload["id"] = send.rw_kursus_id or _existing_id(client, employee.nip, payload)
        rw_kursus_id = client.save_course(payload)
    except SiasnHttpError as exc:
        return _failed(send.pk, exc, now=now)
    return _sent(send.pk, payload, rw_kursus_id, fingerprint=plan.fingerprint, now=now)


def _existing_id(client: SiasnClient, nip: str, payload: dict) -> str | None:
    """Before creating, SIASN's id of the same record if the employee's SIASN history has it:
    typed in by hand earlier, or stored by an attempt whose answer never came back (a timeout).
    A history SIASN will not show (4xx) does not stop the send; a timeout or 5xx does (retry)."""
    try:
        return client.find_course(nip, payload)
    except SiasnHttpError as exc:
        if exc.retryable:
            raise
        return None


@transaction.atomic
def _sent(send_id: int, payload: dict, rw_kursus_id: str, *, fingerprint: str, now: dt.datetime) -> str:
    send = SiasnSend.objects.select_for_update().select_related("record").get(pk=send_id)
    action = "update" if send.rw_kursus_id else ("adopt" if payload["id"] else "create")
    send.status, send.rw_kursus_id, send.sent_at = SendStatus.SENT, rw_kursus_id, timezone.now()
    send.payload, send.fingerprint, send.message = payload, fingerprint, ""
    send.next_attempt_at = send.locked_until = None
    send.full_clean()
    send.save()
    record(send.record, "pelatihan.siasn.send", data={
        "action": action, "rwKursusId": rw_kursus_id, "attempt": send.attempts, "payload": payload})
    return "sent"


@transaction.atomic
def _failed(send_id: int, exc: SiasnHttpError, *, now: dt.datetime) -> str:
    send = SiasnSend.objects.select_for_update().select_related("record").get(pk=send_id)
    send.message, send.locked_until = exc.message, None
    if exc.retryable and send.attempts < _max_attempts():
        send.next_attempt_at = now + mapping.retry_delay(send.attempts)
        send.save()
        record(send.record, "pelatihan.siasn.retry", data={
            "attempt": send.attempts, "message": exc.message, "next_attempt_at": send.next_attempt_at.isoformat()})
        run_after = send.next_attempt_at
        if tasks.send_record.get_backend().supports_defer:
            transaction.on_commit(lambda: tasks.send_record.using(run_after=run_after).enqueue(send_id))
        return "retry"
    send.status, send.next_attempt_at = SendStatus.FAILED, None
    if exc.retryable:
        send.message = _("Gave up after %(n)s attempts: %(message)s") % {"n": send.attempts, "message": exc.message}
    send.save()
    record(send.record, "pelatihan.siasn.fail", data={"attempt": send.attempts, "message": send.message,
                                                       "status": exc.status})
    return "failed"


def send_due(*, now: dt.datetime | None = None, limit: int = 500) -> int:
    """Attempt every pending send whose time has come and that no worker holds (retries after
    a backoff, and sends whose task was lost); how many were attempted. Safe to run often and
    from several workers."""
    now = now or timezone.now()
    due = (
        SiasnSend.objects.filter(status=SendStatus.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    ids = list(due)
    for send_id in ids:
        send_one(send_id=send_id, now=now)
    return len(ids)
