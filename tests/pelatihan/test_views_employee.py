"""The employee's pages: sessions and registering, registrations, the calendar link, the
certificate download and the development history. The allowed user, an outsider and the wrong method."""

from django.urls import reverse

from pelatihan.models import Enrolment
from pelatihan.services.enrolment import enrolment_create
from tests.pelatihan.factories import completed_session, login, make_session


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
    enrolment = enrolment_create(session=session, employee=city.teacher).enrolment
    url = reverse("pelatihan:enrolment-cancel", args=[enrolment.pk])
    login(client, colleague_user)
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 403
    page = client.get(reverse("pelatihan:my-enrolments")).content.decode()
    assert session.programme.title not in page
    login(client, employee_user)
    assert session.programme.title in client.get(reverse("pelatihan:my-enrolments")).content.decode()
    assert client.put(url).status_code == 405
    # Cancelling asks first: GET is a confirmation page and changes nothing.
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert '<form method="post" class="field-actions">' in confirm.content.decode()
    assert f'href="{url}"' in client.get(reverse("pelatihan:my-enrolments")).content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == "confirmed"
    assert client.post(url).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == "cancelled"


def test_certificate_download_for_the_owner_and_hr_only(client, hr_user, employee_user, other_unit_user, city,
                                                       django_capture_on_commit_callbacks):
    session, enrolment = completed_session(hr_user, city.teacher)
    url = reverse("pelatihan:certificate-download", args=[enrolment.certificate.number])
    login(client, other_unit_user)
    assert client.get(url).status_code == 403
    login(client, employee_user)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    login(client, hr_user)
    # The session's batch is built in the background; its page links the file when it is ready.
    with django_capture_on_commit_callbacks(execute=True):
        started = client.get(reverse("pelatihan:session-certificates", args=[session.pk]))
    assert started.status_code == 302 and started["Location"].startswith("/unduhan/")
    assert "berkas/" in client.get(started["Location"]).content.decode()
    all_certs = client.get(started["Location"] + "berkas/")
    assert all_certs.status_code == 200 and b"".join(all_certs.streaming_content).startswith(b"%PDF")
    login(client, other_unit_user)
    assert client.get(reverse("pelatihan:session-certificates", args=[session.pk])).status_code == 403


def test_history_pages(client, hr_user, employee_user, supervisor_user, other_unit_user, city):
    completed_session(hr_user, city.teacher)
    login(client, employee_user)
    page = client.get(reverse("pelatihan:my-history")).content.decode()
    assert "16 / 20 JP" in page
    url = reverse("pelatihan:employee-history", args=[city.teacher.nip])
    login(client, other_unit_user)
    assert client.get(url).status_code == 403
    login(client, supervisor_user)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405


def test_the_private_calendar_feed(client, employee_user, session, city):
    enrolment_create(session=session, employee=city.teacher)
    login(client, employee_user)
    assert client.get(reverse("pelatihan:calendar-feed-create")).status_code == 405
    client.post(reverse("pelatihan:calendar-feed-create"))
    token = city.teacher.calendar_feed.token
    client.logout()
    response = client.get(reverse("pelatihan:calendar-feed", args=[token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert session.programme.title in response.content.decode()
    assert client.get(reverse("pelatihan:calendar-feed", args=["wrong-token"])).status_code == 404
