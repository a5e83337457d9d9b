import datetime as dt

import pytest
from django.utils import timezone

from pelatihan import certificates, rules, selectors, services
from pelatihan.exceptions import CompletionError
from pelatihan.models import Certificate, DevelopmentRecord, EnrolmentStatus, RecordStatus
from tests.pelatihan.factories import make_participants, make_programme, make_session


def past_session(ndays=5, **kw):
    first = timezone.localdate() - dt.timedelta(days=ndays + 1)
    days = [(first + dt.timedelta(days=i), dt.time(8), dt.time(16)) for i in range(ndays)]
    return make_session(days=days, **kw)


@pytest.mark.parametrize(
    ("attended", "total", "minimum", "expected"),
    [(4, 5, 80, True), (3, 5, 80, False), (8, 10, 80, True), (7, 9, 80, False), (5, 5, 100, True), (0, 1, 0, True)],
)
def test_the_completion_rule_at_its_boundary(attended, total, minimum, expected):
    assert rules.meets_completion_rule(
        attended_days=attended, total_days=total, min_percent=minimum, pass_mark=None, post_test_score=None
    ) is expected


def test_the_post_test_pass_mark_applies_when_set():
    kw = {"attended_days": 5, "total_days": 5, "min_percent": 80}
    assert rules.meets_completion_rule(pass_mark=70, post_test_score=70, **kw)
    assert not rules.meets_completion_rule(pass_mark=70, post_test_score=69, **kw)
    assert not rules.meets_completion_rule(pass_mark=70, post_test_score=None, **kw)


def test_finishing_completes_at_80_percent_and_credits_jp_to_that_year(db, hr_user):
    session = past_session(ndays=5, programme=make_programme(jp=24), capacity=5)
    a, b = make_participants(2)
    ea = services.enrolment_create(session=session, employee=a, by_hr=True).enrolment
    eb = services.enrolment_create(session=session, employee=b, by_hr=True).enrolment
    days = list(session.days.all())
    for i, day in enumerate(days):
        services.attendance_record(day=day, enrolment=ea, status="hadir" if i < 3 else "terlambat")  # 5/5
        if i < 4:
            services.attendance_record(day=day, enrolment=eb, status="hadir" if i else "terlambat")  # 4/5 = 80 %
        else:
            services.attendance_record(day=day, enrolment=eb, status="alpa")
    result = services.session_finish(session=session, actor=hr_user)
    assert {e.pk for e in result.completed} == {ea.pk, eb.pk}
    year = days[-1].date.year
    assert selectors.jp_in_year(a, year) == 24
    record = DevelopmentRecord.objects.get(enrolment=eb)
    assert record.status == RecordStatus.VERIFIED and record.year == year
    assert record.certificate_number == eb.certificate.number


def test_below_the_rule_does_not_complete(db, hr_user):
    session = past_session(ndays=5)
    (a,) = make_participants(1)
    ea = services.enrolment_create(session=session, employee=a, by_hr=True).enrolment
    for i, day in enumerate(session.days.all()):
        services.attendance_record(day=day, enrolment=ea, status="hadir" if i < 3 else "izin")  # 3/5 = 60 %
    result = services.session_finish(session=session, actor=hr_user)
    assert result.not_completed == [ea]
    ea.refresh_from_db()
    assert ea.status == EnrolmentStatus.NOT_COMPLETED
    assert not Certificate.objects.exists() and not DevelopmentRecord.objects.exists()


def test_a_session_with_days_to_come_cannot_finish(session, hr_user):
    with pytest.raises(CompletionError) as exc:
        services.session_finish(session=session, actor=hr_user)
    assert exc.value.code == "not_over"


def test_certificate_issue_is_idempotent_and_numbers_verify(db, hr_user):
    session = past_session(ndays=1)
    (a,) = make_participants(1)
    ea = services.enrolment_create(session=session, employee=a, by_hr=True).enrolment
    services.attendance_record(day=session.days.get(), enrolment=ea, status="hadir")
    services.session_finish(session=session, actor=hr_user)
    ea.refresh_from_db()
    cert = ea.certificate
    assert services.certificate_issue(enrolment=ea) == cert
    assert certificates.check_number(cert.number) == certificates.VALID
    tampered = cert.number.replace("-0", "-9", 1)
    assert certificates.check_number(tampered) == certificates.TAMPERED
    assert certificates.check_number("ABC-123") == certificates.UNKNOWN
    pdf = certificates.render_pdf([cert, cert])
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 0


def test_jp_totals_per_year_count_only_verified_records(city, hr_user):
    teacher = city.teacher
    services.external_record_create(
        employee=teacher, title="Diklat A", route="kursus", competency_kind="teknis", provider="LAN",
        start_date=dt.date(2024, 3, 1), end_date=dt.date(2024, 3, 3), jp=12, actor=hr_user,
    )
    r2 = services.external_record_create(
        employee=teacher, title="Diklat B", route="seminar", competency_kind="teknis", provider="LAN",
        start_date=dt.date(2024, 5, 1), end_date=dt.date(2024, 5, 1), jp=10, actor=hr_user,
    )
    r3 = services.external_record_create(
        employee=teacher, title="Diklat C", route="e_learning", competency_kind="manajerial", provider="LMS",
        start_date=dt.date(2025, 12, 30), end_date=dt.date(2026, 1, 2), jp=8, actor=hr_user,
    )
    services.external_record_verify(record_=r2, actor=hr_user)
    services.external_record_verify(record_=r3, actor=hr_user)
    _records, years = selectors.development_history(teacher)
    totals = {y.year: y.jp for y in years}
    assert totals[2024] == 10  # the pending Diklat A does not count
    assert totals[2026] == 8  # credited to the year it ended
    assert all(y.target == 20 for y in years)


def test_pppk_target_is_24():
    assert rules.jp_target("PPPK") == 24 and rules.jp_target("PNS") == 20


def test_rejecting_an_external_record_needs_a_reason(city, hr_user):
    from pelatihan.exceptions import TrainingError

    r = services.external_record_create(
        employee=city.teacher, title="X", route="kursus", competency_kind="teknis", provider="Y",
        start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 1, 1), jp=2, actor=hr_user,
    )
    with pytest.raises(TrainingError):
        services.external_record_reject(record_=r, actor=hr_user, reason="")
    services.external_record_reject(record_=r, actor=hr_user, reason="Sertifikat tidak terbaca")
    r.refresh_from_db()
    assert r.status == "rejected"


def test_siasn_rows_have_the_siasn_columns(db, hr_user):
    session = past_session(ndays=1)
    (a,) = make_participants(1)
    ea = services.enrolment_create(session=session, employee=a, by_hr=True).enrolment
    services.attendance_record(day=session.days.get(), enrolment=ea, status="hadir")
    services.session_finish(session=session, actor=hr_user)
    year = session.days.get().date.year
    rows = selectors.siasn_rows(year)
    assert len(rows) == 1 and len(rows[0]) == len(selectors.SIASN_HEADERS)
    assert rows[0][0] == a.nip and rows[0][-2] == 16


def test_the_ical_feed_lists_confirmed_sessions(db):
    from icalendar import Calendar

    from pelatihan.calendar import feed_ics

    (a,) = make_participants(1)
    s1 = make_session(ndays=2)
    s2 = make_session(start_in_days=30, ndays=1)
    services.enrolment_create(session=s1, employee=a)
    services.enrolment_create(session=s2, employee=a)
    cal = Calendar.from_ical(feed_ics(selectors.feed_sessions(a), name="Pelatihan saya"))
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == 3
    assert {str(e["summary"]) for e in events} == {f"{s1.programme.title} — {s1.name}", f"{s2.programme.title} — {s2.name}"}
    assert all(str(e["location"]) == "Aula BKPSDM" for e in events)
    first = sorted(events, key=lambda e: e.decoded("dtstart"))[0]
    assert first.decoded("dtstart").hour == 8
