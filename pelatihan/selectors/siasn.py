"""Reads for SIASN: the code table and settings, and the plan of a year — for each verified
development record, the exact record SIASN would get, why it is held, and where it stands
(pending, sent, held, failed). The reconciliation page, the export, the dry run and the sending
service all read this one plan, so they never disagree.

The plan reads plain rows (``values``), not model instances: a city's year is some 20,000
records, and the page needs them all for its counts but shows fifty (``attach_records``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from penilaian.models import Unit
from penilaian.selectors.register import unit_subtree_ids

from ..models import DevelopmentRecord, RecordStatus, SendStatus, SiasnKindCode, SiasnSend, SiasnSettings
from ..siasn import mapping

SEND_FIELDS = ("pk", "status", "rw_kursus_id", "fingerprint", "message", "attempts", "next_attempt_at", "sent_at")
ROW_FIELDS = (
    "pk", "employee_id", "employee__nip", "employee__name", "title", "provider", "route", "competency_kind",
    "start_date", "end_date", "year", "jp", "certificate_number", "employee__siasn__pns_orang_id",
    *(f"siasn_send__{name}" for name in SEND_FIELDS),
)


@dataclass
class SendState:
    """The outbox row as the plan reads it (a ``SiasnSend`` has the same attributes)."""

    pk: int
    status: str
    rw_kursus_id: str
    fingerprint: str
    message: str
    attempts: int
    next_attempt_at: object
    sent_at: object


@dataclass
class Planned:
    record_id: int
    employee_id: int
    nip: str
    employee_name: str
    course: mapping.Course
    send: SendState | SiasnSend | None
    payload: dict | None  # SIASN's record; ``pnsOrangId`` None while the employee is not looked up
    reasons: list[str] = field(default_factory=list)  # why it is held (empty: it may go)
    status: str = SendStatus.PENDING  # where it stands now
    detail: str = ""  # for the page: what failed, why held, what happens next
    record: DevelopmentRecord | None = None  # the model instance, once attached (the page's rows)

    @property
    def fingerprint(self) -> str:
        return mapping.fingerprint(self.payload) if self.payload else ""

    @property
    def pns_orang_id(self) -> str | None:
        return self.payload["pnsOrangId"] if self.payload else None


def codes() -> dict[tuple[str, str], mapping.KindCode]:
    return {
        (c.route, c.competency_kind): mapping.KindCode(c.jenis_diklat_id, c.label, c.confirmed)
        for c in SiasnKindCode.objects.all()
    }


def siasn_settings() -> SiasnSettings:
    """The agency's SIASN settings; an unsaved empty one until BKPSDM saves them (a read never writes)."""
    return SiasnSettings.objects.first() or SiasnSettings()


def verified_records(year: int, unit: Unit | None = None) -> QuerySet:
    qs = DevelopmentRecord.objects.filter(year=year, status=RecordStatus.VERIFIED)
    if unit is not None:
        qs = qs.filter(employee__unit_id__in=unit_subtree_ids(unit))
    return qs.order_by("employee__unit__name", "employee__name", "start_date", "pk")


def _where(plan: Planned) -> tuple[str, str]:
    """Where a planned record stands, and the line the page shows about it."""
    send, held = plan.send, "; ".join(plan.reasons)
    if send is None:
        return (SendStatus.HELD, held) if held else (SendStatus.PENDING, _("Not sent yet."))
    if send.status == SendStatus.FAILED:
        return SendStatus.FAILED, send.message
    if send.status == SendStatus.SENT and (not plan.payload or plan.fingerprint == send.fingerprint):
        return SendStatus.SENT, ""
    if held:
        return SendStatus.HELD, held
    if send.status == SendStatus.SENT:
        return SendStatus.PENDING, _("Changed since it was sent: SIASN's record %(id)s will be updated.") % {
            "id": send.rw_kursus_id}
    if send.status == SendStatus.PENDING and send.attempts:
        return SendStatus.PENDING, _("Attempt %(n)s failed: %(message)s") % {"n": send.attempts, "message": send.message}
    return SendStatus.PENDING, _("Queued.") if send.status == SendStatus.PENDING else _("Not sent yet.")


def _plan(row: dict, kind_codes, settings_: SiasnSettings) -> Planned:
    item = mapping.Course(
        title=row["title"], provider=row["provider"], route=row["route"], competency_kind=row["competency_kind"],
        start_date=row["start_date"], end_date=row["end_date"], year=row["year"], jp=row["jp"],
        certificate_number=row["certificate_number"],
    )
    send = SendState(*(row[f"siasn_send__{name}"] for name in SEND_FIELDS)) if row["siasn_send__pk"] else None
    code = mapping.find_code(kind_codes, item.route, item.competency_kind)
    payload = None
    if code is not None:
        payload = mapping.to_record(
            item, code, instansi_id=settings_.instansi_id, pns_orang_id=row["employee__siasn__pns_orang_id"],
            rw_kursus_id=send.rw_kursus_id if send else "", lokasi_id=settings_.lokasi_id,
        )
    plan = Planned(row["pk"], row["employee_id"], row["employee__nip"], row["employee__name"], item, send, payload,
                   mapping.hold_reasons(item, code, instansi_id=settings_.instansi_id))
    plan.status, plan.detail = _where(plan)
    return plan


def plan_rows(records: QuerySet) -> list[Planned]:
    """The plan of these development records (a queryset; four queries whatever its size)."""
    kind_codes, settings_ = codes(), siasn_settings()
    return [_plan(row, kind_codes, settings_) for row in records.values(*ROW_FIELDS)]


def plan_year(year: int, unit: Unit | None = None) -> list[Planned]:
    return plan_rows(verified_records(year, unit))


def plan_record(record_id: int) -> Planned | None:
    """The plan of one record; None when it is not (or no longer) verified."""
    plans = plan_rows(DevelopmentRecord.objects.filter(pk=record_id, status=RecordStatus.VERIFIED))
    return plans[0] if plans else None


def attach_records(plans: list[Planned]) -> list[Planned]:
    """The model instances behind these plans (a page of them), with employee, unit and send."""
    by_pk = DevelopmentRecord.objects.select_related("employee", "employee__unit", "siasn_send").in_bulk(
        [p.record_id for p in plans])
    for plan in plans:
        plan.record = by_pk[plan.record_id]
        plan.send = getattr(plan.record, "siasn_send", None) if plan.send else None
    return plans


def counts(plans: list[Planned]) -> dict[str, int]:
    totals = {status: 0 for status in SendStatus.values}
    for plan in plans:
        totals[plan.status] += 1
    return totals


def export_rows(year: int) -> list[list]:
    """The year's records for the CSV/XLSX export, in SIASN's columns (``mapping.FIELDS``): every
    record that is not held and whose employee's SIASN id is known, sent ones with their id."""
    return [
        mapping.table_row(plan.payload)
        for plan in plan_year(year)
        if plan.status != SendStatus.HELD and plan.pns_orang_id
    ]


def years_with_records() -> list[int]:
    # order_by(): the model's default ordering would make DISTINCT run over (year, date, id)
    years = DevelopmentRecord.objects.filter(status=RecordStatus.VERIFIED).order_by().values_list("year", flat=True)
    return sorted(set(years.distinct()), reverse=True)


def failed_sends(year: int, unit: Unit | None = None) -> QuerySet:
    qs = SiasnSend.objects.filter(status=SendStatus.FAILED, record__year=year, record__status=RecordStatus.VERIFIED)
    if unit is not None:
        qs = qs.filter(record__employee__unit_id__in=unit_subtree_ids(unit))
    return qs
