"""SIASN's training-history record from a development record: pure functions, no database."""

import datetime as dt
import json

import pytest

from pelatihan.models import CompetencyKind, Route
from pelatihan.siasn import mapping
from pelatihan.siasn.codes import ANY_KIND, DEFAULT_CODES

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English messages

COURSE = mapping.Course(
    title="Bimtek Literasi Digital", provider="BPSDM Aceh", route="workshop", competency_kind="teknis",
    start_date=dt.date(2025, 8, 4), end_date=dt.date(2025, 8, 6), year=2025, jp=24,
    certificate_number="800/BPSDM/2025/0917",
)
WORKSHOP = mapping.KindCode("4", "Workshop", confirmed=True)
DEFAULTS = {(route, kind): mapping.KindCode(code, label, True) for route, kind, code, label in DEFAULT_CODES}


def test_the_record_has_siasn_names_types_and_dates():
    record = mapping.to_record(COURSE, WORKSHOP, instansi_id="A5EB", pns_orang_id="P1")
    assert list(record) == [
        "id", "pnsOrangId", "instansiId", "institusiPenyelenggara", "jenisDiklatId", "jenisKursus",
        "jenisKursusSertipikat", "jumlahJam", "lokasiId", "namaKursus", "nomorSertipikat", "tahunKursus",
        "tanggalKursus", "tanggalSelesaiKursus", "path",
    ]
    assert record == {
        "id": None, "pnsOrangId": "P1", "instansiId": "A5EB", "institusiPenyelenggara": "BPSDM Aceh",
        "jenisDiklatId": "4", "jenisKursus": None, "jenisKursusSertipikat": "Workshop", "jumlahJam": 24,
        "lokasiId": None, "namaKursus": "Bimtek Literasi Digital", "nomorSertipikat": "800/BPSDM/2025/0917",
        "tahunKursus": 2025, "tanggalKursus": "04-08-2025", "tanggalSelesaiKursus": "06-08-2025", "path": [],
    }
    assert type(record["jumlahJam"]) is int and type(record["tahunKursus"]) is int


def test_an_update_carries_siasns_id_and_the_location_when_set():
    record = mapping.to_record(COURSE, WORKSHOP, instansi_id="A5EB", pns_orang_id="P1", rw_kursus_id="8ae4",
                               lokasi_id="L9")
    assert record["id"] == "8ae4" and record["lokasiId"] == "L9"


def test_a_kind_specific_code_wins_over_the_routes_code():
    codes = {("pelatihan", ANY_KIND): mapping.KindCode("13", "Lainnya", True),
             ("pelatihan", "manajerial"): mapping.KindCode("5", "Pelatihan Manajerial", True)}
    assert mapping.find_code(codes, "pelatihan", "manajerial").jenis_diklat_id == "5"
    assert mapping.find_code(codes, "pelatihan", "teknis").jenis_diklat_id == "13"
    assert mapping.find_code(codes, "seminar", "teknis") is None


@pytest.mark.parametrize("route", Route.values)
def test_every_route_has_a_shipped_code_for_every_kind(route):
    for kind in CompetencyKind.values:
        code = mapping.find_code(DEFAULTS, route, kind)
        assert code is not None and code.jenis_diklat_id.isdigit() and 1 <= int(code.jenis_diklat_id) <= 25
        assert code.label


def test_the_shipped_codes_for_classroom_training_follow_the_competency_kind():
    assert [mapping.find_code(DEFAULTS, "pelatihan", k).jenis_diklat_id for k in ("teknis", "manajerial", "sosial_kultural")] \
        == ["3", "5", "6"]


def test_a_record_without_a_code_or_with_an_unconfirmed_one_is_held():
    assert mapping.hold_reasons(COURSE, WORKSHOP, instansi_id="A5EB") == []
    missing = mapping.hold_reasons(COURSE, None, instansi_id="A5EB")
    assert len(missing) == 1 and "No SIASN code" in missing[0] and "Workshop" in missing[0]
    unconfirmed = mapping.hold_reasons(COURSE, mapping.KindCode("4", "Workshop", False), instansi_id="A5EB")
    assert "not confirmed" in unconfirmed[0]


def test_a_record_without_agency_id_certificate_number_or_jp_is_held():
    course = mapping.Course(**{**COURSE.__dict__, "certificate_number": " ", "jp": 0})
    reasons = mapping.hold_reasons(course, WORKSHOP, instansi_id="")
    assert len(reasons) == 3
    assert any("instansiId" in r for r in reasons) and any("certificate number" in r for r in reasons)


def test_the_fingerprint_ignores_siasns_ids_and_follows_the_content():
    first = mapping.to_record(COURSE, WORKSHOP, instansi_id="A5EB", pns_orang_id=None)
    same = mapping.to_record(COURSE, WORKSHOP, instansi_id="A5EB", pns_orang_id="P1", rw_kursus_id="8ae4")
    renamed = mapping.to_record(mapping.Course(**{**COURSE.__dict__, "title": "Bimtek Literasi Digital II"}),
                                WORKSHOP, instansi_id="A5EB", pns_orang_id="P1")
    assert mapping.fingerprint(first) == mapping.fingerprint(same) != mapping.fingerprint(renamed)


def test_a_spreadsheet_row_has_the_json_columns():
    record = mapping.to_record(COURSE, WORKSHOP, instansi_id="A5EB", pns_orang_id="P1")
    row = mapping.table_row(record)
    assert len(row) == len(mapping.FIELDS)
    assert row[0] == "" and row[7] == 24 and row[-1] == "[]" and json.loads(row[-1]) == []


def test_retries_back_off_four_times_longer_each_time_up_to_a_ceiling():
    delays = [mapping.retry_delay(n).total_seconds() for n in range(1, 8)]
    assert delays[:5] == [60, 240, 960, 3840, 15360]
    assert max(delays) == mapping.RETRY_MAX_SECONDS


def test_the_same_course_is_recognised_in_siasns_history():
    record = mapping.to_record(COURSE, WORKSHOP, instansi_id="A5EB", pns_orang_id="P1")
    typed = {"id": "x", "namaKursus": " bimtek  literasi digital", "tanggalKursus": "04-08-2025",
             "tanggalSelesaiKursus": "06-08-2025", "nomorSertipikat": ""}
    assert mapping.same_course(typed, record)
    assert not mapping.same_course(typed | {"tanggalKursus": "05-08-2025"}, record)
    assert not mapping.same_course(typed | {"tanggalSelesaiKursus": "07-08-2025"}, record)
    assert not mapping.same_course(typed | {"nomorSertipikat": "LAIN/1"}, record)
    assert mapping.same_course(typed | {"nomorSertipikat": "800/bpsdm/2025/0917"}, record)
