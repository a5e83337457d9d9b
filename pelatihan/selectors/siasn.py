"""Reads for SIASN: the code table and settings, and the plan of a year — for each verified
development record, the exact record SIASN would get, why it is held, and where it stands
(pending, sent, held, failed). The reconciliation page, the export, the dry run and the sending
service all read this one plan, so they never disagree."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from penilaian.models import Unit
from penilaian.selectors.register import unit_subtree_ids

from ..models import DevelopmentRecord, RecordStatus, SendStatus, SiasnKindCode, SiasnSend, SiasnSettings
from ..siasn import mapping


@dataclass
class Planned:
    record: DevelopmentRecord
    send: SiasnSend | None
    payload: dict | None  # SIASN's record; ``pnsOrangId`` None while the employee is not looked up
    reasons: list[str] = field(default_factory=list)  # why it is held (empty: it may go)
    status: str = SendStatus.PENDING  # where it stands now
    detail: str = ""  # for the page: when it was sent, what failed, why held, when the next try is

    @property
    def fingerprint(self) -> str:
        return mapping.fingerprint(self.payload) if self.payload else ""

    @property
    def is_update(self) -> bool:
        return bool(self.send and self.send.rw_kursus_id)

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


def course(record: DevelopmentRecord) -> mapping.Course:
    return mapping.Course(
        title=record.title, provider=record.provider, route=record.route, competency_kind=record.competency_kind,
        start_date=record.start_date, end_date=record.end_date, year=record.year, jp=record.jp,
        certificate_number=record.certificate_number,
    )


def verified_records(year: int, unit: Unit | None = None) -> QuerySet:
    qs = DevelopmentRecord.objects.filter(year=year, status=RecordStatus.VERIFIED)
    if unit is not None:
        qs = qs.filter(employee__unit_id__in=unit_subtree_ids(unit))
    return qs.select_related("employee", "employee__unit", "employee__siasn", "siasn_send").order_by(
        "employee__unit__name", "employee__name", "start_date", "pk"
    )


def _person_id(record: DevelopmentRecord) -> str | None:
    person = getattr(record.employee, "siasn", None)  # reverse one-to-one: absent until looked up
    return person.pns_orang_id if person else None


def _send_of(record: DevelopmentRecord) -> SiasnSend | None:
    try:
        return record.siasn_send
    except SiasnSend.DoesNotExist:
        return None


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


def plan_records(records, *, kind_codes=None, settings_=None) -> list[Planned]:
    kind_codes = codes() if kind_codes is None else kind_codes
    settings_ = siasn_settings() if settings_ is None else settings_
    plans = []
    for record in records:
        item = course(record)
        code = mapping.find_code(kind_codes, record.route, record.competency_kind)
        send = _send_of(record)
        payload = None
        if code is not None:
            payload = mapping.to_record(
                item, code, instansi_id=settings_.instansi_id, pns_orang_id=_person_id(record),
                rw_kursus_id=send.rw_kursus_id if send else "", lokasi_id=settings_.lokasi_id,
            )
        plan = Planned(record, send, payload, mapping.hold_reasons(item, code, instansi_id=settings_.instansi_id))
        plan.status, plan.detail = _where(plan)
        plans.append(plan)
    return plans


def plan_year(year: int, unit: Unit | None = None) -> list[Planned]:
    return plan_records(verified_records(year, unit))


def plan_record(record: DevelopmentRecord) -> Planned:
    return plan_records([verified_records(record.year).get(pk=record.pk)])[0]


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
    return sorted(
        DevelopmentRecord.objects.filter(status=RecordStatus.VERIFIED).values_list("year", flat=True).distinct(),
        reverse=True,
    )


def failed_sends(year: int, unit: Unit | None = None) -> QuerySet:
    qs = SiasnSend.objects.filter(status=SendStatus.FAILED, record__year=year, record__status=RecordStatus.VERIFIED)
    if unit is not None:
        qs = qs.filter(record__employee__unit_id__in=unit_subtree_ids(unit))
    return qs
