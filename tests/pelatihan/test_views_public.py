"""Pages without a login: the live seat count and certificate verification."""

from django.urls import reverse

from pelatihan.documents.certificates import make_number
from tests.pelatihan.factories import completed_session


def test_seats_fragment_is_public_and_live(client, session):
    response = client.get(reverse("pelatihan:session-seats", args=[session.pk]))
    assert response.status_code == 200 and 'data-seats-left="3"' in response.content.decode()
    assert client.post(reverse("pelatihan:session-seats", args=[session.pk])).status_code == 405


def test_certificate_verification_page(client, hr_user, city):
    _s, enrolment = completed_session(hr_user, city.teacher)
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

    unknown = make_number(year=2020, sequence=999999)
    assert client.get(reverse("pelatihan:certificate-verify", args=[unknown])).context["verdict"] == "unknown"
    assert client.post(reverse("pelatihan:certificate-verify", args=[number])).status_code == 405
