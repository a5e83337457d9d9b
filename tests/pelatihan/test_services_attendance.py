import datetime as dt

import pytest
from django.core import signing
from django.utils import timezone

from pelatihan import rules
from pelatihan.exceptions import AttendanceError
from pelatihan.models import AttendanceRecord
from pelatihan.selectors.attendance import checkin_progress, today_meeting
from pelatihan.services.attendance import (
    attendance_all_present,
    attendance_record,
    attendance_sheet_save,
    checkin,
    checkin_token,
)
from pelatihan.services.enrolment import enrolment_create
from tests.pelatihan.factories import make_participants, make_session


@pytest.fixture
def today_session(db, trainer_user):
    today = timezone.localdate()
    session = make_session(
        capacity=5, trainers=[trainer_user],
        days=[(today - dt.timedelta(days=1), dt.time(8), dt.time(16)), (today, dt.time(0), dt.time(23, 59))],
    )
    people = make_participants(3)
    enrolments = [enrolment_create(session=session, employee=p, by_hr=True).enrolment for p in people]
    return session, people, enrolments


def test_saving_the_same_sheet_twice_changes_nothing(today_session, trainer_user):
    session, _people, enrolments = today_session
    day = session.days.first()
    entries = {enrolments[0].pk: ("hadir", ""), enrolments[1].pk: ("sakit", "surat dokter")}
    assert attendance_sheet_save(day=day, entries=entries, actor=trainer_user) == 2
    assert attendance_sheet_save(day=day, entries=entries, actor=trainer_user) == 0
    assert AttendanceRecord.objects.filter(day=day).count() == 2


def test_all_present_marks_only_those_without_a_record(today_session, trainer_user):
    session, _people, enrolments = today_session
    day = session.days.first()
    attendance_record(day=day, enrolment=enrolments[0], status="izin", actor=trainer_user)
    assert attendance_all_present(day=day, actor=trainer_user) == 2
    assert attendance_all_present(day=day, actor=trainer_user) == 0
    assert AttendanceRecord.objects.get(day=day, enrolment=enrolments[0]).status == "izin"


def test_qr_check_in_marks_hadir_once(today_session):
    session, people, _e = today_session
    day = today_meeting(session)
    token = checkin_token(day=day)
    record = checkin(token=token, session=session, employee=people[0])
    assert record.status == "hadir" and record.method == "qr"
    with pytest.raises(AttendanceError) as exc:
        checkin(token=token, session=session, employee=people[0])
    assert exc.value.code == "already"
    assert AttendanceRecord.objects.filter(day=day).count() == 1


def _code(fn):
    with pytest.raises(AttendanceError) as exc:
        fn()
    return exc.value.code


def test_qr_refuses_a_forged_token(today_session):
    session, people, _e = today_session
    day = today_meeting(session)
    token = checkin_token(day=day)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert _code(lambda: checkin(token=forged, session=session, employee=people[0])) == "forged"
    other_salt = signing.TimestampSigner(salt="something-else").sign(f"{session.pk}.{day.pk}")
    assert _code(lambda: checkin(token=other_salt, session=session, employee=people[0])) == "forged"
    assert not AttendanceRecord.objects.exists()


def test_qr_refuses_an_expired_token(today_session, monkeypatch):
    session, people, _e = today_session
    day = today_meeting(session)
    token = checkin_token(day=day)
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + rules.QR_ROTATE_SECONDS + rules.QR_GRACE_SECONDS + 5)
    assert _code(lambda: checkin(token=token, session=session, employee=people[0])) == "expired"
    monkeypatch.setattr(time, "time", real)
    assert not AttendanceRecord.objects.exists()


def test_qr_accepts_a_token_within_the_grace_period(today_session, monkeypatch):
    session, people, _e = today_session
    token = checkin_token(day=today_meeting(session))
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + rules.QR_ROTATE_SECONDS + rules.QR_GRACE_SECONDS - 5)
    assert checkin(token=token, session=session, employee=people[0]).status == "hadir"


def test_qr_refuses_another_session(today_session):
    session, people, _e = today_session
    other = make_session()
    token = checkin_token(day=today_meeting(session))
    assert _code(lambda: checkin(token=token, session=other, employee=people[0])) == "other_session"


def test_qr_refuses_another_day(today_session):
    session, people, _e = today_session
    yesterday = session.days.first()
    token = checkin_token(day=yesterday)
    assert _code(lambda: checkin(token=token, session=session, employee=people[0])) == "other_day"


def test_qr_refuses_someone_not_registered(today_session):
    session, _people, _e = today_session
    (outsider,) = make_participants(1)
    token = checkin_token(day=today_meeting(session))
    assert _code(lambda: checkin(token=token, session=session, employee=outsider)) == "not_registered"
    assert _code(lambda: checkin(token=token, session=session, employee=None)) == "not_registered"
    assert not AttendanceRecord.objects.exists()


def test_qr_refuses_a_waiting_list_entry(db):
    today = timezone.localdate()
    session = make_session(capacity=1, days=[(today, dt.time(0), dt.time(23, 59))])
    a, b = make_participants(2)
    enrolment_create(session=session, employee=a, by_hr=True)
    enrolment_create(session=session, employee=b, by_hr=True)
    token = checkin_token(day=session.days.get())
    assert _code(lambda: checkin(token=token, session=session, employee=b)) == "not_registered"


def test_checkin_progress_counts_present_against_expected(today_session):
    session, people, _e = today_session
    day = today_meeting(session)
    checkin(token=checkin_token(day=day), session=session, employee=people[1])
    assert checkin_progress(day) == {"expected": 3, "present": 1}
