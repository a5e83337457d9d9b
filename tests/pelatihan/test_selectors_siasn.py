"""The plan of a year for SIASN: the code table as shipped (a test per route), where each record
stands, and the export rows in SIASN's columns."""

import pytest
from django.utils import timezone

from pelatihan.models import CompetencyKind, Route, SendStatus, SiasnKindCode, SiasnPerson, SiasnSend
from pelatihan.selectors import siasn as siasn_selectors
from pelatihan.services.attendance import attendance_record
from pelatihan.services.completion import session_finish
from pelatihan.services.enrolment import enrolment_create
from pelatihan.siasn.codes import DEFAULT_CODES
from pelatihan.siasn.mapping import FIELDS
from tests.pelatihan.factories import make_participants, past_session
from tests.pelatihan.siasn_factories import siasn_ready, verified_record

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English messages

SHIPPED = {(route, kind): (code, label) for route, kind, code, label in DEFAULT_CODES}


@pytest.mark.parametrize("route", Route.values)
def test_each_route_maps_to_its_shipped_code_and_waits_for_bkpsdm(db, city, hr_user, route):
    siasn_ready(confirm=False)
    kinds = CompetencyKind.values if route == Route.PELATIHAN else [CompetencyKind.TEKNIS]
    for n, kind in enumerate(kinds):
        verified_record(city.teacher, hr_user, route=route, kind=kind, title=f"{route} {kind}", certificate_number=f"C/{n}")
    plans = siasn_selectors.plan_year(2025)
    assert len(plans) == len(kinds)
    for plan in plans:
        code, label = SHIPPED.get((route, plan.course.competency_kind)) or SHIPPED[(route, "")]
        assert (plan.payload["jenisDiklatId"], plan.payload["jenisKursusSertipikat"]) == (code, label)
        assert plan.status == SendStatus.HELD and "not confirmed" in plan.detail
    SiasnKindCode.objects.filter(route=route).update(confirmed=True)
    assert {p.status for p in siasn_selectors.plan_year(2025)} == {SendStatus.PENDING}


def test_a_route_without_any_code_is_held_with_the_reason(db, city, hr_user):
    siasn_ready()
    SiasnKindCode.objects.filter(route="magang").delete()
    verified_record(city.teacher, hr_user, route="magang")
    (plan,) = siasn_selectors.plan_year(2025)
    assert plan.status == SendStatus.HELD and plan.payload is None and "No SIASN code" in plan.detail


def test_where_each_record_stands(db, city, hr_user):
    siasn_ready()
    fresh = verified_record(city.teacher, hr_user, title="Baru")
    sent = verified_record(city.teacher, hr_user, title="Terkirim", certificate_number="T/1")
    changed = verified_record(city.teacher, hr_user, title="Berubah", certificate_number="T/2")
    failed = verified_record(city.teacher, hr_user, title="Gagal", certificate_number="T/3")
    plans = {p.record_id: p for p in siasn_selectors.plan_year(2025)}
    for record_, rw_id in ((sent, "rw-1"), (changed, "rw-2")):
        SiasnSend.objects.create(record=record_, status=SendStatus.SENT, rw_kursus_id=rw_id, sent_at=timezone.now(),
                                 fingerprint=plans[record_.pk].fingerprint)
    SiasnSend.objects.create(record=failed, status=SendStatus.FAILED, message="HTTP 400: ditolak")
    changed.jp = 40
    changed.save()
    plans = {p.record_id: p for p in siasn_selectors.plan_year(2025)}
    assert plans[fresh.pk].status == SendStatus.PENDING and plans[fresh.pk].detail == "Not sent yet."
    assert plans[sent.pk].status == SendStatus.SENT
    assert plans[changed.pk].status == SendStatus.PENDING and "rw-2" in plans[changed.pk].detail
    assert plans[changed.pk].payload["id"] == "rw-2"
    assert plans[failed.pk].status == SendStatus.FAILED and plans[failed.pk].detail == "HTTP 400: ditolak"
    assert siasn_selectors.counts(list(plans.values())) == {"pending": 2, "sent": 1, "held": 0, "failed": 1}


def test_the_export_has_the_json_columns_and_only_records_that_can_go(db, city, hr_user):
    siasn_ready()
    SiasnPerson.objects.create(employee=city.teacher, pns_orang_id="P-GURU", looked_up_at=timezone.now())
    verified_record(city.teacher, hr_user)
    verified_record(city.teacher, hr_user, title="Tanpa nomor", certificate_number="")  # held
    verified_record(city.nurse, hr_user, title="Belum dicari")  # employee not looked up yet
    (row,) = siasn_selectors.export_rows(2025)
    assert len(row) == len(FIELDS)
    assert dict(zip(FIELDS, row, strict=True)) | {} == {
        "id": "", "pnsOrangId": "P-GURU", "instansiId": "A5EB03E23CCCF6A0E040640A040252AD",
        "institusiPenyelenggara": "BPSDM Aceh", "jenisDiklatId": "4", "jenisKursus": "",
        "jenisKursusSertipikat": "Workshop", "jumlahJam": 24, "lokasiId": "", "namaKursus": "Bimtek Literasi Digital",
        "nomorSertipikat": "800/BPSDM/2025/0917", "tahunKursus": 2025, "tanggalKursus": "04-08-2025",
        "tanggalSelesaiKursus": "06-08-2025", "path": "[]",
    }


def test_a_unit_filter_takes_its_sub_units(db, city, hr_user):
    siasn_ready()
    verified_record(city.teacher, hr_user)  # a school under Dinas Pendidikan
    verified_record(city.nurse, hr_user)
    assert [p.employee_id for p in siasn_selectors.plan_year(2025, city.disdik)] == [city.teacher.pk]


def test_a_record_from_a_finished_session_carries_the_certificate_number(db, hr_user):
    siasn_ready()
    session = past_session(ndays=2)
    (participant,) = make_participants(1)
    enrolment = enrolment_create(session=session, employee=participant, by_hr=True).enrolment
    for day in session.days.all():
        attendance_record(day=day, enrolment=enrolment, status="hadir")
    session_finish(session=session, actor=hr_user)
    days = list(session.days.all())
    (plan,) = siasn_selectors.plan_year(days[-1].date.year)
    assert plan.status == SendStatus.PENDING
    assert plan.payload["nomorSertipikat"] == enrolment.certificate.number
    assert plan.payload["jumlahJam"] == 16 and plan.payload["namaKursus"] == session.programme.title
    assert plan.payload["tanggalKursus"] == days[0].date.strftime("%d-%m-%Y")
    assert plan.payload["institusiPenyelenggara"] == "BKPSDM Kota Subulussalam"


def test_the_years_are_each_listed_once(db, city, hr_user):
    verified_record(city.teacher, hr_user)
    verified_record(city.nurse, hr_user, title="Lain")
    assert siasn_selectors.years_with_records() == [2025]
