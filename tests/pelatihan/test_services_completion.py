"""Finishing a session, certificates and external development records through the services."""

import datetime as dt

import pytest

from pelatihan.documents import certificates
from pelatihan.exceptions import CompletionError
from pelatihan.models import Certificate, DevelopmentRecord, EnrolmentStatus, RecordStatus
from pelatihan.selectors.history import jp_in_year
from pelatihan.services.attendance import attendance_record
from pelatihan.services.completion import (
    certificate_issue,
    external_record_create,
    external_record_reject,
    session_finish,
)
from pelatihan.services.enrolment import enrolment_create
from tests.pelatihan.factories import (
    make_participants,
    make_programme,
    past_session,
)


def test_finishing_completes_at_80_percent_and_credits_jp_to_that_year(db, hr_user):
    session = past_session(ndays=5, programme=make_programme(jp=24), capacity=5)
    a, b = make_participants(2)
    ea = enrolment_create(session=session, employee=a, by_hr=True).enrolment
    eb = enrolment_create(session=session, employee=b, by_hr=True).enrolment
    days = list(session.days.all())
    for i, day in enumerate(days):
        attendance_record(day=day, enrolment=ea, status="hadir" if i < 3 else "terlambat")  # 5/5
        if i < 4:
            attendance_record(day=day, enrolment=eb, status="hadir" if i else "terlambat")  # 4/5 = 80 %
        else:
            attendance_record(day=day, enrolment=eb, status="alpa")
    result = session_finish(session=session, actor=hr_user)
    assert {e.pk for e in result.completed} == {ea.pk, eb.pk}
    year = days[-1].date.year
    assert jp_in_year(a, year) == 24
    record = DevelopmentRecord.objects.get(enrolment=eb)
    assert record.status == RecordStatus.VERIFIED and record.year == year
    assert record.certificate_number == eb.certificate.number


def test_below_the_rule_does_not_complete(db, hr_user):
    session = past_session(ndays=5)
    (a,) = make_participants(1)
    ea = enrolment_create(session=session, employee=a, by_hr=True).enrolment
    for i, day in enumerate(session.days.all()):
        attendance_record(day=day, enrolment=ea, status="hadir" if i < 3 else "izin")  # 3/5 = 60 %
    result = session_finish(session=session, actor=hr_user)
    assert result.not_completed == [ea]
    ea.refresh_from_db()
    assert ea.status == EnrolmentStatus.NOT_COMPLETED
    assert not Certificate.objects.exists() and not DevelopmentRecord.objects.exists()


def test_a_session_with_days_to_come_cannot_finish(session, hr_user):
    with pytest.raises(CompletionError) as exc:
        session_finish(session=session, actor=hr_user)
    assert exc.value.code == "not_over"


def test_certificate_issue_is_idempotent_and_numbers_verify(db, hr_user):
    session = past_session(ndays=1)
    (a,) = make_participants(1)
    ea = enrolment_create(session=session, employee=a, by_hr=True).enrolment
    attendance_record(day=session.days.get(), enrolment=ea, status="hadir")
    session_finish(session=session, actor=hr_user)
    ea.refresh_from_db()
    cert = ea.certificate
    assert certificate_issue(enrolment=ea) == cert
    assert certificates.check_number(cert.number) == certificates.VALID
    tampered = cert.number.replace("-0", "-9", 1)
    assert certificates.check_number(tampered) == certificates.TAMPERED
    assert certificates.check_number("ABC-123") == certificates.UNKNOWN
    pdf = certificates.render_pdf([cert, cert])
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 0


def test_rejecting_an_external_record_needs_a_reason(city, hr_user):
    from pelatihan.exceptions import TrainingError

    r = external_record_create(
        employee=city.teacher, title="X", route="kursus", competency_kind="teknis", provider="Y",
        start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 1, 1), jp=2, actor=hr_user,
    )
    with pytest.raises(TrainingError):
        external_record_reject(record_=r, actor=hr_user, reason="")
    external_record_reject(record_=r, actor=hr_user, reason="Sertifikat tidak terbaca")
    r.refresh_from_db()
    assert r.status == "rejected"
