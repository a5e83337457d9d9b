"""HR's pages: for HR only; enrolling by NIP, finishing and cancelling; external records and the
SIASN export."""

from django.urls import reverse

from pelatihan.models import Enrolment
from tests.pelatihan.factories import login


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
    csv_text = b"".join(client.get(reverse("pelatihan:siasn-export", args=[2025, "csv"])).streaming_content).decode()
    assert csv_text.splitlines()[0].lstrip("\ufeff").startswith("id,pnsOrangId,instansiId,")  # SIASN's own columns
