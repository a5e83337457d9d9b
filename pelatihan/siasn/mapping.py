"""A development record as SIASN's training-history record ("riwayat kursus"): pure functions over
plain data, no database.

``to_record`` builds the exact JSON object ``kursus/save`` takes (``FIELDS``, in this order);
``hold_reasons`` says why a record must not be sent yet (never sent with a guess);
``fingerprint`` tells whether a record changed since it was sent; ``same_course`` recognises the
record in the employee's SIASN history; ``retry_delay`` is the backoff between attempts after a
timeout or a server error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..models.catalogue import CompetencyKind, Route
from .codes import ANY_KIND

# SIASN's field names, in the order public clients send them.
FIELDS = (
    "id", "pnsOrangId", "instansiId", "institusiPenyelenggara", "jenisDiklatId", "jenisKursus",
    "jenisKursusSertipikat", "jumlahJam", "lokasiId", "namaKursus", "nomorSertipikat", "tahunKursus",
    "tanggalKursus", "tanggalSelesaiKursus", "path",
)
DATE_FORMAT = "%d-%m-%Y"  # SIASN's dd-mm-YYYY

# Backoff after a timeout or a 5xx: 1 min, 4 min, 16 min, 64 min, then 4 h 16 min at most.
RETRY_BASE_SECONDS = 60
RETRY_FACTOR = 4
RETRY_MAX_SECONDS = 256 * 60


@dataclass(frozen=True)
class KindCode:
    """One row of the code table: the SIASN code of a route (and competency kind)."""

    jenis_diklat_id: str
    label: str
    confirmed: bool


@dataclass(frozen=True)
class Course:
    """What the mapping reads from a development record."""

    title: str
    provider: str
    route: str
    competency_kind: str
    start_date: dt.date
    end_date: dt.date
    year: int
    jp: int
    certificate_number: str


def siasn_date(value: dt.date) -> str:
    return value.strftime(DATE_FORMAT)


def find_code(codes: Mapping[tuple[str, str], KindCode], route: str, competency_kind: str) -> KindCode | None:
    """The code of the route and kind, else the route's code for every kind, else None."""
    return codes.get((route, competency_kind)) or codes.get((route, ANY_KIND))


ROUTE_LABELS = dict(Route.choices)
KIND_LABELS = dict(CompetencyKind.choices)


def _kind_label(route: str, competency_kind: str) -> str:
    return f"{ROUTE_LABELS.get(route, route)} / {KIND_LABELS.get(competency_kind, competency_kind)}"


def hold_reasons(course: Course, code: KindCode | None, *, instansi_id: str) -> list[str]:
    """Why this record cannot go to SIASN as it is; empty when it can. A kind without a code, or
    with a default code BKPSDM has not confirmed, is held: SIASN never gets a guess."""
    reasons = []
    if code is None:
        reasons.append(_("No SIASN code for %(kind)s: add one to the SIASN code table.") % {
            "kind": _kind_label(course.route, course.competency_kind)})
    elif not code.confirmed:
        reasons.append(_("The SIASN code for %(kind)s is a default BKPSDM has not confirmed yet.") % {
            "kind": _kind_label(course.route, course.competency_kind)})
    if not instansi_id.strip():
        reasons.append(_("The agency's SIASN id (instansiId) is not set in the SIASN settings."))
    if not course.certificate_number.strip():
        reasons.append(_("The record has no certificate number."))
    if course.jp < 1:
        reasons.append(_("The record credits no JP."))
    if not course.provider.strip():
        reasons.append(_("The record names no provider."))
    return reasons


def to_record(course: Course, code: KindCode, *, instansi_id: str, pns_orang_id: str | None,
              rw_kursus_id: str = "", lokasi_id: str = "") -> dict:
    """The JSON object ``kursus/save`` takes: ``FIELDS`` in order; integers for ``jumlahJam``
    and ``tahunKursus``; dd-mm-YYYY dates; ``id`` SIASN's id of the record to update (None for a
    new one)."""
    return {
        "id": rw_kursus_id or None,
        "pnsOrangId": pns_orang_id,
        "instansiId": instansi_id.strip(),
        "institusiPenyelenggara": course.provider.strip(),
        "jenisDiklatId": code.jenis_diklat_id.strip(),
        "jenisKursus": None,
        "jenisKursusSertipikat": code.label.strip(),
        "jumlahJam": int(course.jp),
        "lokasiId": lokasi_id.strip() or None,
        "namaKursus": course.title.strip(),
        "nomorSertipikat": course.certificate_number.strip(),
        "tahunKursus": int(course.year),
        "tanggalKursus": siasn_date(course.start_date),
        "tanggalSelesaiKursus": siasn_date(course.end_date),
        "path": [],
    }


def fingerprint(record: dict) -> str:
    """What the record says, without SIASN's ids: it changes when the development record, its
    code or the agency settings change, so a record sent before is sent again as an update."""
    content = {k: v for k, v in record.items() if k not in ("id", "pnsOrangId")}
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def table_row(record: dict) -> list:
    """The record as a spreadsheet row under ``FIELDS`` (None as an empty cell, ``path`` as JSON)."""
    row = []
    for field in FIELDS:
        value = record[field]
        if field == "path":
            value = json.dumps(value, ensure_ascii=False)
        row.append("" if value is None else value)
    return row


def _same_text(a, b) -> bool:
    return " ".join(str(a or "").split()).casefold() == " ".join(str(b or "").split()).casefold()


def same_course(entry: dict, record: dict) -> bool:
    """Is this entry of an employee's SIASN training history the record about to be created —
    same title and dates, and the same certificate number when both have one? (A record typed in
    by hand before, or created by an attempt whose answer was lost, is updated, not duplicated.)"""
    if not (_same_text(entry.get("namaKursus"), record["namaKursus"])
            and entry.get("tanggalKursus") == record["tanggalKursus"]):
        return False
    if entry.get("tanggalSelesaiKursus") and entry["tanggalSelesaiKursus"] != record["tanggalSelesaiKursus"]:
        return False
    numbers = entry.get("nomorSertipikat"), record["nomorSertipikat"]
    return not all(numbers) or _same_text(*numbers)


def retry_delay(attempts: int) -> dt.timedelta:
    """How long to wait after the ``attempts``-th failed attempt (timeouts and 5xx)."""
    seconds = RETRY_BASE_SECONDS * RETRY_FACTOR ** max(0, attempts - 1)
    return dt.timedelta(seconds=min(seconds, RETRY_MAX_SECONDS))
