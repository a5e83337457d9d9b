"""HR's pages: for HR only; enrolling by NIP, finishing and cancelling; external records and the
SIASN export."""

import pytest
from django.urls import reverse

from pelatihan.models import Enrolment
from pelatihan.services.attendance import attendance_record
from pelatihan.services.enrolment import enrolment_cancel
from tests.pelatihan.factories import login, make_participants, past_session, register


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
    assert client.post(reverse("pelatihan:hr-session-finish", args=[session.pk])).status_code == 302  # not over yet
    assert client.post(reverse("pelatihan:hr-session-cancel", args=[session.pk]), {"confirm": "yes"}).status_code == 302
    session.refresh_from_db()
    assert session.status == "cancelled"


class TestCancellingASession:
    """Cancelling cannot be undone: the confirmation says how many people are told, and only its
    button (``confirm=yes``) cancels."""

    @pytest.fixture
    def full(self, session):
        """Three confirmed (one without an e-mail address), two on the waiting list, one cancelled
        earlier (not told again)."""
        people = make_participants(6)
        people[0].email = ""
        people[0].save()
        enrolments = [register(session, p, by_hr=True) for p in people]
        enrolment_cancel(enrolment=enrolments[5])
        return session

    def url(self, session):
        return reverse("pelatihan:hr-session-cancel", args=[session.pk])

    def test_the_confirmation_says_how_many_people_are_told(self, client, hr_user, full):
        login(client, hr_user)
        detail = client.get(reverse("pelatihan:hr-session-detail", args=[full.pk])).content.decode()
        assert f'href="{self.url(full)}"' in detail
        html = client.get(self.url(full)).content.decode()
        assert "Batalkan kelas: 5 orang akan diberi tahu melalui e-mail." in html
        assert "3 peserta terkonfirmasi kehilangan kursinya." in html
        assert "2 orang di daftar tunggu dikeluarkan dari daftar." in html
        assert "1 di antaranya tidak punya alamat e-mail" in html
        full.refresh_from_db()
        assert full.status == "published"

    def test_a_post_without_the_confirmation_cancels_nothing(self, client, hr_user, full, mailoutbox,
                                                             django_capture_on_commit_callbacks):
        login(client, hr_user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(self.url(full))
        assert response.status_code == 200 and "Batalkan kelas ini?" in response.content.decode()
        full.refresh_from_db()
        assert full.status == "published" and not mailoutbox

    def test_the_confirmed_post_cancels_and_mails_the_figure_it_showed(self, client, hr_user, full, mailoutbox,
                                                                       django_capture_on_commit_callbacks):
        login(client, hr_user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(self.url(full), {"confirm": "yes"})
        assert response.status_code == 302
        full.refresh_from_db()
        assert full.status == "cancelled"
        assert len(mailoutbox) == 4  # the five told, less the one without an address
        again = client.get(self.url(full))  # nothing left to cancel
        assert again.status_code == 302 and again.url == reverse("pelatihan:hr-session-detail", args=[full.pk])

    def test_only_hr_cancels(self, client, trainer_user, employee_user, full):
        for user in (trainer_user, employee_user):
            login(client, user)
            assert client.get(self.url(full)).status_code == 403
            assert client.post(self.url(full), {"confirm": "yes"}).status_code == 403
        full.refresh_from_db()
        assert full.status == "published"


class TestFinishingASession:
    """Finishing cannot be undone: the confirmation lists who completes and who does not, by the
    rule the service applies, and only its button (``confirm=yes``) finishes."""

    @pytest.fixture
    def over(self, db):
        session = past_session(ndays=2, capacity=5)
        people = make_participants(3)
        enrolments = [register(session, p, by_hr=True) for p in people]
        days = list(session.days.all())
        for enrolment in enrolments[:2]:
            for day in days:
                attendance_record(day=day, enrolment=enrolment, status="hadir")
        attendance_record(day=days[0], enrolment=enrolments[2], status="hadir")  # 1 of 2 days
        return session, enrolments

    def url(self, session):
        return reverse("pelatihan:hr-session-finish", args=[session.pk])

    def test_the_confirmation_names_who_completes_and_who_does_not(self, client, hr_user, over,
                                                                   django_assert_max_num_queries):
        session, enrolments = over
        login(client, hr_user)
        detail = client.get(reverse("pelatihan:hr-session-detail", args=[session.pk])).content.decode()
        assert f'href="{self.url(session)}"' in detail
        with django_assert_max_num_queries(12):
            html = client.get(self.url(session)).content.decode()
        assert "2 selesai dengan sertifikat, 1 tidak selesai" in html
        assert enrolments[2].employee.full_name in html and "hadir 1 dari 2 hari" in html
        session.refresh_from_db()
        assert session.status == "published"

    def test_a_post_without_the_confirmation_finishes_nothing(self, client, hr_user, over):
        session, _enrolments = over
        login(client, hr_user)
        response = client.post(self.url(session))
        assert response.status_code == 200 and "Selesaikan kelas ini?" in response.content.decode()
        session.refresh_from_db()
        assert session.status == "published"

    def test_the_confirmed_post_finishes_as_the_page_said(self, client, hr_user, over):
        session, enrolments = over
        login(client, hr_user)
        assert client.post(self.url(session), {"confirm": "yes"}).status_code == 302
        session.refresh_from_db()
        assert session.status == "finished"
        assert [Enrolment.objects.get(pk=e.pk).status for e in enrolments] == ["completed", "completed", "not_completed"]
        again = client.get(self.url(session))  # nothing left to finish
        assert again.status_code == 302

    def test_a_session_with_days_to_come_cannot_be_finished(self, client, hr_user, session):
        login(client, hr_user)
        assert client.get(self.url(session)).status_code == 302
        session.refresh_from_db()
        assert session.status == "published"

    def test_only_hr_finishes(self, client, trainer_user, employee_user, over):
        session, _enrolments = over
        for user in (trainer_user, employee_user):
            login(client, user)
            assert client.get(self.url(session)).status_code == 403
            assert client.post(self.url(session), {"confirm": "yes"}).status_code == 403
        session.refresh_from_db()
        assert session.status == "published"


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
    csv_text = b"".join(client.get(reverse("pelatihan:siasn-export", args=[2025, "csv"])).streaming_content).decode()
    assert csv_text.splitlines()[0].lstrip("\ufeff").startswith("id,pnsOrangId,instansiId,")  # SIASN's own columns
