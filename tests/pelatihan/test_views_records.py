"""An employee records a training from outside BKPSDM with its certificate; BKPSDM verifies it;
the certificate is a private file that only the employee, their supervisor chain and BKPSDM
can open."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from pelatihan.models import DevelopmentRecord
from pelatihan.selectors.history import jp_in_year
from pelatihan.services import completion as completion_services
from portal.core.files import private_storage
from tests import factories as f
from tests.pelatihan.factories import login

PDF = b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
HTML = b"<html><script>alert(1)</script></html>"


def _form(**overrides):
    last_week = timezone.localdate() - dt.timedelta(days=7)
    data = {
        "title": "Webinar Asesmen Formatif", "provider": "Kemendikdasmen", "route": "e_learning",
        "competency_kind": "teknis", "start_date": (last_week - dt.timedelta(days=2)).isoformat(),
        "end_date": last_week.isoformat(), "jp": "6", "certificate_number": "WB-2026-77",
        "certificate_file": SimpleUploadedFile("sertifikat-saya.pdf", PDF, content_type="application/pdf"),
    }
    data.update(overrides)
    return data


@pytest.fixture
def submitted(client, city, employee_user):
    login(client, employee_user)
    response = client.post(reverse("pelatihan:record-submit"), _form())
    assert response.status_code == 302 and response["Location"] == reverse("pelatihan:my-history")
    return DevelopmentRecord.objects.get(employee=city.teacher, source="external")


def test_the_employee_submits_a_record_that_waits_for_bkpsdm_and_counts_once_verified(client, submitted, employee_user,
                                                                                     hr_user, city):
    record = submitted
    assert record.status == "pending" and record.created_by == employee_user and record.jp == 6
    # Stored privately under a random name that says nothing about the person or the upload.
    name = record.certificate_file.name
    assert name.startswith("sertifikat-eksternal/") and name.endswith(".pdf")
    assert "sertifikat-saya" not in name and city.teacher.nip not in name and len(name.rsplit("/", 1)[1]) == 36
    field = DevelopmentRecord._meta.get_field("certificate_file")
    assert field._storage_callable is private_storage and record.certificate_file.storage.exists(name)
    assert client.get(settings.MEDIA_URL + name).status_code == 404  # never served by its path
    year = record.year
    assert jp_in_year(city.teacher, year) == 0
    page = client.get(reverse("pelatihan:my-history")).content.decode()
    assert "Menunggu verifikasi" in page and "Webinar Asesmen Formatif" in page
    completion_services.external_record_verify(record_=record, actor=hr_user)
    assert jp_in_year(city.teacher, year) == 6
    page = client.get(reverse("pelatihan:my-history")).content.decode()
    assert "Terverifikasi" in page and f"Menambah 6 JP untuk {year}" in page


def test_a_file_is_judged_by_its_content_not_its_name(client, city, employee_user):
    login(client, employee_user)
    url = reverse("pelatihan:record-submit")
    fake = SimpleUploadedFile("sertifikat.pdf", HTML, content_type="application/pdf")
    response = client.post(url, _form(certificate_file=fake))
    body = response.content.decode()
    assert response.status_code == 200 and "PDF, JPG atau PNG" in body
    assert "Webinar Asesmen Formatif" in body and "Kemendikdasmen" in body  # nothing typed is lost
    assert not DevelopmentRecord.objects.exists()
    real_png = SimpleUploadedFile("foto-sertifikat.txt", PNG, content_type="text/plain")
    assert client.post(url, _form(certificate_file=real_png)).status_code == 302
    assert DevelopmentRecord.objects.get().certificate_file.name.endswith(".png")


def test_files_over_five_megabytes_and_future_trainings_are_refused(client, city, employee_user):
    login(client, employee_user)
    url = reverse("pelatihan:record-submit")
    big = SimpleUploadedFile("besar.pdf", PDF + b"0" * (5 * 1024 * 1024), content_type="application/pdf")
    assert "5 MB" in client.post(url, _form(certificate_file=big)).content.decode()
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(url, _form(start_date=tomorrow, end_date=tomorrow))
    assert response.status_code == 200 and "setelah hari terakhirnya" in response.content.decode()
    assert client.post(url, _form(certificate_file="")).status_code == 200  # the certificate is required
    assert not DevelopmentRecord.objects.exists()


def test_the_certificate_opens_for_the_employee_the_supervisor_chain_and_hr_only(
    client, submitted, employee_user, supervisor_user, indirect_supervisor_user, hr_user, colleague_user,
    other_unit_user, trainer_user,
):
    url = reverse("pelatihan:record-certificate", args=[submitted.pk])
    for user in (employee_user, supervisor_user, indirect_supervisor_user, hr_user):
        login(client, user)
        response = client.get(url)
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"] and f"sertifikat-{submitted.pk}.pdf" in response["Content-Disposition"]
    for user in (colleague_user, other_unit_user, trainer_user):
        login(client, user)
        assert client.get(url).status_code == 403, user
    login(client, hr_user)
    assert client.post(url).status_code == 405
    assert client.get(reverse("pelatihan:record-certificate", args=[submitted.pk + 100])).status_code == 404
    # BKPSDM's list links the certificate through the same door, never a /media/ path.
    page = client.get(reverse("pelatihan:hr-records")).content.decode()
    assert url in page and "/media/" not in page
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_a_record_without_a_file_has_no_certificate_to_open(client, city, employee_user, hr_user):
    record = completion_services.external_record_create(
        employee=city.teacher, title="Seminar", route="seminar", competency_kind="teknis", provider="LAN",
        start_date=dt.date(2025, 3, 1), end_date=dt.date(2025, 3, 1), jp=4, actor=hr_user,
    )
    login(client, employee_user)
    assert client.get(reverse("pelatihan:record-certificate", args=[record.pk])).status_code == 404


def test_hr_still_adds_records_for_an_employee_by_nip(client, city, hr_user):
    login(client, hr_user)
    data = _form(nip=city.teacher.nip_display, certificate_file=SimpleUploadedFile("a.png", PNG))
    assert client.post(reverse("pelatihan:hr-records"), data).status_code == 302
    assert DevelopmentRecord.objects.get().created_by == hr_user


def test_only_employees_submit_records(client, trainer_user):
    login(client, trainer_user)
    assert client.get(reverse("pelatihan:record-submit")).status_code == 403
    f.make_user("tamu")  # keeps the personas honest: an account alone is not an employee
