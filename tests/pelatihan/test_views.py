"""Every view: the allowed user, an outsider (403/404) and the wrong method."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from pelatihan import services
from pelatihan.models import AttendanceRecord, Enrolment
from tests import factories as f
from tests.pelatihan.factories import make_participants, make_session


@pytest.fixture
def running(db, trainer_user, employee_user, city):
    """A session meeting today with the teacher confirmed, the trainer in charge."""
    today = timezone.localdate()
    session = make_session(capacity=5, trainers=[trainer_user], days=[
        (today - dt.timedelta(days=1), dt.time(8), dt.time(16)), (today, dt.time(0), dt.time(23, 59))])
    enrolment = services.enrolment_create(session=session, employee=city.teacher, by_hr=True).enrolment
    return session, enrolment


def login(client, user):
    client.force_login(user)
    return client


def test_session_list_and_detail(client, employee_user, session, django_assert_max_num_queries):
    login(client, employee_user)
    for _ in range(5):
        make_session()
    with django_assert_max_num_queries(12):
        response = client.get(reverse("pelatihan:session-list"))
    assert response.status_code == 200 and session.programme.title in response.content.decode()
    assert client.get(reverse("pelatihan:session-detail", args=[session.pk])).status_code == 200
    assert client.post(reverse("pelatihan:session-list")).status_code == 405
    client.logout()
    assert client.get(reverse("pelatihan:session-list")).status_code == 302


def test_seats_fragment_is_public_and_live(client, session):
    response = client.get(reverse("pelatihan:session-seats", args=[session.pk]))
    assert response.status_code == 200 and 'data-seats-left="3"' in response.content.decode()
    assert client.post(reverse("pelatihan:session-seats", args=[session.pk])).status_code == 405


def test_register_posts_and_redirects_to_next(client, employee_user, session, city):
    login(client, employee_user)
    url = reverse("pelatihan:session-register", args=[session.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": "/workshop/x/"})
    assert response.status_code == 302 and response["Location"] == "/workshop/x/"
    assert Enrolment.objects.get(session=session, employee=city.teacher).status == "confirmed"
    evil = client.post(url, {"next": "https://evil.example/"})
    assert evil["Location"] == reverse("pelatihan:session-detail", args=[session.pk])


def test_a_user_without_an_employee_record_cannot_register(client, trainer_user, session):
    login(client, trainer_user)
    client.post(reverse("pelatihan:session-register", args=[session.pk]))
    assert not Enrolment.objects.exists()


def test_employees_reach_only_their_own_registrations(client, employee_user, colleague_user, session, city):
    enrolment = services.enrolment_create(session=session, employee=city.teacher).enrolment
    login(client, colleague_user)
    assert client.post(reverse("pelatihan:enrolment-cancel", args=[enrolment.pk])).status_code == 403
    page = client.get(reverse("pelatihan:my-enrolments")).content.decode()
    assert session.programme.title not in page
    login(client, employee_user)
    assert session.programme.title in client.get(reverse("pelatihan:my-enrolments")).content.decode()
    assert client.get(reverse("pelatihan:enrolment-cancel", args=[enrolment.pk])).status_code == 405
    assert client.post(reverse("pelatihan:enrolment-cancel", args=[enrolment.pk])).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == "cancelled"


def test_approvals_page_for_the_supervisor_only(client, supervisor_user, colleague_user, other_unit_user, city):
    session = make_session(approval_required=True)
    enrolment = services.enrolment_create(session=session, employee=city.teacher).enrolment
    login(client, other_unit_user)
    assert client.get(reverse("pelatihan:approvals")).status_code == 403
    assert client.post(reverse("pelatihan:approval-decide", args=[enrolment.pk]), {"decision": "approve"}).status_code == 403
    login(client, supervisor_user)
    page = client.get(reverse("pelatihan:approvals"))
    assert city.teacher.name in page.content.decode()
    assert client.get(reverse("pelatihan:approval-decide", args=[enrolment.pk])).status_code == 405
    client.post(reverse("pelatihan:approval-decide", args=[enrolment.pk]), {"decision": "reject", "reason": ""})
    enrolment.refresh_from_db()
    assert enrolment.status == "pending_approval"
    client.post(reverse("pelatihan:approval-decide", args=[enrolment.pk]), {"decision": "reject", "reason": "Ujian"})
    enrolment.refresh_from_db()
    assert enrolment.status == "rejected"


def test_trainers_reach_only_their_own_sessions(client, running, trainer_user):
    session, _enrolment = running
    other_trainer = f.make_user(groups=["Fasilitator"])
    day = session.days.last()
    urls = [
        reverse("pelatihan:attendance-sheet", args=[session.pk, day.pk]),
        reverse("pelatihan:checkin-screen", args=[session.pk, day.pk]),
        reverse("pelatihan:checkin-code", args=[session.pk, day.pk]),
        reverse("pelatihan:attendance-export", args=[session.pk, "csv"]),
    ]
    login(client, other_trainer)
    assert [client.get(u).status_code for u in urls] == [403] * 4
    assert session.programme.title not in client.get(reverse("pelatihan:trainer-sessions")).content.decode()
    login(client, trainer_user)
    assert [client.get(u).status_code for u in urls] == [200] * 4
    assert session.programme.title in client.get(reverse("pelatihan:trainer-sessions")).content.decode()
    assert client.post(urls[1]).status_code == 405


def test_trainers_see_names_and_units_only(client, running, trainer_user, city):
    session, _e = running
    login(client, trainer_user)
    page = client.get(reverse("pelatihan:attendance-sheet", args=[session.pk, session.days.last().pk])).content.decode()
    assert city.teacher.name in page and city.school.name in page
    assert city.teacher.nip not in page and city.teacher.nip_display not in page and city.teacher.email not in page


def test_the_sheet_saves_and_all_present(client, running, trainer_user):
    session, enrolment = running
    day = session.days.first()
    login(client, trainer_user)
    url = reverse("pelatihan:attendance-sheet", args=[session.pk, day.pk])
    assert client.post(url, {f"status_{enrolment.pk}": "sakit", f"note_{enrolment.pk}": "demam"}).status_code == 302
    assert AttendanceRecord.objects.get().status == "sakit"
    client.post(url, {f"status_{enrolment.pk}": "sakit", f"note_{enrolment.pk}": "demam"})
    assert AttendanceRecord.objects.count() == 1
    client.post(reverse("pelatihan:attendance-sheet", args=[session.pk, session.days.last().pk]), {"all_present": "1"})
    assert AttendanceRecord.objects.filter(status="hadir").count() == 1


def test_the_qr_screen_rotates_and_check_in_works_over_http(client, running, trainer_user, employee_user, colleague_user):
    session, enrolment = running
    day = session.days.last()
    login(client, trainer_user)
    fragment = client.get(reverse("pelatihan:checkin-code", args=[session.pk, day.pk])).content.decode()
    assert "<svg" in fragment and 'data-expected="1"' in fragment
    import re

    url = re.search(r'data-url="([^"]+)"', fragment).group(1)
    path = url.replace("http://testserver", "")
    login(client, colleague_user)
    response = client.post(path)
    assert response.status_code == 400 and not AttendanceRecord.objects.exists()
    login(client, employee_user)
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200
    assert AttendanceRecord.objects.get().status == "hadir"
    assert client.post(path).status_code == 400  # already recorded
    assert client.put(path).status_code == 405


def test_attendance_export_xlsx(client, running, trainer_user):
    session, _e = running
    login(client, trainer_user)
    response = client.get(reverse("pelatihan:attendance-export", args=[session.pk, "xlsx"]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert client.get(reverse("pelatihan:attendance-export", args=[session.pk, "doc"])).status_code == 404


def _finished(hr_user, employee):
    first = timezone.localdate() - dt.timedelta(days=3)
    session = make_session(days=[(first, dt.time(8), dt.time(16))])
    enrolment = services.enrolment_create(session=session, employee=employee, by_hr=True).enrolment
    services.attendance_record(day=session.days.get(), enrolment=enrolment, status="hadir")
    services.session_finish(session=session, actor=hr_user)
    enrolment.refresh_from_db()
    return session, enrolment


def test_certificate_verification_page(client, hr_user, city):
    _s, enrolment = _finished(hr_user, city.teacher)
    number = enrolment.certificate.number
    response = client.get(reverse("pelatihan:certificate-verify", args=[number]))
    page = response.content.decode()
    assert response.status_code == 200 and "data-verdict" not in page
    assert city.teacher.nip not in page and city.teacher.name not in page  # masked
    tampered = number[:-1] + ("A" if number[-1] != "A" else "B")
    response = client.get(reverse("pelatihan:certificate-verify", args=[tampered]))
    assert response.status_code == 404 and response.context["verdict"] == "tampered"
    response = client.get(reverse("pelatihan:certificate-verify", args=["SBS-2020-999999-AAAAAAAA"]))
    assert response.status_code == 404
    from pelatihan.certificates import make_number

    unknown = make_number(year=2020, sequence=999999)
    assert client.get(reverse("pelatihan:certificate-verify", args=[unknown])).context["verdict"] == "unknown"
    assert client.post(reverse("pelatihan:certificate-verify", args=[number])).status_code == 405


def test_certificate_download_for_the_owner_and_hr_only(client, hr_user, employee_user, other_unit_user, city):
    session, enrolment = _finished(hr_user, city.teacher)
    url = reverse("pelatihan:certificate-download", args=[enrolment.certificate.number])
    login(client, other_unit_user)
    assert client.get(url).status_code == 403
    login(client, employee_user)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    login(client, hr_user)
    all_certs = client.get(reverse("pelatihan:session-certificates", args=[session.pk]))
    assert all_certs.status_code == 200 and all_certs.content.startswith(b"%PDF")
    login(client, other_unit_user)
    assert client.get(reverse("pelatihan:session-certificates", args=[session.pk])).status_code == 403


def test_history_pages(client, hr_user, employee_user, supervisor_user, other_unit_user, city):
    _finished(hr_user, city.teacher)
    login(client, employee_user)
    page = client.get(reverse("pelatihan:my-history")).content.decode()
    assert "16 / 20 JP" in page
    url = reverse("pelatihan:employee-history", args=[city.teacher.nip])
    login(client, other_unit_user)
    assert client.get(url).status_code == 403
    login(client, supervisor_user)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405


def test_hr_pages_are_for_hr_only(client, hr_user, employee_user, session, city):
    urls_get = [reverse("pelatihan:hr-session-list"), reverse("pelatihan:hr-session-detail", args=[session.pk]),
                reverse("pelatihan:hr-records"), reverse("pelatihan:siasn-export", args=[2025, "csv"])]
    login(client, employee_user)
    assert [client.get(u).status_code for u in urls_get] == [403] * 4
    assert client.post(reverse("pelatihan:hr-enrol", args=[session.pk]), {"nip": city.nurse.nip}).status_code == 403
    login(client, hr_user)
    assert [client.get(u).status_code for u in urls_get] == [200] * 4
    assert client.get(reverse("pelatihan:hr-enrol", args=[session.pk])).status_code == 405
    client.post(reverse("pelatihan:hr-enrol", args=[session.pk]), {"nip": city.nurse.nip_display})
    assert Enrolment.objects.get(employee=city.nurse).source == "hr"
    assert client.post(reverse("pelatihan:hr-session-finish", args=[session.pk])).status_code == 302
    assert client.post(reverse("pelatihan:hr-session-cancel", args=[session.pk])).status_code == 302
    session.refresh_from_db()
    assert session.status == "cancelled"


def test_hr_adds_and_verifies_an_external_record(client, hr_user, city):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, hr_user)
    response = client.post(reverse("pelatihan:hr-records"), {
        "nip": city.teacher.nip, "title": "Diklat PKA", "route": "pelatihan", "competency_kind": "manajerial",
        "provider": "BPSDM Aceh", "start_date": "2025-02-01", "end_date": "2025-02-10", "jp": "30",
        "certificate_number": "PKA/2025/1", "certificate_file": SimpleUploadedFile("s.pdf", b"%PDF-1.4 x"),
    })
    assert response.status_code == 302
    record = city.teacher.development_records.get()
    assert record.status == "pending" and record.certificate_file
    client.post(reverse("pelatihan:hr-record-decide", args=[record.pk]), {"decision": "verify"})
    record.refresh_from_db()
    assert record.status == "verified"
    xlsx = client.get(reverse("pelatihan:siasn-export", args=[2025, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    csv_text = client.get(reverse("pelatihan:siasn-export", args=[2025, "csv"])).content.decode()
    assert city.teacher.nip in csv_text and "Diklat PKA" in csv_text


def test_the_private_calendar_feed(client, employee_user, session, city):
    services.enrolment_create(session=session, employee=city.teacher)
    login(client, employee_user)
    assert client.get(reverse("pelatihan:calendar-feed-create")).status_code == 405
    client.post(reverse("pelatihan:calendar-feed-create"))
    token = city.teacher.calendar_feed.token
    client.logout()
    response = client.get(reverse("pelatihan:calendar-feed", args=[token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert session.programme.title in response.content.decode()
    assert client.get(reverse("pelatihan:calendar-feed", args=["wrong-token"])).status_code == 404


def test_the_dashboard_shows_development_and_trainer_cards(client, employee_user, trainer_user, session, city,
                                                          django_assert_max_num_queries):
    services.enrolment_create(session=session, employee=city.teacher)
    login(client, employee_user)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("portal:dashboard")).content.decode()
    assert session.programme.title in page and 'data-jp="0"' in page
    login(client, trainer_user)
    assert session.programme.title in client.get(reverse("portal:dashboard")).content.decode()


def test_many_participants_do_not_grow_the_sheet_queries(client, running, trainer_user, django_assert_max_num_queries):
    session, _e = running
    for p in make_participants(4):
        services.enrolment_create(session=session, employee=p, by_hr=True)
    login(client, trainer_user)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("pelatihan:attendance-sheet", args=[session.pk, session.days.first().pk])).status_code == 200
